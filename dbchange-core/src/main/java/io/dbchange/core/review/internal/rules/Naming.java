package io.dbchange.core.review.internal.rules;

import io.dbchange.api.review.Finding;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.IndexDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Name checks shared by the {@code naming.*} rules: a regular expression or template, and a maximum length. */
final class Naming {

    private static final Pattern UNKNOWN_PLACEHOLDER = Pattern.compile("\\{\\{[a-z_]+}}");

    private Naming() {}

    /** Checks {@code name} against the payload's {@code format} regex and {@code maxLength}. */
    static void check(RuleContext c, Consumer<Finding> f, String what, String name, SourcePosition at) {
        Pattern format = c.payload().regex("format");
        if (!format.matcher(name).matches()) {
            f.accept(c.finding(what + " name `" + name + "` does not match `" + format.pattern() + "`; rename it", at));
        }
        long max = c.payload().number("maxLength");
        if (name.length() > max) {
            f.accept(c.finding(
                    what + " name `" + name + "` has " + name.length() + " characters; keep it at most " + max, at));
        }
    }

    /** Checks the names of keys of {@code type} the statement adds against the payload's template. */
    static void checkKeys(RuleContext c, Consumer<Finding> f, ConstraintType type) {
        ParsedStatement s = c.statement();
        String table = s.target().map(t -> t.name()).orElse("");
        for (ConstraintDefinition k : RuleSupport.addedConstraints(s)) {
            if (k.type() == type && k.name().isPresent()) {
                String referenced = k.referencedTable().map(t -> t.name()).orElse("");
                checkTemplate(
                        c,
                        f,
                        label(type),
                        k.name().get(),
                        table,
                        k.columns(),
                        referenced,
                        k.referencedColumns(),
                        k.position());
            }
        }
        if (s.kind() == StatementKind.CREATE_INDEX && s.index().isPresent()) {
            IndexDefinition index = s.index().get();
            boolean matches =
                    type == ConstraintType.UNIQUE ? index.unique() : type == ConstraintType.INDEX && !index.unique();
            if (matches && index.name().isPresent()) {
                checkTemplate(
                        c, f, label(type), index.name().get(), table, index.columns(), "", List.of(), index.position());
            }
        }
    }

    private static String label(ConstraintType type) {
        return switch (type) {
            case UNIQUE -> "unique key";
            case PRIMARY_KEY -> "primary key";
            case FOREIGN_KEY -> "foreign key";
            default -> "index";
        };
    }

    private static void checkTemplate(
            RuleContext c,
            Consumer<Finding> f,
            String what,
            String name,
            String table,
            List<String> columns,
            String referencedTable,
            List<String> referencedColumns,
            SourcePosition at) {
        String template = c.payload().string("format");
        String regex = fill(template, "table", table);
        regex = fill(regex, "column_list", String.join("_", columns));
        regex = fill(regex, "referencing_table", table);
        regex = fill(regex, "referencing_column", String.join("_", columns));
        regex = fill(regex, "referenced_table", referencedTable);
        regex = fill(regex, "referenced_column", String.join("_", referencedColumns));
        regex = UNKNOWN_PLACEHOLDER.matcher(regex).replaceAll(".*"); // a placeholder we do not know matches anything
        if (!Pattern.compile(regex).matcher(name).matches()) {
            String expected = template.replace("^", "")
                    .replace("$", "")
                    .replace("{{table}}", table)
                    .replace("{{column_list}}", String.join("_", columns))
                    .replace("{{referencing_table}}", table)
                    .replace("{{referencing_column}}", String.join("_", columns))
                    .replace("{{referenced_table}}", referencedTable)
                    .replace("{{referenced_column}}", String.join("_", referencedColumns));
            f.accept(c.finding(
                    what + " name `" + name + "` does not follow `" + template + "`; name it `" + expected + "`", at));
        }
        long max = c.payload().number("maxLength");
        if (name.length() > max) {
            f.accept(c.finding(
                    what + " name `" + name + "` has " + name.length() + " characters; keep it at most " + max, at));
        }
    }

    private static String fill(String template, String placeholder, String value) {
        return template.replace("{{" + placeholder + "}}", Pattern.quote(value));
    }
}
