package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
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

/** Rule {@code table.disallow-trigger}: forbid triggers. */
public final class TableDisallowTrigger implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("table.disallow-trigger", Set.of(), MYSQL, List.of(), "forbid triggers");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.CREATE_TRIGGER) {
            f.accept(c.finding(q(s.shortText()) + " creates a trigger; triggers are not allowed here"));
        }
    }
}
