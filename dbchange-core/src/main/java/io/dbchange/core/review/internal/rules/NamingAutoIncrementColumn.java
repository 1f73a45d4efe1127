package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code naming.column.auto-increment}: auto-increment column names match a pattern. */
public final class NamingAutoIncrementColumn implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "naming.column.auto-increment",
            Set.of("naming.auto-increment-column"),
            MYSQL,
            List.of(
                    new PayloadField("format", PayloadType.REGEX, "^id$"),
                    new PayloadField("maxLength", PayloadType.NUMBER, 64L)),
            "auto-increment column names match a pattern");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            if (col.autoIncrement()) {
                Naming.check(c, f, "auto-increment column", col.name(), col.position());
            }
        }
    }
}
