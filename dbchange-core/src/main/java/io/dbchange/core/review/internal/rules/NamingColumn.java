package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code naming.column}: column names match a pattern and a length. */
public final class NamingColumn implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "naming.column",
            Set.of(),
            BOTH,
            List.of(
                    new PayloadField("format", PayloadType.REGEX, "^[a-z]+(_[a-z]+)*$"),
                    new PayloadField("maxLength", PayloadType.NUMBER, 64L)),
            "column names match a pattern and a length");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            Naming.check(c, f, "column", col.name(), col.position());
        }
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.RENAME_COLUMN) {
                a.newName().ifPresent(n -> Naming.check(c, f, "column", n, a.position()));
            }
        }
    }
}
