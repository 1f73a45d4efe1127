package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.existingTable;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code pg.require-lock-timeout}: DDL on existing tables needs a lock_timeout set first. */
public final class PgRequireLockTimeout implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.require-lock-timeout",
            Set.of(),
            POSTGRES,
            List.of(),
            "DDL on existing tables needs a lock_timeout set first");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!s.kind().isDdl() || s.kind() == StatementKind.CREATE_TABLE || !existingTable(c)) {
            return;
        }
        boolean set = c.previous().stream()
                .anyMatch(p -> p.kind() == StatementKind.SET
                        && p.setting().filter("lock_timeout"::equals).isPresent());
        if (!set) {
            f.accept(c.finding(q(s.shortText()) + " locks " + q(table(s)) + " without a lock timeout, so it can queue"
                    + " behind a long transaction and block every other query; SET lock_timeout = '2s' first"));
        }
    }
}
