package io.dbchange.api.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolesTest {

    @Test
    void builtInRolesAreValid() {
        assertThat(Roles.BUILT_IN)
                .containsExactly("OWNER", "DBA", "PROJECT_OWNER", "PROJECT_DEVELOPER", "PROJECT_RELEASER")
                .allMatch(Roles::isValid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RELEASE_MANAGER", "X", "DBA2", "A_"})
    void acceptsUpperCaseNames(String role) {
        assertThat(Roles.requireValid("role", role)).isEqualTo(role);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dba", "Dba", "_DBA", "2DBA", "RELEASE-MANAGER", "RELEASE MANAGER", "roles/dba"})
    void rejectsOtherNamesSoThatCaseCannotSplitARole(String role) {
        assertThat(Roles.isValid(role)).isFalse();
        assertThatThrownBy(() -> Roles.requireValid("role", role))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[A-Z][A-Z0-9_]{0,63}")
                .hasMessageEndingWith("but was '" + role + "'");
    }

    @Test
    void limitsNamesTo64Characters() {
        assertThat(Roles.isValid("R".repeat(64))).isTrue();
        assertThat(Roles.isValid("R".repeat(65))).isFalse();
        assertThat(Roles.isValid(null)).isFalse();
    }
}
