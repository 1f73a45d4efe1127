package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.internal.StatementTokens;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code table.require-pk}: every table needs a primary key. */
public final class TableRequirePk implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("table.require-pk", Set.of(), BOTH, List.of(), "every table needs a primary key");
    /**
     * A table made from a query ({@code AS SELECT}), another table ({@code LIKE t} as the statement's or its element
     * list's own clause, not a {@code LIKE} inside a CHECK) or a partition parent ({@code PARTITION OF}) gets its key
     * from there. Read from the tokens: the words in a comment or a string literal do not count.
     */
    private static boolean derived(RuleContext c) {
        StatementTokens t = StatementTokens.of(c.statement(), c.dialect());
        if (t.containsWords("AS", "SELECT") || t.containsWords("PARTITION", "OF")) {
            return true;
        }
        for (int i = t.indexOfWords(0, "LIKE"); i >= 0; i = t.indexOfWords(i + 1, "LIKE")) {
            int depth = t.depth(i);
            if (depth == 0 || (depth == 1 && (t.isSymbol(i - 1, "(") || t.isSymbol(i - 1, ",")))) {
                return true;
            }
        }
        return false;
    }

    /** A later ALTER TABLE of the same table adds the key (pg_dump writes keys after the tables). */
    private static boolean primaryKeyAddedLater(RuleContext c) {
        String name = table(c.statement());
        for (ParsedStatement later : c.following()) {
            boolean sameTable = later.target()
                    .map(t -> t.qualified().equalsIgnoreCase(name))
                    .orElse(false);
            if (sameTable && later.kind() == StatementKind.DROP_TABLE) {
                return false;
            }
            if (sameTable
                    && later.kind() == StatementKind.ALTER_TABLE
                    && addedConstraints(later).stream().anyMatch(k -> k.type() == ConstraintType.PRIMARY_KEY)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.CREATE_TABLE
                && !derived(c)
                && addedConstraints(s).stream().noneMatch(k -> k.type() == ConstraintType.PRIMARY_KEY)
                && !primaryKeyAddedLater(c)) {
            f.accept(c.finding("table " + q(table(s)) + " has no primary key; add one"));
        }
        if (s.kind() == StatementKind.ALTER_TABLE
                && s.actions().stream().anyMatch(a -> a.type() == AlterAction.Type.DROP_PRIMARY_KEY)
                && addedConstraints(s).stream().noneMatch(k -> k.type() == ConstraintType.PRIMARY_KEY)) {
            f.accept(c.finding("table " + q(table(s)) + " loses its primary key; add a new one in the same statement"));
        }
    }
}
