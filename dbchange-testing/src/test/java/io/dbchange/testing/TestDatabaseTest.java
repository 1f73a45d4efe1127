package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.engine.ConnectionSettings;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    private final TestDatabase db =
            new TestDatabase(TestServerKind.MYSQL, "t_abc", "jdbc:mysql://127.0.0.1:3306/t_abc", "dbchange", "pw");

    @Test
    void connectionSettingsNameTheDatabaseAndUser() {
        assertThat(db.connectionSettings())
                .isEqualTo(ConnectionSettings.of("jdbc:mysql://127.0.0.1:3306/t_abc", "dbchange", "pw"));
    }

    @Test
    void rejectsNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() ->
                        new TestDatabase(TestServerKind.MYSQL, "t`; DROP DATABASE x", "jdbc:mysql://h/t", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'name' must be 1 to 63 letters, digits or underscores");
    }

    @Test
    void rejectsUrlOfTheOtherFamily() {
        assertThatThrownBy(() -> new TestDatabase(TestServerKind.POSTGRESQL, "t_1", "jdbc:mysql://h/t_1", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with 'jdbc:postgresql:'");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(db.toString()).doesNotContain("pw,").endsWith("password=***]");
    }

    @Test
    void dataSourceOpensConnectionsToTheSameUrl() {
        assertThat(db.dataSource().toString())
                .isEqualTo("DriverManagerDataSource[jdbc:mysql://127.0.0.1:3306/t_abc, user=dbchange]");
    }
}
