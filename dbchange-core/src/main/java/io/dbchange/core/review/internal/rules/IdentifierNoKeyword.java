package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code naming.identifier.no-keyword}: identifiers must not be reserved words. */
public final class IdentifierNoKeyword implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "naming.identifier.no-keyword",
            Set.of("naming.identifier-no-keyword"),
            MYSQL,
            List.of(),
            "identifiers must not be reserved words");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        java.util.List<String[]> names = new java.util.ArrayList<>();
        if (s.kind() == StatementKind.CREATE_TABLE || s.kind() == StatementKind.CREATE_VIEW) {
            s.target().ifPresent(t -> names.add(new String[] {"table", t.name()}));
        }
        for (ColumnDefinition col : definedColumns(s)) {
            names.add(new String[] {"column", col.name()});
        }
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.RENAME_COLUMN
                    || a.type() == AlterAction.Type.RENAME_TABLE
                    || a.type() == AlterAction.Type.RENAME_INDEX) {
                a.newName().ifPresent(n -> names.add(new String[] {"identifier", n}));
            }
        }
        for (ConstraintDefinition k : addedConstraints(s)) {
            k.name().ifPresent(n -> names.add(new String[] {"key", n}));
        }
        s.index().flatMap(i -> i.name()).ifPresent(n -> names.add(new String[] {"index", n}));
        for (String[] n : names) {
            if (MySqlReservedWords.isReserved(n[1])) {
                f.accept(c.finding(n[0] + " name " + q(n[1]) + " is a MySQL reserved word; choose another name"));
            }
        }
    }
}
