package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.disallow-rm-tbl-cascade}: forbid DROP/TRUNCATE ... CASCADE. */
public final class DisallowRemoveTableCascade implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.disallow-rm-tbl-cascade", Set.of(), POSTGRES, List.of(), "forbid DROP/TRUNCATE ... CASCADE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if ((s.kind() == StatementKind.DROP_TABLE || s.kind() == StatementKind.TRUNCATE) && s.cascade()) {
            f.accept(c.finding(q(s.shortText()) + " uses CASCADE, which also removes objects it does not name; drop"
                    + " or truncate the dependent objects explicitly"));
        }
    }
}
