package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.sameType;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.disallow-change-type}: forbid changing a column type. */
public final class ColumnDisallowChangeType implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.disallow-change-type", Set.of(), BOTH, List.of(), "forbid changing a column type");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            java.util.Optional<String> now = switch (a.type()) {
                case SET_TYPE -> a.newType();
                case MODIFY_COLUMN, CHANGE_COLUMN -> a.definition().map(ColumnDefinition::type);
                default -> java.util.Optional.empty();
            };
            if (now.isEmpty() || s.target().isEmpty()) {
                continue;
            }
            java.util.Optional<String> before =
                    c.catalog().columnType(s.target().get(), a.column().orElse(""));
            boolean changed = before.map(b -> !sameType(b, now.get())).orElse(a.type() == AlterAction.Type.SET_TYPE);
            if (changed) {
                f.accept(c.finding(
                        "column " + q(a.column().orElse("?")) + " of " + q(table(s)) + " changes type"
                                + before.map(b -> " from " + b).orElse("") + " to " + now.get()
                                + "; add a new column and migrate the data instead",
                        a.position()));
            }
        }
    }
}
