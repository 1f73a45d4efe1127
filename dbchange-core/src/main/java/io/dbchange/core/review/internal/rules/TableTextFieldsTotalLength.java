package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import io.dbchange.core.review.statement.TypeNames;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code table.text-fields-total-length}: cap the summed length of text columns of a table. */
public final class TableTextFieldsTotalLength implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "table.text-fields-total-length",
            Set.of(),
            MYSQL,
            List.of(new PayloadField("number", PayloadType.NUMBER, 1000L)),
            "cap the summed length of text columns of a table");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() != StatementKind.CREATE_TABLE) {
            return;
        }
        long max = c.payload().number("number");
        long total = 0;
        for (ColumnDefinition col : s.columns()) {
            total += switch (col.baseType()) {
                case "CHAR", "VARCHAR", "BINARY", "VARBINARY", "CHARACTER", "CHARACTER VARYING" ->
                    TypeNames.length(col.type()).orElse(1);
                case "TINYTEXT", "TINYBLOB" -> 255L;
                case "TEXT", "BLOB" -> 65_535L;
                case "MEDIUMTEXT", "MEDIUMBLOB" -> 16_777_215L;
                case "LONGTEXT", "LONGBLOB" -> 4_294_967_295L;
                default -> 0L;
            };
        }
        if (total > max) {
            f.accept(c.finding("the text columns of table " + q(table(s)) + " add up to " + total
                    + " characters; keep them at most " + max));
        }
    }
}
