package io.dbchange.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.engine.ConnectionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "jdbc:mysql://db1:3306/app, db1:3306/app",
        "jdbc:mysql://root:s3cret@db1:3306/app?useSSL=true&password=s3cret, db1:3306/app",
        "jdbc:postgresql://localhost/app?user=u&password=s3cret, localhost/app",
        "jdbc:postgresql:app, app",
        "jdbc:mariadb://db1/app;password=s3cret, db1/app"
    })
    void locationNamesHostAndDatabaseWithoutCredentials(String url, String expected) {
        assertThat(JdbcUrls.location(url)).isEqualTo(expected).doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:mysql://db/app?user=u&password=s3cret&ssl=true  | jdbc:mysql://db/app?user=u&password=***&ssl=true
            jdbc:mysql://u:s3cret@db:3306/app                    | jdbc:mysql://u:***@db:3306/app
            jdbc:postgresql://db/app?sslpassword=s3cret          | jdbc:postgresql://db/app?sslpassword=***
            jdbc:mysql://db:3306/app                             | jdbc:mysql://db:3306/app
            """)
    void redactionMasksEveryPasswordInAUrl(String url, String expected) {
        assertThat(ConnectionSettings.redact(url)).isEqualTo(expected);
    }

    @Test
    void replacesAPrefixIgnoringCase() {
        assertThat(JdbcUrls.replacePrefix("JDBC:MariaDB://h/d", "jdbc:mariadb:", "jdbc:mysql:"))
                .isEqualTo("jdbc:mysql://h/d");
        assertThat(JdbcUrls.replacePrefix("jdbc:mysql://h/d", "jdbc:mariadb:", "jdbc:mysql:"))
                .isEqualTo("jdbc:mysql://h/d");
        assertThat(JdbcUrls.subProtocol("jdbc:PostgreSQL://h/d")).isEqualTo("postgresql");
    }
}
