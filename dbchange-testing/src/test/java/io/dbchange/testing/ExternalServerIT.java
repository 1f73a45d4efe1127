package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The external-server path, exercised against the JVM's own server: its admin URL is handed to a fresh resolution
 * as if it came from {@code DBCHANGE_TEST_*_URL}, without touching global system properties.
 */
class ExternalServerIT {

    private static TestServer externalView(TestServerKind kind) {
        ConnectionSettings admin = TestServers.of(kind).adminSettings();
        String prefix = kind == TestServerKind.MYSQL ? "DBCHANGE_TEST_MYSQL" : "DBCHANGE_TEST_POSTGRES";
        TestServerSettings settings = TestServerSettings.resolve(
                kind,
                Map.of(
                        prefix + "_URL",
                        admin.jdbcUrl(),
                        prefix + "_USER",
                        admin.user(),
                        prefix + "_PASSWORD",
                        admin.password()),
                Map.of());
        assertThat(settings.source()).isEqualTo(TestServerSource.EXTERNAL);
        return TestServers.start(settings);
    }

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void describesItselfByItsUrl(TestServerKind kind) {
        TestServer external = externalView(kind);

        assertThat(external.source()).isEqualTo(TestServerSource.EXTERNAL);
        assertThat(external.kind()).isEqualTo(kind);
        assertThat(external.description())
                .isEqualTo("external " + TestServers.of(kind).adminSettings().jdbcUrl());
        assertThat(external).isNotSameAs(TestServers.of(kind));
    }

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void createsDatabasesReachableWithTheConfiguredAccountAndCloseDropsThem(TestServerKind kind) throws SQLException {
        TestServer external = externalView(kind);
        TestDatabase db = external.createDatabase();
        assertThat(db.user()).isEqualTo(external.adminSettings().user());
        assertThat(Databases.exists(db)).isTrue();
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        }

        db.close();

        assertThat(Databases.exists(db)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void closeDoesNotWaitForSessionsTheTestLeftOpen(TestServerKind kind) throws SQLException {
        TestDatabase db = externalView(kind).createDatabase();
        Connection leaked = db.openConnection();
        try (Statement s = leaked.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            leaked.setAutoCommit(false);
            s.execute("INSERT INTO t VALUES (1)"); // open transaction holding locks on t
        }

        assertTimeoutPreemptively(Duration.ofSeconds(30), db::close);

        assertThat(Databases.exists(db)).isFalse();
        assertThat(leaked.isValid(2)).isFalse();
        leaked.close();
    }

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void unreachableServerFailsNamingTheUrlAndTheSettingsToCheck(TestServerKind kind) {
        String url = kind == TestServerKind.MYSQL ? "jdbc:mysql://127.0.0.1:1/" : "jdbc:postgresql://127.0.0.1:1/";

        assertThatThrownBy(() -> TestServers.start(TestServerSettings.external(kind, url, "nobody", "secret")))
                .isInstanceOf(DbChangeException.class)
                .hasMessageStartingWith("TEST_SERVER_UNAVAILABLE: cannot connect to the external " + kind
                        + " test server " + url + " as nobody")
                .hasMessageContaining("check the _URL, _USER and _PASSWORD settings")
                .hasMessageNotContaining("secret")
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.TEST_SERVER_UNAVAILABLE);
    }
}
