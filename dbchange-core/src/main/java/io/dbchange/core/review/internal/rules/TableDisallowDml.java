package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code table.disallow-dml}: forbid DML on the listed tables. */
public final class TableDisallowDml implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "table.disallow-dml",
            Set.of(),
            MYSQL,
            List.of(new PayloadField("list", PayloadType.STRING_ARRAY, java.util.List.of())),
            "forbid DML on the listed tables");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() != StatementKind.INSERT && s.kind() != StatementKind.UPDATE && s.kind() != StatementKind.DELETE) {
            return;
        }
        s.target()
                .filter(n -> c.payload().list("list").stream()
                        .anyMatch(l -> l.equalsIgnoreCase(n.name()) || l.equalsIgnoreCase(n.qualified())))
                .ifPresent(n -> f.accept(c.finding(
                        q(s.shortText()) + " changes rows of " + q(n.qualified()) + ", which this policy protects",
                        n.position())));
    }
}
