package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;

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

/** Rule {@code builtin.maximum-sql-size}: cap the size of a script in MB. */
public final class MaximumSqlSize implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "builtin.maximum-sql-size",
            Set.of(),
            BOTH,
            List.of(new PayloadField("number", PayloadType.NUMBER, 2L)),
            "cap the size of a script in MB");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!c.previous().isEmpty()) {
            return;
        }
        long bytes = s.statement().sql().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (ParsedStatement later : c.following()) {
            bytes += later.statement().sql().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        long max = c.payload().number("number");
        if (bytes > max * 1024 * 1024) {
            f.accept(c.finding("the script's statements hold " + bytes + " bytes, more than " + max
                    + " MB; split it into smaller changes"));
        }
    }
}
