package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
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

/** Rule {@code statement.merge-alter-table}: several ALTER TABLEs of one table must be merged. */
public final class MergeAlterTable implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.merge-alter-table",
            Set.of(),
            BOTH,
            List.of(),
            "several ALTER TABLEs of one table must be merged");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.ALTER_TABLE && s.target().isPresent()) {
            String name = s.target().get().qualified();
            boolean earlier = c.previous().stream()
                    .anyMatch(p -> (p.kind() == StatementKind.ALTER_TABLE || p.kind() == StatementKind.CREATE_TABLE)
                            && p.target()
                                    .map(t -> t.qualified().equalsIgnoreCase(name))
                                    .orElse(false));
            if (earlier) {
                f.accept(c.finding("table " + q(name) + " is changed again by " + q(s.shortText())
                        + "; merge the changes into one ALTER TABLE"));
            }
        }
    }
}
