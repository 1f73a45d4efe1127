package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.existingTable;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.sameType;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code schema.backward-compatibility}: flag changes that break existing readers and writers. */
public final class SchemaBackwardCompatibility implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "schema.backward-compatibility",
            Set.of(),
            BOTH,
            List.of(),
            "flag changes that break existing readers and writers");

    private static String typeChange(RuleContext c, ParsedStatement s, AlterAction a) {
        java.util.Optional<String> now = a.type() == AlterAction.Type.SET_TYPE
                ? a.newType()
                : a.definition().map(ColumnDefinition::type);
        if (now.isEmpty() || s.target().isEmpty()) {
            return null;
        }
        java.util.Optional<String> before =
                c.catalog().columnType(s.target().get(), a.column().orElse(""));
        boolean changed = before.map(b -> !sameType(b, now.get())).orElse(a.type() == AlterAction.Type.SET_TYPE);
        return changed
                ? "changes the type of column " + q(a.column().orElse("?")) + " of " + q(table(s)) + " to " + now.get()
                : null;
    }

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        String what = switch (s.kind()) {
            case DROP_TABLE -> "drops table " + q(table(s));
            case DROP_VIEW -> "drops view " + q(table(s));
            case DROP_DATABASE -> "drops database " + q(table(s));
            case DROP_SCHEMA -> "drops schema " + q(table(s));
            case RENAME_TABLE -> "renames table " + q(table(s));
            default -> null;
        };
        if (what != null) {
            f.accept(c.finding(q(s.shortText()) + " " + what + ", which breaks code that uses it; keep the old object"
                    + " until no reader needs it"));
        }
        if (s.kind() == StatementKind.CREATE_INDEX
                && s.index().map(i -> i.unique()).orElse(false)
                && existingTable(c)) {
            f.accept(c.finding(q(s.shortText()) + " adds a unique index to existing table " + q(table(s))
                    + ", which can reject writes that used to succeed"));
        }
        for (AlterAction a : s.actions()) {
            String col = q(a.column().orElse("?")) + " of " + q(table(s));
            String change = switch (a.type()) {
                case DROP_COLUMN -> "drops column " + col;
                case RENAME_COLUMN -> "renames column " + col;
                case RENAME_TABLE -> "renames table " + q(table(s));
                case CHANGE_COLUMN -> a.newName().isPresent() ? "renames column " + col : typeChange(c, s, a);
                case MODIFY_COLUMN, SET_TYPE -> typeChange(c, s, a);
                case ADD_CONSTRAINT ->
                    a.constraint()
                            .filter(k -> k.type() != ConstraintType.INDEX
                                    && k.type() != ConstraintType.FULLTEXT
                                    && k.type() != ConstraintType.SPATIAL
                                    && !k.notValid())
                            .map(k -> "adds a "
                                    + k.type()
                                            .name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', ' ') + " constraint to " + q(table(s)))
                            .orElse(null);
                default -> null;
            };
            if (change != null) {
                f.accept(c.finding(
                        q(s.shortText()) + " " + change + ", which breaks code written for the old schema",
                        a.position()));
            }
        }
    }
}
