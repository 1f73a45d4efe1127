package io.dbchange.core.review.statement;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.statement.AlterAction.Type;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement.ParsedBy;
import io.dbchange.core.sql.StatementSplitter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementParserTest {

    private static StatementParser mysql;
    private static StatementParser postgres;

    @BeforeAll
    static void open() {
        mysql = StatementParser.forDialect(Dialect.MYSQL);
        postgres = StatementParser.forDialect(Dialect.POSTGRESQL);
    }

    @AfterAll
    static void close() {
        mysql.close();
        postgres.close();
    }

    private static ParsedStatement pg(String sql) {
        return postgres.parse(SqlStatement.of(sql));
    }

    private static ParsedStatement my(String sql) {
        return mysql.parse(SqlStatement.of(sql));
    }

    @ParameterizedTest(name = "{0} -> {1} by {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CREATE INDEX idx_lower ON users ((lower(email)))             | CREATE_INDEX    | JSQLPARSER
            CREATE SEQUENCE IF NOT EXISTS s                              | CREATE_SEQUENCE | RECOGNIZER
            DROP INDEX CONCURRENTLY IF EXISTS idx_a                      | DROP_INDEX      | RECOGNIZER
            LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE                 | LOCK            | RECOGNIZER
            COPY actor (actor_id, first_name) FROM stdin                 | COPY            | RECOGNIZER
            ALTER TABLE t ALTER COLUMN c SET DATA TYPE bigint            | ALTER_TABLE     | JSQLPARSER
            SET lock_timeout = '2s'                                      | SET             | JSQLPARSER
            DELETE FROM book                                             | DELETE          | JSQLPARSER
            this is not sql                                              | UNRECOGNIZED    | NONE
            """)
    void postgresStatementsGetTheirKindFromOneOfTheTwoPaths(String sql, StatementKind kind, ParsedBy by) {
        ParsedStatement model = pg(sql);
        assertThat(model.kind()).isEqualTo(kind);
        if (by == ParsedBy.NONE) {
            assertThat(model.parsedBy()).isEqualTo(ParsedBy.NONE);
            assertThat(model.problem()).isPresent();
        } else {
            assertThat(model.parsedBy()).isNotEqualTo(ParsedBy.NONE);
        }
    }

    @Test
    void mysqlDropForeignKeyIsAnAlterActionWithTheKeyName() {
        ParsedStatement model = my("ALTER TABLE orders DROP FOREIGN KEY fk_orders_user, DROP INDEX idx_a");
        assertThat(model.kind()).isEqualTo(StatementKind.ALTER_TABLE);
        assertThat(model.target().orElseThrow().name()).isEqualTo("orders");
        assertThat(model.actions())
                .extracting(AlterAction::type)
                .containsExactly(Type.DROP_FOREIGN_KEY, Type.DROP_INDEX);
        assertThat(model.actions().get(0).objectName()).contains("fk_orders_user");
    }

    @Test
    void createTableYieldsColumnsKeysAndOptionsWithPositions() {
        String sql = "CREATE TABLE `shop`.`book` (\n"
                + "  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,\n"
                + "  title VARCHAR(200) CHARACTER SET utf8mb4 DEFAULT '' COMMENT 'the title',\n"
                + "  author_id INT NULL,\n"
                + "  PRIMARY KEY (id),\n"
                + "  UNIQUE KEY uk_book_title (title),\n"
                + "  CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='books' PARTITION BY HASH(id)";
        ParsedStatement model = my(sql);
        assertThat(model.kind()).isEqualTo(StatementKind.CREATE_TABLE);
        assertThat(model.target().orElseThrow().qualified()).isEqualTo("shop.book");
        assertThat(model.columns()).extracting(ColumnDefinition::name).containsExactly("id", "title", "author_id");
        ColumnDefinition id = model.columns().get(0);
        assertThat(id.type()).isEqualTo("BIGINT UNSIGNED");
        assertThat(id.notNull()).isTrue();
        assertThat(id.autoIncrement()).isTrue();
        assertThat(id.position().line()).isEqualTo(2);
        assertThat(id.position().column()).isEqualTo(3);
        ColumnDefinition title = model.columns().get(1);
        assertThat(title.baseType()).isEqualTo("VARCHAR");
        assertThat(title.charset()).contains("utf8mb4");
        assertThat(title.defaultExpression()).contains("''");
        assertThat(title.comment()).contains("the title");
        assertThat(model.columns().get(2).explicitNull()).isTrue();
        assertThat(model.constraints())
                .extracting(ConstraintDefinition::type)
                .containsExactly(ConstraintType.PRIMARY_KEY, ConstraintType.UNIQUE, ConstraintType.FOREIGN_KEY);
        ConstraintDefinition fk = model.constraints().get(2);
        assertThat(fk.name()).contains("fk_book_author");
        assertThat(fk.referencedTable().orElseThrow().name()).isEqualTo("author");
        assertThat(fk.onDeleteCascade()).isTrue();
        assertThat(model.constraints().get(1).name()).contains("uk_book_title");
        assertThat(model.tableOptions().engine()).contains("InnoDB");
        assertThat(model.tableOptions().charset()).contains("utf8mb4");
        assertThat(model.tableOptions().comment()).contains("books");
        assertThat(model.tableOptions().partitioned()).isTrue();
    }

    @Test
    void postgresAlterColumnActionsCarryColumnAndNewType() {
        ParsedStatement model = pg("ALTER TABLE ONLY public.t ALTER COLUMN c SET DATA TYPE bigint,"
                + " ALTER COLUMN d SET NOT NULL, ALTER d SET DEFAULT now(), ADD CONSTRAINT c_fk FOREIGN KEY (x)"
                + " REFERENCES u (id) NOT VALID");
        assertThat(model.target().orElseThrow().qualified()).isEqualTo("public.t");
        assertThat(model.actions())
                .extracting(AlterAction::type)
                .containsExactly(Type.SET_TYPE, Type.SET_NOT_NULL, Type.SET_DEFAULT, Type.ADD_CONSTRAINT);
        assertThat(model.actions().get(0).newType()).contains("BIGINT");
        assertThat(model.actions().get(3).constraint().orElseThrow().notValid()).isTrue();
        ParsedStatement rename = pg("ALTER TABLE t RENAME COLUMN a TO b");
        assertThat(rename.actions().get(0).type()).isEqualTo(Type.RENAME_COLUMN);
        assertThat(rename.actions().get(0).newName()).contains("b");
    }

    @Test
    void createIndexConcurrentlyRecordsTableIndexAndColumns() {
        ParsedStatement model =
                pg("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uk_a ON app.a USING btree (x, (lower(y))) WHERE z");
        assertThat(model.concurrently()).isTrue();
        assertThat(model.ifNotExists()).isTrue();
        assertThat(model.target().orElseThrow().qualified()).isEqualTo("app.a");
        IndexDefinition index = model.index().orElseThrow();
        assertThat(index.name()).contains("uk_a");
        assertThat(index.unique()).isTrue();
        assertThat(index.columns()).containsExactly("x", "(lower(y))");
        assertThat(index.method()).contains("btree");
        assertThat(index.partial()).isTrue();
    }

    @Test
    void dmlClausesAreFoundAtTopLevelOnlyWithPositions() {
        String script = "SELECT 1;\nUPDATE book SET a = (SELECT max(x) FROM y WHERE y.id = 2)";
        SqlStatement update = StatementSplitter.forDialect(Dialect.MYSQL)
                .split(script)
                .statements()
                .get(1);
        ParsedStatement model = mysql.parse(update);
        assertThat(model.kind()).isEqualTo(StatementKind.UPDATE);
        assertThat(model.dml().where()).isEmpty();
        ParsedStatement delete = my("DELETE FROM book WHERE id = 1 ORDER BY id LIMIT 1");
        assertThat(delete.dml().where().orElseThrow().column()).isEqualTo(18);
        assertThat(delete.dml().orderBy()).isPresent();
        assertThat(delete.dml().limit()).isPresent();
    }

    @Test
    void selectStarIsFoundButCountStarIsNot() {
        assertThat(my("SELECT * FROM book").dml().selectAll()).isPresent();
        assertThat(my("SELECT b.* FROM book b").dml().selectAll()).isPresent();
        assertThat(my("SELECT id FROM (SELECT * FROM book) t").dml().selectAll())
                .isPresent();
        assertThat(my("SELECT count(*) FROM book").dml().selectAll()).isEmpty();
        assertThat(my("SELECT a * 2 FROM book").dml().selectAll()).isEmpty();
    }

    @Test
    void insertRecordsColumnListRowsAndQuerySource() {
        ParsedStatement values = my("INSERT INTO t (a, b) VALUES (1, 2), (3, 4), (5, 6)");
        assertThat(values.dml().insertColumns()).contains(List.of("a", "b"));
        assertThat(values.dml().insertRows()).isEqualTo(3);
        ParsedStatement select = my("INSERT INTO t SELECT * FROM u ORDER BY RAND()");
        assertThat(select.dml().insertColumns()).isEmpty();
        assertThat(select.dml().insertSelect()).isTrue();
        assertThat(select.dml().orderByRand()).isTrue();
    }

    @Test
    void aParserWithATinyTimeBudgetStillModelsEveryStatementThroughTheRecognizer() {
        StringBuilder nested = new StringBuilder("SELECT id FROM book WHERE ");
        for (int i = 0; i < 40; i++) {
            nested.append("(a = ").append(i).append(" OR ");
        }
        nested.append("b = 1").append(")".repeat(40));
        try (StatementParser hurried = StatementParser.forDialect(Dialect.MYSQL, java.time.Duration.ofNanos(1))) {
            for (int i = 0; i < 3; i++) {
                ParsedStatement model = hurried.parse(SqlStatement.of(nested.toString()));
                assertThat(model.kind()).isEqualTo(StatementKind.SELECT);
                assertThat(model.dml().where()).isPresent();
            }
        }
    }
}
