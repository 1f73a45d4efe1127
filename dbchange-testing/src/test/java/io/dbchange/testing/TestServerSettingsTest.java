package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestServerSettingsTest {

    @Test
    void choosesEmbeddedWhenNothingIsSet() {
        assertThat(TestServerSettings.resolve(TestServerKind.MYSQL, Map.of(), Map.of()))
                .isEqualTo(TestServerSettings.embedded(TestServerKind.MYSQL));
        assertThat(TestServerSettings.resolve(TestServerKind.POSTGRESQL, Map.of(), Map.of()))
                .isEqualTo(TestServerSettings.embedded(TestServerKind.POSTGRESQL));
    }

    @Test
    void choosesExternalServerNamedByEnvironment() {
        TestServerSettings settings = TestServerSettings.resolve(
                TestServerKind.MYSQL,
                Map.of(
                        "DBCHANGE_TEST_MYSQL_URL", "jdbc:mysql://db.example:3306/",
                        "DBCHANGE_TEST_MYSQL_USER", "ci",
                        "DBCHANGE_TEST_MYSQL_PASSWORD", "s3cret"),
                Map.of());

        assertThat(settings)
                .isEqualTo(TestServerSettings.external(
                        TestServerKind.MYSQL, "jdbc:mysql://db.example:3306/", "ci", "s3cret"));
    }

    @Test
    void systemPropertiesWinOverEnvironmentKeyByKey() {
        TestServerSettings settings = TestServerSettings.resolve(
                TestServerKind.POSTGRESQL,
                Map.of(
                        "DBCHANGE_TEST_POSTGRES_URL", "jdbc:postgresql://env:5432/",
                        "DBCHANGE_TEST_POSTGRES_USER", "env-user",
                        "DBCHANGE_TEST_POSTGRES_PASSWORD", "env-password"),
                Map.of(
                        "dbchange.test.postgres.url",
                        "jdbc:postgresql://prop:5432/",
                        "dbchange.test.postgres.user",
                        "prop-user"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://prop:5432/");
        assertThat(settings.user()).isEqualTo("prop-user");
        assertThat(settings.password()).isEqualTo("env-password");
    }

    @Test
    void defaultsTheUserOfExternalServers() {
        assertThat(TestServerSettings.resolve(
                                TestServerKind.MYSQL, Map.of("DBCHANGE_TEST_MYSQL_URL", "jdbc:mysql://h/"), Map.of())
                        .user())
                .isEqualTo("root");
        assertThat(TestServerSettings.resolve(
                                TestServerKind.POSTGRESQL,
                                Map.of(),
                                Map.of("dbchange.test.postgres.url", "jdbc:postgresql://h/"))
                        .user())
                .isEqualTo("postgres");
    }

    @Test
    void testcontainersOptInWinsOverExternalUrl() {
        TestServerSettings settings = TestServerSettings.resolve(
                TestServerKind.MYSQL,
                Map.of("DBCHANGE_TEST_MYSQL", "testcontainers", "DBCHANGE_TEST_MYSQL_URL", "jdbc:mysql://h/"),
                Map.of());

        assertThat(settings.source()).isEqualTo(TestServerSource.TESTCONTAINERS);
    }

    @Test
    void propertyCanForceEmbeddedOverEnvironmentOptIn() {
        TestServerSettings settings = TestServerSettings.resolve(
                TestServerKind.MYSQL,
                Map.of("DBCHANGE_TEST_MYSQL", "testcontainers", "DBCHANGE_TEST_MYSQL_URL", "jdbc:mysql://h/"),
                Map.of("dbchange.test.mysql", "Embedded"));

        assertThat(settings.source()).isEqualTo(TestServerSource.EMBEDDED);
    }

    @Test
    void ignoresBlankValues() {
        assertThat(TestServerSettings.resolve(
                                TestServerKind.MYSQL,
                                Map.of("DBCHANGE_TEST_MYSQL", " ", "DBCHANGE_TEST_MYSQL_URL", ""),
                                Map.of())
                        .source())
                .isEqualTo(TestServerSource.EMBEDDED);
    }

    @Test
    void rejectsTestcontainersForPostgres() {
        assertThatThrownBy(() -> TestServerSettings.resolve(
                        TestServerKind.POSTGRESQL, Map.of("DBCHANGE_TEST_POSTGRES", "testcontainers"), Map.of()))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("Testcontainers is offered for MySQL only")
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void rejectsUnknownSourceNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> TestServerSettings.resolve(
                        TestServerKind.MYSQL, Map.of("DBCHANGE_TEST_MYSQL", "docker"), Map.of()))
                .isInstanceOf(DbChangeException.class)
                .hasMessage("INVALID_ARGUMENT: DBCHANGE_TEST_MYSQL (or property dbchange.test.mysql) is 'docker' but"
                        + " must be one of 'embedded', 'external', 'testcontainers' or unset");
    }

    @Test
    void rejectsExternalWithoutUrl() {
        assertThatThrownBy(() -> TestServerSettings.resolve(
                        TestServerKind.POSTGRESQL, Map.of("DBCHANGE_TEST_POSTGRES", "external"), Map.of()))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("DBCHANGE_TEST_POSTGRES=external needs DBCHANGE_TEST_POSTGRES_URL");
    }

    @Test
    void rejectsUrlOfTheOtherFamily() {
        assertThatThrownBy(() -> TestServerSettings.resolve(
                        TestServerKind.MYSQL,
                        Map.of("DBCHANGE_TEST_MYSQL_URL", "jdbc:mariadb://h:3306/?password=x"),
                        Map.of()))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("'jdbc:mariadb://h:3306/?password=***' must start with 'jdbc:mysql:'");
    }

    @Test
    void neverPrintsThePassword() {
        TestServerSettings settings =
                TestServerSettings.external(TestServerKind.MYSQL, "jdbc:mysql://h/", "u", "s3cret");

        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=***");
    }
}
