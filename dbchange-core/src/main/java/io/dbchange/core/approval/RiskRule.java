package io.dbchange.core.approval;

import io.dbchange.api.Ids;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.internal.Checks;
import java.util.Optional;

/**
 * A risk rule: when its CEL {@code expression} is true for a statement of a task of a change from {@code source},
 * that task's risk is at least {@code level}. The expression reads the variables of {@link RiskVariables} and must
 * have type {@code bool}; it is type-checked when the {@link ApprovalConfig} is built.
 *
 * <pre>{@code
 * new RiskRule("prod-ddl", Risk.HIGH, Optional.of(ChangeSource.DDL),
 *         "environment_id == \"prod\" && statement_kind == \"DDL\"")
 * }</pre>
 *
 * @param id the rule's defined id, unique in a configuration
 * @param level the risk a match gives
 * @param source the changes it applies to; empty for any
 * @param expression the CEL condition, not blank
 */
public record RiskRule(String id, Risk level, Optional<ChangeSource> source, String expression) {

    public RiskRule {
        Ids.requireDefinedId("id", id);
        Checks.notNull("level", level);
        Checks.notNull("source", source);
        Checks.notBlank("expression", expression);
    }

    /** A rule for changes of every source. */
    public static RiskRule anySource(String id, Risk level, String expression) {
        return new RiskRule(id, level, Optional.empty(), expression);
    }

    /** A rule for changes from {@code source} only. */
    public static RiskRule forSource(String id, Risk level, ChangeSource source, String expression) {
        return new RiskRule(id, level, Optional.of(Checks.notNull("source", source)), expression);
    }
}
