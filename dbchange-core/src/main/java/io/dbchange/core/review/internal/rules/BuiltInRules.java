package io.dbchange.core.review.internal.rules;

import io.dbchange.core.review.ReviewRule;

/**
 * The index of dbchange's own review rules: each rule's class, id and aliases, so that {@link
 * io.dbchange.core.review.ReviewRules#installed()} can hand out a rule by id and create only the rules a policy
 * switches on. A command-line review loads one policy and reviews a few files: creating all rules (and their regular
 * expressions and descriptors) up front was a visible share of its start. {@code BuiltInRulesTest} checks this index
 * against {@code META-INF/services/io.dbchange.core.review.ReviewRule}: add a rule to both.
 */
public final class BuiltInRules {

    /** Per rule: the class name relative to this package ({@code Outer$Inner} for a nested class), id, aliases. */
    private static final String[][] INDEX = {
        {"WhereRequireUpdateDelete", "statement.where.require-update-delete", "statement.where.require.update-delete"},
        {"WhereRequireSelect", "statement.where.require-select", "statement.where.require.select"},
        {"WhereNoLeadingWildcardLike", "statement.where.no-leading-wildcard-like"},
        {"SelectNoSelectAll", "statement.select.no-select-all"},
        {"DisallowCommit", "statement.disallow-commit"},
        {"DisallowTruncate", "statement.disallow-truncate"},
        {"DisallowLimit", "statement.disallow-limit"},
        {"DisallowOrderBy", "statement.disallow-order-by"},
        {"InsertMustSpecifyColumn", "statement.insert.must-specify-column"},
        {"InsertRowLimit", "statement.insert.row-limit"},
        {"InsertDisallowOrderByRand", "statement.insert.disallow-order-by-rand"},
        {"DisallowOnDelCascade", "statement.disallow-on-del-cascade"},
        {"DisallowRemoveTableCascade", "statement.disallow-rm-tbl-cascade"},
        {"DisallowAddColumnWithDefault", "statement.disallow-add-column-with-default"},
        {"AddCheckNotValid", "statement.add-check-not-valid"},
        {"AddForeignKeyNotValid", "statement.add-foreign-key-not-valid"},
        {"DisallowAddNotNull", "statement.disallow-add-not-null"},
        {"CreateSpecifySchema", "statement.create-specify-schema"},
        {"NonTransactional", "statement.non-transactional"},
        {"CheckSetRoleVariable", "statement.check-set-role-variable"},
        {"RequireAlgorithmOption", "statement.require-algorithm-option"},
        {"RequireLockOption", "statement.require-lock-option"},
        {"MergeAlterTable", "statement.merge-alter-table"},
        {"TableRequirePk", "table.require-pk"},
        {"TableNoForeignKey", "table.no-foreign-key", "table.no-fk"},
        {"TableDropNamingConvention", "table.drop-naming-convention"},
        {"TableComment", "table.comment"},
        {"TableDisallowPartition", "table.disallow-partition"},
        {"TableDisallowSetCharset", "table.disallow-set-charset"},
        {"CharsetCollationRules$TableRequireCharset", "table.require-charset"},
        {"CharsetCollationRules$TableRequireCollation", "table.require-collation"},
        {"MySqlUseInnoDb", "engine.mysql.use-innodb"},
        {"ColumnRequired", "column.required"},
        {"ColumnNoNull", "column.no-null"},
        {"ColumnTypeDisallowList", "column.type-disallow-list"},
        {"ColumnMaximumCharacterLength", "column.maximum-character-length"},
        {"ColumnMaximumVarcharLength", "column.maximum-varchar-length"},
        {"ColumnRequireDefault", "column.require-default"},
        {"ColumnSetDefaultForNotNull", "column.set-default-for-not-null"},
        {"ColumnComment", "column.comment"},
        {"ColumnAutoIncrementMustInteger", "column.auto-increment-must-integer"},
        {"ColumnAutoIncrementMustUnsigned", "column.auto-increment-must-unsigned"},
        {"ColumnDisallowSetCharset", "column.disallow-set-charset"},
        {"CharsetCollationRules$ColumnRequireCharset", "column.require-charset"},
        {"CharsetCollationRules$ColumnRequireCollation", "column.require-collation"},
        {"ColumnDisallowChange", "column.disallow-change"},
        {"ColumnDisallowChangingOrder", "column.disallow-changing-order"},
        {"ColumnDisallowChangeType", "column.disallow-change-type"},
        {"ColumnDisallowDropInIndex", "column.disallow-drop-in-index"},
        {"ColumnCurrentTimeCountLimit", "column.current-time-count-limit", "column.current-time-column-count-limit"},
        {"ColumnDefaultDisallowVolatile", "column.default-disallow-volatile"},
        {"NamingTable", "naming.table"},
        {"NamingColumn", "naming.column"},
        {"NamingIndexIdx", "naming.index.idx"},
        {"NamingIndexUk", "naming.index.uk"},
        {"NamingIndexPk", "naming.index.pk"},
        {"NamingIndexFk", "naming.index.fk"},
        {"NamingAutoIncrementColumn", "naming.column.auto-increment", "naming.auto-increment-column"},
        {"IndexKeyNumberLimit", "index.key-number-limit"},
        {"IndexTotalNumberLimit", "index.total-number-limit"},
        {"IndexNoDuplicateColumn", "index.no-duplicate-column", "table.no-duplicate-index"},
        {"IndexPkTypeLimit", "index.pk-type-limit"},
        {"IndexTypeNoBlob", "index.type-no-blob"},
        {"IndexPrimaryKeyTypeAllowlist", "index.primary-key-type-allowlist"},
        {"IndexCreateConcurrently", "index.create-concurrently"},
        {"IndexTypeAllowList", "index.type-allow-list"},
        {"SchemaBackwardCompatibility", "schema.backward-compatibility"},
        {"SystemDisallowCreate$Procedure", "system.procedure.disallow-create", "system.procedure-disallow-create"},
        {"SystemDisallowCreate$Event", "system.event.disallow-create", "system.event-disallow-create"},
        {"SystemDisallowCreate$View", "system.view.disallow-create", "system.view-disallow-create"},
        {"SystemDisallowCreate$Function", "system.function.disallow-create", "system.function-disallow-create"},
        {"TableDisallowTrigger", "table.disallow-trigger"},
        {"CharsetCollationRules$CharsetAllowlist", "system.charset.allowlist", "system.charset-allowlist"},
        {"CharsetCollationRules$CollationAllowlist", "system.collation.allowlist", "system.collation-allowlist"},
        {"DatabaseDropEmptyDatabase", "database.drop-empty-database"},
        {"PgRequireConcurrentIndex", "pg.require-concurrent-index"},
        {"PgConstraintMissingNotValid", "pg.constraint-missing-not-valid"},
        {"PgAddingNotNullableField", "pg.adding-not-nullable-field"},
        {"PgChangingColumnType", "pg.changing-column-type"},
        {"PgBanDropColumn", "pg.ban-drop-column"},
        {"PgPreferBigintOverInt", "pg.prefer-bigint-over-int"},
        {"PgPreferTimestamptz", "pg.prefer-timestamptz"},
        {"PgPreferTextField", "pg.prefer-text-field"},
        {"PgRenamingColumn", "pg.renaming-column"},
        {"PgRenamingTable", "pg.renaming-table"},
        {"PgDisallowUniqueConstraint", "pg.disallow-unique-constraint"},
        {"PgBanCharField", "pg.ban-char-field"},
        {"PgRequireLockTimeout", "pg.require-lock-timeout"},
        {"PgBanDropDatabase", "pg.ban-drop-database"},
        {"PgPreferIdentity", "pg.prefer-identity"},
        {"WhereNoEqualNull", "statement.where.no-equal-null", "statement.where-no-equal-null"},
        {
            "WhereMaximumLogicalOperatorCount",
            "statement.where.maximum-logical-operator-count",
            "statement.where-maximum-logical-operator-count"
        },
        {"MaximumStatementsInTransaction", "statement.maximum-statements-in-transaction"},
        {"SystemCommentLength", "system.comment.length", "system.comment-length"},
        {"NamingFullyQualified", "naming.fully-qualified"},
        {"TableTextFieldsTotalLength", "table.text-fields-total-length"},
        {"ColumnAutoIncrementInitialValue", "column.auto-increment-initial-value"},
        {"MaxExecutionTime", "statement.max-execution-time"},
        {"TableDisallowDdl", "table.disallow-ddl"},
        {"TableDisallowDml", "table.disallow-dml"},
        {"SystemFunctionDisallowedList", "system.function.disallowed-list", "system.function-disallowed-list"},
        {"WalkThroughCheck", "builtin.walk-through-check"},
        {"IdentifierNoKeyword", "naming.identifier.no-keyword", "naming.identifier-no-keyword"},
        {"MaximumSqlSize", "builtin.maximum-sql-size"},
        {"AffectedRowLimit", "statement.affected-row-limit"},
        {"DmlDryRun", "statement.dml-dry-run"},
        {"TableRowThreshold$LimitSize", "table.limit-size"},
        {"TableRowThreshold$OnlineMigration", "advice.online-migration"},
        {
            "WhereDisallowFunctionsAndCalculations",
            "statement.where.disallow-functions-and-calculations",
            "statement.where-disallow-functions-and-calculations"
        },
        {"IndexNoDuplicate", "index.no-duplicate", "TABLE_NO_DUPLICATE_INDEX"},
        {"ObjectOwnerCheck", "statement.object-owner-check"}
    };

    private BuiltInRules() {}

    /** Per rule: class name relative to this package, id, then its aliases. */
    public static String[][] index() {
        String[][] copy = new String[INDEX.length][];
        for (int i = 0; i < INDEX.length; i++) {
            copy[i] = INDEX[i].clone();
        }
        return copy;
    }

    /** The package of the built-in rules, with a trailing dot. */
    public static String packagePrefix() {
        return BuiltInRules.class.getPackageName() + ".";
    }

    /** A new instance of the built-in rule with id {@code id} (not an alias). */
    public static ReviewRule create(String id) {
        // a switch, not a map of constructor references: no lambda is spun at start-up
        return switch (id) {
            case "statement.where.require-update-delete" -> new WhereRequireUpdateDelete();
            case "statement.where.require-select" -> new WhereRequireSelect();
            case "statement.where.no-leading-wildcard-like" -> new WhereNoLeadingWildcardLike();
            case "statement.select.no-select-all" -> new SelectNoSelectAll();
            case "statement.disallow-commit" -> new DisallowCommit();
            case "statement.disallow-truncate" -> new DisallowTruncate();
            case "statement.disallow-limit" -> new DisallowLimit();
            case "statement.disallow-order-by" -> new DisallowOrderBy();
            case "statement.insert.must-specify-column" -> new InsertMustSpecifyColumn();
            case "statement.insert.row-limit" -> new InsertRowLimit();
            case "statement.insert.disallow-order-by-rand" -> new InsertDisallowOrderByRand();
            case "statement.disallow-on-del-cascade" -> new DisallowOnDelCascade();
            case "statement.disallow-rm-tbl-cascade" -> new DisallowRemoveTableCascade();
            case "statement.disallow-add-column-with-default" -> new DisallowAddColumnWithDefault();
            case "statement.add-check-not-valid" -> new AddCheckNotValid();
            case "statement.add-foreign-key-not-valid" -> new AddForeignKeyNotValid();
            case "statement.disallow-add-not-null" -> new DisallowAddNotNull();
            case "statement.create-specify-schema" -> new CreateSpecifySchema();
            case "statement.non-transactional" -> new NonTransactional();
            case "statement.check-set-role-variable" -> new CheckSetRoleVariable();
            case "statement.require-algorithm-option" -> new RequireAlgorithmOption();
            case "statement.require-lock-option" -> new RequireLockOption();
            case "statement.merge-alter-table" -> new MergeAlterTable();
            case "table.require-pk" -> new TableRequirePk();
            case "table.no-foreign-key" -> new TableNoForeignKey();
            case "table.drop-naming-convention" -> new TableDropNamingConvention();
            case "table.comment" -> new TableComment();
            case "table.disallow-partition" -> new TableDisallowPartition();
            case "table.disallow-set-charset" -> new TableDisallowSetCharset();
            case "table.require-charset" -> new CharsetCollationRules.TableRequireCharset();
            case "table.require-collation" -> new CharsetCollationRules.TableRequireCollation();
            case "engine.mysql.use-innodb" -> new MySqlUseInnoDb();
            case "column.required" -> new ColumnRequired();
            case "column.no-null" -> new ColumnNoNull();
            case "column.type-disallow-list" -> new ColumnTypeDisallowList();
            case "column.maximum-character-length" -> new ColumnMaximumCharacterLength();
            case "column.maximum-varchar-length" -> new ColumnMaximumVarcharLength();
            case "column.require-default" -> new ColumnRequireDefault();
            case "column.set-default-for-not-null" -> new ColumnSetDefaultForNotNull();
            case "column.comment" -> new ColumnComment();
            case "column.auto-increment-must-integer" -> new ColumnAutoIncrementMustInteger();
            case "column.auto-increment-must-unsigned" -> new ColumnAutoIncrementMustUnsigned();
            case "column.disallow-set-charset" -> new ColumnDisallowSetCharset();
            case "column.require-charset" -> new CharsetCollationRules.ColumnRequireCharset();
            case "column.require-collation" -> new CharsetCollationRules.ColumnRequireCollation();
            case "column.disallow-change" -> new ColumnDisallowChange();
            case "column.disallow-changing-order" -> new ColumnDisallowChangingOrder();
            case "column.disallow-change-type" -> new ColumnDisallowChangeType();
            case "column.disallow-drop-in-index" -> new ColumnDisallowDropInIndex();
            case "column.current-time-count-limit" -> new ColumnCurrentTimeCountLimit();
            case "column.default-disallow-volatile" -> new ColumnDefaultDisallowVolatile();
            case "naming.table" -> new NamingTable();
            case "naming.column" -> new NamingColumn();
            case "naming.index.idx" -> new NamingIndexIdx();
            case "naming.index.uk" -> new NamingIndexUk();
            case "naming.index.pk" -> new NamingIndexPk();
            case "naming.index.fk" -> new NamingIndexFk();
            case "naming.column.auto-increment" -> new NamingAutoIncrementColumn();
            case "index.key-number-limit" -> new IndexKeyNumberLimit();
            case "index.total-number-limit" -> new IndexTotalNumberLimit();
            case "index.no-duplicate-column" -> new IndexNoDuplicateColumn();
            case "index.pk-type-limit" -> new IndexPkTypeLimit();
            case "index.type-no-blob" -> new IndexTypeNoBlob();
            case "index.primary-key-type-allowlist" -> new IndexPrimaryKeyTypeAllowlist();
            case "index.create-concurrently" -> new IndexCreateConcurrently();
            case "index.type-allow-list" -> new IndexTypeAllowList();
            case "schema.backward-compatibility" -> new SchemaBackwardCompatibility();
            case "system.procedure.disallow-create" -> new SystemDisallowCreate.Procedure();
            case "system.event.disallow-create" -> new SystemDisallowCreate.Event();
            case "system.view.disallow-create" -> new SystemDisallowCreate.View();
            case "system.function.disallow-create" -> new SystemDisallowCreate.Function();
            case "table.disallow-trigger" -> new TableDisallowTrigger();
            case "system.charset.allowlist" -> new CharsetCollationRules.CharsetAllowlist();
            case "system.collation.allowlist" -> new CharsetCollationRules.CollationAllowlist();
            case "database.drop-empty-database" -> new DatabaseDropEmptyDatabase();
            case "pg.require-concurrent-index" -> new PgRequireConcurrentIndex();
            case "pg.constraint-missing-not-valid" -> new PgConstraintMissingNotValid();
            case "pg.adding-not-nullable-field" -> new PgAddingNotNullableField();
            case "pg.changing-column-type" -> new PgChangingColumnType();
            case "pg.ban-drop-column" -> new PgBanDropColumn();
            case "pg.prefer-bigint-over-int" -> new PgPreferBigintOverInt();
            case "pg.prefer-timestamptz" -> new PgPreferTimestamptz();
            case "pg.prefer-text-field" -> new PgPreferTextField();
            case "pg.renaming-column" -> new PgRenamingColumn();
            case "pg.renaming-table" -> new PgRenamingTable();
            case "pg.disallow-unique-constraint" -> new PgDisallowUniqueConstraint();
            case "pg.ban-char-field" -> new PgBanCharField();
            case "pg.require-lock-timeout" -> new PgRequireLockTimeout();
            case "pg.ban-drop-database" -> new PgBanDropDatabase();
            case "pg.prefer-identity" -> new PgPreferIdentity();
            case "statement.where.no-equal-null" -> new WhereNoEqualNull();
            case "statement.where.maximum-logical-operator-count" -> new WhereMaximumLogicalOperatorCount();
            case "statement.maximum-statements-in-transaction" -> new MaximumStatementsInTransaction();
            case "system.comment.length" -> new SystemCommentLength();
            case "naming.fully-qualified" -> new NamingFullyQualified();
            case "table.text-fields-total-length" -> new TableTextFieldsTotalLength();
            case "column.auto-increment-initial-value" -> new ColumnAutoIncrementInitialValue();
            case "statement.max-execution-time" -> new MaxExecutionTime();
            case "table.disallow-ddl" -> new TableDisallowDdl();
            case "table.disallow-dml" -> new TableDisallowDml();
            case "system.function.disallowed-list" -> new SystemFunctionDisallowedList();
            case "builtin.walk-through-check" -> new WalkThroughCheck();
            case "naming.identifier.no-keyword" -> new IdentifierNoKeyword();
            case "builtin.maximum-sql-size" -> new MaximumSqlSize();
            case "statement.affected-row-limit" -> new AffectedRowLimit();
            case "statement.dml-dry-run" -> new DmlDryRun();
            case "table.limit-size" -> new TableRowThreshold.LimitSize();
            case "advice.online-migration" -> new TableRowThreshold.OnlineMigration();
            case "statement.where.disallow-functions-and-calculations" -> new WhereDisallowFunctionsAndCalculations();
            case "index.no-duplicate" -> new IndexNoDuplicate();
            case "statement.object-owner-check" -> new ObjectOwnerCheck();
            default -> throw new IllegalArgumentException("no built-in review rule has the id '" + id + "'");
        };
    }
}
