package io.dbchange.api.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApprovalFlowTest {

    @Test
    void keepsStepsInOrderAndCopiesThem() {
        List<ApprovalStep> steps = new ArrayList<>(List.of(ApprovalStep.of(Roles.DBA)));
        ApprovalFlow flow = new ApprovalFlow("prod-ddl", "DBA then owners", steps);
        steps.add(new ApprovalStep(Roles.PROJECT_OWNER, 2));

        assertThat(flow.steps()).containsExactly(new ApprovalStep("DBA", 1));
        assertThat(flow.steps()).isUnmodifiable();
    }

    @Test
    void aStepNeedsOneApprovalByDefaultAndMayNeedSeveral() {
        assertThat(ApprovalStep.of(Roles.DBA).approvalsRequired()).isEqualTo(1);
        assertThat(new ApprovalStep(Roles.DBA, 3).approvalsRequired()).isEqualTo(3);
        assertThat(new ApprovalStep(Roles.DBA, 2)).hasToString("2 x DBA");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void aStepNeedsAtLeastOneApproval(int count) {
        assertThatThrownBy(() -> new ApprovalStep(Roles.DBA, count))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'approvalsRequired' must be at least 1 but was " + count);
    }

    @Test
    void aStepNamesAValidRole() {
        assertThatThrownBy(() -> ApprovalStep.of("dba")).hasMessageContaining("'role' must be a role name");
    }

    @Test
    void aFlowHasAtLeastOneStepAnIdAndATitle() {
        List<ApprovalStep> one = List.of(ApprovalStep.of(Roles.DBA));
        assertThatThrownBy(() -> new ApprovalFlow("prod-ddl", "t", List.of())).hasMessage("'steps' must not be empty");
        assertThatThrownBy(() -> new ApprovalFlow("Prod DDL", "t", one)).hasMessageContaining("'id' must be");
        assertThatThrownBy(() -> new ApprovalFlow("prod-ddl", " ", one)).hasMessage("'title' must not be blank");
    }
}
