package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.sameType;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.TypeNames;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.type-disallow-list}: forbid the listed column types. */
public final class ColumnTypeDisallowList implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.type-disallow-list",
            Set.of(),
            BOTH,
            List.of(new PayloadField("list", PayloadType.STRING_ARRAY, java.util.List.of())),
            "forbid the listed column types");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        java.util.List<String> banned = c.payload().list("list");
        for (ColumnDefinition col : definedColumns(s)) {
            if (banned.stream().anyMatch(b -> b.equalsIgnoreCase(col.baseType()) || sameType(b, col.type()))) {
                f.accept(c.finding(
                        "column " + q(col.name()) + " of " + q(table(s)) + " has type " + col.type()
                                + ", which is not allowed; choose another type",
                        col.position()));
            }
        }
        for (AlterAction a : s.actions()) {
            a.newType()
                    .filter(t -> banned.stream().anyMatch(b -> b.equalsIgnoreCase(TypeNames.base(t)) || sameType(b, t)))
                    .ifPresent(t -> f.accept(c.finding(
                            "column " + q(a.column().orElse("?")) + " of " + q(table(s)) + " gets type " + t
                                    + ", which is not allowed; choose another type",
                            a.position())));
        }
    }
}
