package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

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

/** Rule {@code system.collation.allowlist}: collations from an allow-list. */
public final class SystemCollationAllowlist implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "system.collation.allowlist",
            Set.of("system.collation-allowlist"),
            BOTH,
            List.of(new PayloadField("list", PayloadType.STRING_ARRAY, java.util.List.of())),
            "collations from an allow-list");

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
        java.util.List<String> used = new java.util.ArrayList<>();
        s.tableOptions().collation().ifPresent(used::add);
        definedColumns(s).forEach(col -> col.collation().ifPresent(used::add));
        for (String co : used) {
            if (allowed.stream().noneMatch(co::equalsIgnoreCase)) {
                f.accept(c.finding(q(s.shortText()) + " uses collation " + co + "; allowed are " + allowed));
            }
        }
    }
}
