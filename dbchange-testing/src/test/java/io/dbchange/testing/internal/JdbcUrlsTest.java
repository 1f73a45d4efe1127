package io.dbchange.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource({
        "jdbc:mysql://h:3306/, t_1, jdbc:mysql://h:3306/t_1",
        "jdbc:mysql://h:3306, t_1, jdbc:mysql://h:3306/t_1",
        "jdbc:mysql://h:3306/app?useSSL=false&x=1, t_1, jdbc:mysql://h:3306/t_1?useSSL=false&x=1",
        "'jdbc:mysql://h1:3306,h2:3307/app', t_1, 'jdbc:mysql://h1:3306,h2:3307/t_1'",
        "jdbc:mysql://h:3306?sslMode=DISABLED, t_1, jdbc:mysql://h:3306/t_1?sslMode=DISABLED",
        "jdbc:mysql://h:3306/t_1, '', jdbc:mysql://h:3306/",
        "jdbc:postgresql://h:5432/postgres, t_1, jdbc:postgresql://h:5432/t_1",
        "jdbc:postgresql://h/postgres?ssl=true, t_1, jdbc:postgresql://h/t_1?ssl=true",
        "jdbc:postgresql:app, t_1, jdbc:postgresql:t_1",
        "jdbc:postgresql:/, t_1, jdbc:postgresql:t_1",
    })
    void replacesOnlyTheDatabase(String url, String database, String expected) {
        assertThat(JdbcUrls.withDatabase(url, database)).isEqualTo(expected);
    }
}
