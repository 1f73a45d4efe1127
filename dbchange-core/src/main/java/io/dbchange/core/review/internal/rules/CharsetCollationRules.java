package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.isText;
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
import io.dbchange.core.review.statement.TableOptionsDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rules that exist once for character sets and once for collations, each written once and parameterized by
 * {@link Option}: {@code column.require-charset}/{@code -collation}, {@code table.require-charset}/{@code
 * -collation} and {@code system.charset.allowlist}/{@code system.collation.allowlist}. The nested classes are the
 * {@link java.util.ServiceLoader} providers.
 */
public final class CharsetCollationRules {

    private CharsetCollationRules() {}

    /** The table or column option a rule is about. */
    enum Option {
        CHARSET(
                "charset",
                "character set",
                ColumnDefinition::charset,
                TableOptionsDefinition::charset,
                "add CHARACTER SET ...",
                "add DEFAULT CHARSET=...",
                "CHARACTER SET"),
        COLLATION(
                "collation",
                "collation",
                ColumnDefinition::collation,
                TableOptionsDefinition::collation,
                "add COLLATE ...",
                "add COLLATE=...",
                "COLLATE");

        final String idPart;
        final String noun;
        final Function<ColumnDefinition, Optional<String>> ofColumn;
        final Function<TableOptionsDefinition, Optional<String>> ofTable;
        final String columnFix;
        final String tableFix;
        final String clause;

        Option(
                String idPart,
                String noun,
                Function<ColumnDefinition, Optional<String>> ofColumn,
                Function<TableOptionsDefinition, Optional<String>> ofTable,
                String columnFix,
                String tableFix,
                String clause) {
            this.idPart = idPart;
            this.noun = noun;
            this.ofColumn = ofColumn;
            this.ofTable = ofTable;
            this.columnFix = columnFix;
            this.tableFix = tableFix;
            this.clause = clause;
        }
    }

    /** What the rules here share: the option they are about and their descriptor. */
    abstract static class OptionRule implements ReviewRule {

        final Option option;
        private final RuleDescriptor descriptor;

        OptionRule(Option option, RuleDescriptor descriptor) {
            this.option = option;
            this.descriptor = descriptor;
        }

        @Override
        public RuleDescriptor descriptor() {
            return descriptor;
        }
    }

    /** {@code column.require-charset} / {@code column.require-collation}: text columns must declare the option. */
    abstract static class ColumnRequire extends OptionRule {

        ColumnRequire(Option option) {
            super(
                    option,
                    new RuleDescriptor(
                            "column.require-" + option.idPart,
                            Set.of(),
                            MYSQL,
                            List.of(),
                            "text columns must declare a " + option.clause));
        }

        @Override
        public void check(RuleContext c, Consumer<Finding> f) {
            ParsedStatement s = c.statement();
            for (ColumnDefinition col : definedColumns(s)) {
                if (isText(col.type()) && option.ofColumn.apply(col).isEmpty()) {
                    f.accept(c.finding(
                            "text column " + q(col.name()) + " of " + q(table(s)) + " does not declare its "
                                    + option.noun + "; " + option.columnFix,
                            col.position()));
                }
            }
        }
    }

    /** {@code column.require-charset}. */
    public static final class ColumnRequireCharset extends ColumnRequire {
        public ColumnRequireCharset() {
            super(Option.CHARSET);
        }
    }

    /** {@code column.require-collation}. */
    public static final class ColumnRequireCollation extends ColumnRequire {
        public ColumnRequireCollation() {
            super(Option.COLLATION);
        }
    }

    /** {@code table.require-charset} / {@code table.require-collation}: CREATE TABLE must declare the option. */
    abstract static class TableRequire extends OptionRule {

        TableRequire(Option option) {
            super(
                    option,
                    new RuleDescriptor(
                            "table.require-" + option.idPart,
                            Set.of(),
                            MYSQL,
                            List.of(),
                            "CREATE TABLE must declare a " + option.idPart));
        }

        @Override
        public void check(RuleContext c, Consumer<Finding> f) {
            ParsedStatement s = c.statement();
            if (s.kind() == StatementKind.CREATE_TABLE
                    && option.ofTable.apply(s.tableOptions()).isEmpty()) {
                f.accept(c.finding(
                        "table " + q(table(s)) + " does not declare its " + option.noun + "; " + option.tableFix));
            }
        }
    }

    /** {@code table.require-charset}. */
    public static final class TableRequireCharset extends TableRequire {
        public TableRequireCharset() {
            super(Option.CHARSET);
        }
    }

    /** {@code table.require-collation}. */
    public static final class TableRequireCollation extends TableRequire {
        public TableRequireCollation() {
            super(Option.COLLATION);
        }
    }

    /** {@code system.charset.allowlist} / {@code system.collation.allowlist}: the option from an allow-list. */
    abstract static class Allowlist extends OptionRule {

        Allowlist(Option option) {
            super(
                    option,
                    new RuleDescriptor(
                            "system." + option.idPart + ".allowlist",
                            Set.of("system." + option.idPart + "-allowlist"),
                            BOTH,
                            List.of(new PayloadField("list", PayloadType.STRING_ARRAY, List.of())),
                            (option == Option.CHARSET ? "character sets" : "collations") + " from an allow-list"));
        }

        @Override
        public void check(RuleContext c, Consumer<Finding> f) {
            ParsedStatement s = c.statement();
            List<String> allowed = c.payload().list("list");
            if (allowed.isEmpty()) {
                return;
            }
            List<String> used = new ArrayList<>();
            option.ofTable.apply(s.tableOptions()).ifPresent(used::add);
            definedColumns(s).forEach(col -> option.ofColumn.apply(col).ifPresent(used::add));
            for (String value : used) {
                if (allowed.stream().noneMatch(value::equalsIgnoreCase)) {
                    f.accept(c.finding(
                            q(s.shortText()) + " uses " + option.noun + " " + value + "; allowed are " + allowed));
                }
            }
        }
    }

    /** {@code system.charset.allowlist}. */
    public static final class CharsetAllowlist extends Allowlist {
        public CharsetAllowlist() {
            super(Option.CHARSET);
        }
    }

    /** {@code system.collation.allowlist}. */
    public static final class CollationAllowlist extends Allowlist {
        public CollationAllowlist() {
            super(Option.COLLATION);
        }
    }
}
