package io.dbchange.api.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.engine.ConnectionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceTest {

    static final String SECRET = "s3cr3t-Pa55";

    @Test
    void toStringNeverPrintsThePassword() {
        Instance instance = new Instance(
                "prod-mysql", "prod", "mysql", ConnectionSettings.of("jdbc:mysql://db:3306/shop", "app", SECRET));

        assertThat(instance.toString())
                .doesNotContain(SECRET)
                .isEqualTo("Instance[id=prod-mysql, environmentId=prod, engine=mysql,"
                        + " jdbcUrl=jdbc:mysql://db:3306/shop, user=app]");
    }

    @Test
    void toStringNeverPrintsAPasswordInTheUrlNorInDriverProperties() {
        Instance instance = new Instance(
                "prod-pg",
                "prod",
                "postgresql",
                ConnectionSettings.of("jdbc:postgresql://db/shop?user=app&password=" + SECRET + "&ssl=true", "", "")
                        .withProperty("password", SECRET)
                        .withProperty("sslpassword", SECRET));

        assertThat(instance.toString()).doesNotContain(SECRET).contains("password=***");
    }

    @Test
    void keepsTheCredentialsForConnecting() {
        Instance instance = new Instance(
                "prod-mysql", "prod", "mysql", ConnectionSettings.of("jdbc:mysql://db/shop", "app", SECRET));

        assertThat(instance.connection().password()).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MySQL", "my sql", "1mysql", "mysql!"})
    void rejectsEngineNamesThatAreNotEngineKeys(String engine) {
        assertThatThrownBy(
                        () -> new Instance("i", "prod", engine, ConnectionSettings.of("jdbc:mysql://db/shop", "", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'engine' must be an engine name");
    }

    @Test
    void validatesIdsAndRequiresConnectionSettings() {
        ConnectionSettings settings = ConnectionSettings.of("jdbc:mysql://db/shop", "", "");
        assertThatThrownBy(() -> new Instance("Prod", "prod", "mysql", settings))
                .hasMessageContaining("'id' must be");
        assertThatThrownBy(() -> new Instance("prod", "Prod", "mysql", settings))
                .hasMessageContaining("'environmentId' must be");
        assertThatThrownBy(() -> new Instance("prod", "prod", "mysql", null))
                .hasMessage("'connection' must not be null");
    }
}
