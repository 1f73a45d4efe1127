package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.required}: tables must have the listed columns. */
public final class ColumnRequired implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.required",
            Set.of(),
            BOTH,
            List.of(new PayloadField(
                    "list",
                    PayloadType.STRING_ARRAY,
                    java.util.List.of("id", "created_ts", "updated_ts", "creator_id", "updater_id"))),
            "tables must have the listed columns");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.CREATE_TABLE) {
            java.util.Set<String> have = new java.util.HashSet<>();
            s.columns().forEach(col -> have.add(col.name().toLowerCase(java.util.Locale.ROOT)));
            java.util.List<String> missing = c.payload().list("list").stream()
                    .filter(n -> !have.contains(n.toLowerCase(java.util.Locale.ROOT)))
                    .toList();
            if (!missing.isEmpty()) {
                f.accept(c.finding("table " + q(table(s)) + " lacks the required columns " + missing + "; add them"));
            }
        }
        if (s.kind() == StatementKind.ALTER_TABLE) {
            for (AlterAction a : s.actions()) {
                String old = a.column().orElse("");
                boolean gone = a.type() == AlterAction.Type.DROP_COLUMN
                        || ((a.type() == AlterAction.Type.RENAME_COLUMN || a.type() == AlterAction.Type.CHANGE_COLUMN)
                                && a.newName()
                                        .filter(n -> !n.equalsIgnoreCase(old))
                                        .isPresent());
                if (gone && c.payload().list("list").stream().anyMatch(old::equalsIgnoreCase)) {
                    f.accept(c.finding(
                            "required column " + q(old) + " of " + q(table(s)) + " is dropped or renamed; keep it",
                            a.position()));
                }
            }
        }
    }
}
