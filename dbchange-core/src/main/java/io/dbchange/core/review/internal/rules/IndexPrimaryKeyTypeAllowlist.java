package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.sameType;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.TypeNames;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code index.primary-key-type-allowlist}: primary key column types from an allow-list. */
public final class IndexPrimaryKeyTypeAllowlist implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "index.primary-key-type-allowlist",
            Set.of(),
            BOTH,
            List.of(new PayloadField("list", PayloadType.STRING_ARRAY, java.util.List.of())),
            "primary key column types from an allow-list");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        java.util.List<String> allowed = c.payload().list("list");
        if (allowed.isEmpty()) {
            return;
        }
        for (ConstraintDefinition k : addedConstraints(s)) {
            if (k.type() != ConstraintType.PRIMARY_KEY) {
                continue;
            }
            for (String column : k.columns()) {
                Keys.typeOf(c, column)
                        .filter(t -> allowed.stream()
                                .noneMatch(a -> a.equalsIgnoreCase(TypeNames.base(t)) || sameType(a, t)))
                        .ifPresent(t -> f.accept(c.finding(
                                "primary key column " + q(column) + " of " + q(table(s)) + " is " + t
                                        + "; allowed types are " + allowed,
                                k.position())));
            }
        }
    }
}
