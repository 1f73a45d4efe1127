package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code index.type-allow-list}: index methods from an allow-list. */
public final class IndexTypeAllowList implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "index.type-allow-list",
            Set.of(),
            MYSQL,
            List.of(new PayloadField("list", PayloadType.STRING_ARRAY, java.util.List.of())),
            "index methods from an allow-list");

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
        s.index()
                .flatMap(i -> i.method())
                .filter(m -> allowed.stream().noneMatch(m::equalsIgnoreCase))
                .ifPresent(m ->
                        f.accept(c.finding("index on " + q(table(s)) + " uses " + m + "; allowed are " + allowed)));
    }
}
