package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.internal.StatementTokens;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code system.function.disallowed-list}: forbid calling the listed functions. */
public final class SystemFunctionDisallowedList implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "system.function.disallowed-list",
            Set.of("system.function-disallowed-list"),
            MYSQL,
            List.of(new PayloadField("list", PayloadType.STRING_ARRAY, java.util.List.of())),
            "forbid calling the listed functions");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        String sql = s.statement().sql();
        String lower = sql.toLowerCase(java.util.Locale.ROOT);
        for (String name : c.payload().list("list")) {
            if (!lower.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                continue; // most statements call none of the listed functions: skip the pattern
            }
            if (calls(StatementTokens.of(s, c.dialect()), name)) {
                f.accept(c.finding(q(s.shortText()) + " calls " + name.toUpperCase(java.util.Locale.ROOT)
                        + "(), which this policy forbids"));
            }
        }
    }

    /**
     * Whether the tokens call {@code name}: the word followed by "(", not a qualified name's tail ({@code x.name(}).
     * A call written inside a string literal or a comment is no call.
     */
    private static boolean calls(StatementTokens t, String name) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.isWord(i, name) && t.isSymbol(i + 1, "(") && !t.isSymbol(i - 1, ".")) {
                return true;
            }
        }
        return false;
    }
}
