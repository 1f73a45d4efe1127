package io.dbchange.core.approval;

import io.dbchange.api.Ids;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.internal.Checks;
import java.util.Optional;

/**
 * Picks the approval flow of a request: the first rule (in configuration order) whose source, risk and condition
 * all match the request decides its flow. A request no rule matches needs no approval (except a rollback, see
 * {@link ApprovalConfig#rollbackRole()}).
 *
 * @param id the rule's defined id, unique in a configuration
 * @param source the changes it applies to; empty for any
 * @param risk the request risk it applies to (exactly that level); empty for any
 * @param condition an optional CEL condition over {@link RiskVariables#FLOW_VARIABLES}, type {@code bool}
 * @param flowId the id of the flow it selects
 */
public record FlowRule(
        String id, Optional<ChangeSource> source, Optional<Risk> risk, Optional<String> condition, String flowId) {

    public FlowRule {
        Ids.requireDefinedId("id", id);
        Checks.notNull("source", source);
        Checks.notNull("risk", risk);
        Checks.notBlank("condition", condition);
        Ids.requireDefinedId("flowId", flowId);
    }

    /** A rule selecting {@code flowId} for changes from {@code source} at {@code risk}, without a condition. */
    public static FlowRule of(String id, ChangeSource source, Risk risk, String flowId) {
        return new FlowRule(
                id,
                Optional.of(Checks.notNull("source", source)),
                Optional.of(Checks.notNull("risk", risk)),
                Optional.empty(),
                flowId);
    }
}
