package io.dbchange.api.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.approval.Roles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectAndEnvironmentTest {

    @Test
    void aProjectHasAValidIdAndAName() {
        assertThat(Project.of("billing", "Billing").description()).isEmpty();
        assertThatThrownBy(() -> Project.of("Billing", "Billing")).hasMessageContaining("'id' must be");
        assertThatThrownBy(() -> Project.of("billing", "")).hasMessage("'name' must not be blank");
        assertThatThrownBy(() -> new Project("billing", "B", null)).hasMessage("'description' must not be null");
    }

    @Test
    void environmentsSortInPipelineOrder() {
        Environment prod = new Environment("prod", "Production", 20, RolloutPolicy.manual(Roles.DBA));
        Environment test = new Environment("test", "Test", 0, RolloutPolicy.AUTOMATIC);
        Environment staging = new Environment("staging", "Staging", 10, RolloutPolicy.AUTOMATIC);

        assertThat(List.of(prod, test, staging).stream().sorted(Environment.PIPELINE_ORDER))
                .containsExactly(test, staging, prod);
    }

    @Test
    void anEnvironmentRankIsNotNegative() {
        assertThatThrownBy(() -> new Environment("test", "Test", -1, RolloutPolicy.AUTOMATIC))
                .hasMessage("'order' must not be negative but was -1");
        assertThatThrownBy(() -> new Environment("test", "Test", 0, null))
                .hasMessage("'rolloutPolicy' must not be null");
    }

    @Test
    void aManualRolloutNamesAtLeastOneValidRoleEachOnce() {
        assertThat(RolloutPolicy.manual(Roles.DBA, "RELEASE_MANAGER"))
                .isEqualTo(new RolloutPolicy.Manual(List.of("DBA", "RELEASE_MANAGER")))
                .hasToString("manual by DBA, RELEASE_MANAGER");
        assertThatThrownBy(RolloutPolicy::manual).hasMessage("'roles' must not be empty");
        assertThatThrownBy(() -> RolloutPolicy.manual("dba")).hasMessageContaining("'roles' must be a role name");
        assertThatThrownBy(() -> RolloutPolicy.manual(Roles.DBA, Roles.DBA))
                .hasMessage("'roles' holds role 'DBA' more than once");
    }

    @Test
    void aManualRolloutCopiesItsRoles() {
        List<String> roles = new ArrayList<>(List.of(Roles.DBA));
        RolloutPolicy.Manual manual = new RolloutPolicy.Manual(roles);
        roles.add(Roles.OWNER);

        assertThat(manual.roles()).containsExactly(Roles.DBA).isUnmodifiable();
    }
}
