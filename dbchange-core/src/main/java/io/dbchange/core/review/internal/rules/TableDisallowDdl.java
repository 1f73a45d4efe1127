package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code table.disallow-ddl}: forbid DDL on the listed tables. */
public final class TableDisallowDdl implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "table.disallow-ddl",
            Set.of(),
            MYSQL,
            List.of(new PayloadField("list", PayloadType.STRING_ARRAY, java.util.List.of())),
            "forbid DDL on the listed tables");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!s.kind().isDdl()) {
            return;
        }
        java.util.List<ObjectName> names = new java.util.ArrayList<>();
        s.target().ifPresent(names::add);
        names.addAll(s.otherTargets());
        for (ObjectName n : names) {
            if (c.payload().list("list").stream()
                    .anyMatch(l -> l.equalsIgnoreCase(n.name()) || l.equalsIgnoreCase(n.qualified()))) {
                f.accept(c.finding(
                        q(s.shortText()) + " changes the structure of " + q(n.qualified())
                                + ", which this policy protects",
                        n.position()));
            }
        }
    }
}
