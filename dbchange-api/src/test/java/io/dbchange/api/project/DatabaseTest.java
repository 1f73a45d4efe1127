package io.dbchange.api.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.engine.ConnectionSettings;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    static final Instance PROD_PG =
            new Instance("prod-pg", "prod", "postgresql", ConnectionSettings.of("jdbc:postgresql://db/shop", "", ""));

    @Test
    void belongsToItsInstancesEnvironmentByDefault() {
        Database shop = Database.on(PROD_PG, "shop", "billing");

        assertThat(shop).isEqualTo(new Database(new DatabaseRef("prod-pg", "shop"), "billing", "prod"));
    }

    @Test
    void mayBelongToAnotherEnvironment() {
        Database staging = new Database(new DatabaseRef("prod-pg", "shop_staging"), "billing", "staging");

        assertThat(staging.environmentId()).isEqualTo("staging");
    }

    @Test
    void aRefPrintsAsInstanceSlashName() {
        assertThat(new DatabaseRef("prod-pg", "Shop")).hasToString("prod-pg/Shop");
    }

    @Test
    void aRefNamesAValidInstanceAndANonBlankNameOfAtMost64Characters() {
        assertThat(new DatabaseRef("prod-pg", "x".repeat(64)).name()).hasSize(64);
        assertThatThrownBy(() -> new DatabaseRef("prod-pg", "x".repeat(65)))
                .hasMessageStartingWith("'name' must be at most 64 characters but was 65");
        assertThatThrownBy(() -> new DatabaseRef("prod-pg", " ")).hasMessage("'name' must not be blank");
        assertThatThrownBy(() -> new DatabaseRef("Prod", "shop")).hasMessageContaining("'instanceId' must be");
    }

    @Test
    void validatesProjectAndEnvironmentIds() {
        DatabaseRef ref = new DatabaseRef("prod-pg", "shop");
        assertThatThrownBy(() -> new Database(ref, "Billing", "prod")).hasMessageContaining("'projectId' must be");
        assertThatThrownBy(() -> new Database(ref, "billing", "")).hasMessageContaining("'environmentId' must be");
        assertThatThrownBy(() -> new Database(null, "billing", "prod")).hasMessage("'ref' must not be null");
    }
}
