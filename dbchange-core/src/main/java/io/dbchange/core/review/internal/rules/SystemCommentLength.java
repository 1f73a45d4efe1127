package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
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

/** Rule {@code system.comment.length}: cap the length of COMMENT ON texts. */
public final class SystemCommentLength implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "system.comment.length",
            Set.of("system.comment-length"),
            POSTGRES,
            List.of(new PayloadField("number", PayloadType.NUMBER, 64L)),
            "cap the length of COMMENT ON texts");
    private static final java.util.regex.Pattern COMMENT_IS =
            java.util.regex.Pattern.compile("(?is)\\bIS\\s+'((?:[^']|'')*)'");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        long max = c.payload().number("number");
        if (s.kind() == StatementKind.COMMENT) {
            java.util.regex.Matcher m = COMMENT_IS.matcher(s.statement().sql());
            if (m.find()) {
                String text = m.group(1).replace("''", "'");
                if (text.length() > max) {
                    f.accept(c.finding(q(s.shortText()) + " sets a comment of " + text.length()
                            + " characters; shorten it" + " to at most " + max));
                }
            }
        }
    }
}
