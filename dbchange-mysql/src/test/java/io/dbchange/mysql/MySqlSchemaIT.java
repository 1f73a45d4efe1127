package io.dbchange.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Event;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.schema.Table;
import io.dbchange.core.schema.SchemaJson;
import io.dbchange.mysql.internal.MySqlSchemaReader;
import io.dbchange.testing.PropertySeeds;
import io.dbchange.testing.SchemaRoundTrips;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.MySqlDatabase;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema snapshots and dumps against the embedded MariaDB: dump(A) applied to an empty database reads back equal to
 * A, and equal structures give equal snapshots (no false positives).
 */
@DbChangeTest
class MySqlSchemaIT {

    /** Every object kind and type family the MySQL reader handles. */
    static final String EVERY_KIND = """
            CREATE TABLE parent (
              id INT(11) UNSIGNED NOT NULL AUTO_INCREMENT,
              code CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
              name VARCHAR(100) NOT NULL DEFAULT 'it''s',
              note TEXT COMMENT 'free text',
              price DECIMAL(10,2) NOT NULL DEFAULT 0.00,
              ratio DOUBLE DEFAULT NULL,
              flags SET('a','b','C') DEFAULT 'a,b',
              mood ENUM('Sad','ok') NOT NULL DEFAULT 'ok',
              tiny TINYINT(1) NOT NULL DEFAULT 1,
              big BIGINT(20) ZEROFILL,
              born DATE DEFAULT '2000-01-01',
              seen YEAR(4),
              bits BIT(3) DEFAULT b'101',
              doc JSON,
              blobby BLOB,
              created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
              updated DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
              day_added DATE DEFAULT (CURRENT_DATE),
              upper_name VARCHAR(100) AS (UPPER(name)) VIRTUAL,
              name_len INT AS (CHAR_LENGTH(name)) STORED,
              PRIMARY KEY (id),
              UNIQUE KEY uk_code (code),
              KEY ix_name_prefix (name(10), price DESC),
              KEY ix_ignored (born) IGNORED,
              FULLTEXT KEY ft_note (note),
              CONSTRAINT chk_price CHECK (price >= 0)
            ) ENGINE=InnoDB DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC COMMENT='parents';

            CREATE TABLE child (
              id BIGINT NOT NULL,
              parent_id INT UNSIGNED,
              code CHAR(3) CHARACTER SET ascii COLLATE ascii_bin,
              PRIMARY KEY (id),
              CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE,
              CONSTRAINT fk_child_code FOREIGN KEY (code) REFERENCES parent (code) ON UPDATE SET NULL
            ) ENGINE=InnoDB;

            CREATE TABLE memo (k INT NOT NULL, v VARCHAR(10), KEY ix_k (k) USING HASH) ENGINE=MEMORY;

            CREATE TABLE measure (
              id INT NOT NULL,
              taken DATE NOT NULL,
              PRIMARY KEY (id, taken)
            ) PARTITION BY RANGE (YEAR(taken)) (
              PARTITION p2020 VALUES LESS THAN (2021),
              PARTITION pmax VALUES LESS THAN MAXVALUE);

            CREATE SEQUENCE seq_orders START WITH 100 INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 CYCLE;

            CREATE VIEW v_parent AS SELECT id, name FROM parent WHERE price > 0;
            CREATE SQL SECURITY INVOKER VIEW v_parent_names AS SELECT name FROM v_parent WITH CASCADED CHECK OPTION;

            DELIMITER //
            CREATE FUNCTION price_with_tax(p DECIMAL(10,2)) RETURNS DECIMAL(10,2) DETERMINISTIC
            COMMENT 'adds tax'
            BEGIN
              RETURN p * 1.2;
            END //
            CREATE PROCEDURE count_children(IN p_parent INT, OUT p_count INT)
            READS SQL DATA
            BEGIN
              SELECT COUNT(*) INTO p_count FROM child WHERE parent_id = p_parent;
            END //
            CREATE TRIGGER parent_bi BEFORE INSERT ON parent FOR EACH ROW
            BEGIN
              SET NEW.name = TRIM(NEW.name);
            END //
            CREATE TRIGGER child_ad AFTER DELETE ON child FOR EACH ROW DELETE FROM memo WHERE k = OLD.id //
            CREATE EVENT purge_memo ON SCHEDULE AT '2037-06-01 03:00:00' DO DELETE FROM memo WHERE k < 0 //
            CREATE EVENT nightly_totals
              ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 02:30:00' ENDS '2031-01-01 00:00:00'
              ON COMPLETION PRESERVE DISABLE COMMENT 'it''s nightly'
            DO BEGIN
              DELETE FROM memo;
              INSERT INTO memo (k, v) SELECT id, code FROM child;
            END //
            DELIMITER ;
            """;

    private final MySqlEngine engine = new MySqlEngine();

    static LongStream seeds() {
        return PropertySeeds.seeds(20);
    }

    @Test
    void dumpOfEveryObjectKindReadsBackEqual(@MySqlDatabase TestDatabase database) {
        SchemaSnapshot original = applyAndRead(database, EVERY_KIND);
        Schema schema = original.schemas().get(0);
        assertThat(schema.tables()).extracting(Table::name).containsExactly("child", "measure", "memo", "parent");
        assertThat(schema.views()).hasSize(2);
        assertThat(schema.sequences()).hasSize(1);
        assertThat(schema.routines()).hasSize(2);
        assertThat(schema.triggers()).hasSize(2);
        assertThat(schema.events()).extracting(Event::name).containsExactly("nightly_totals", "purge_memo");
        Event nightly = schema.events().get(0);
        assertThat(nightly.schedule())
                .isEqualTo("EVERY 1 DAY STARTS '2030-01-01 02:30:00' ENDS '2031-01-01 00:00:00'"
                        + " ON COMPLETION PRESERVE");
        assertThat(nightly.enabled()).isFalse();
        assertThat(nightly.comment()).isEqualTo("it's nightly");
        assertThat(nightly.definition()).startsWith("BEGIN").endsWith("END");
        Event purge = schema.events().get(1);
        assertThat(purge.schedule()).isEqualTo("AT '2037-06-01 03:00:00'");
        assertThat(purge.enabled()).isTrue();
        assertThat(purge.comment()).isEmpty();
        Table parent = schema.table("parent").orElseThrow();
        assertThat(parent.column("id").orElseThrow().type()).isEqualTo("int unsigned");
        assertThat(parent.column("tiny").orElseThrow().type()).isEqualTo("tinyint");
        assertThat(parent.column("seen").orElseThrow().type()).isEqualTo("year");
        assertThat(parent.column("mood").orElseThrow().type()).isEqualTo("enum('Sad','ok')");
        assertThat(parent.column("name").orElseThrow().defaultExpression()).contains("'it''s'");
        assertThat(parent.column("ratio").orElseThrow().defaultExpression()).isEmpty();
        assertThat(parent.column("created").orElseThrow().defaultExpression()).contains("CURRENT_TIMESTAMP");
        assertThat(parent.column("updated").orElseThrow().onUpdate()).contains("CURRENT_TIMESTAMP(3)");
        assertThat(parent.column("code").orElseThrow().collation()).contains("ascii_bin");
        assertThat(parent.column("note").orElseThrow().collation()).isEmpty();
        assertThat(parent.column("name_len")
                        .orElseThrow()
                        .generated()
                        .orElseThrow()
                        .storage())
                .isEqualTo(Column.Storage.STORED);
        assertThat(parent.index("ix_ignored").orElseThrow().visible()).isFalse();
        assertThat(parent.options().charset()).contains("latin1");
        assertThat(parent.options().rowFormat()).contains("DYNAMIC");
        assertThat(schema.table("measure").orElseThrow().options().partitioning())
                .get()
                .asString()
                .startsWith("RANGE (year(`taken`))");
        assertThat(schema.views().get(0).definition()).doesNotContain(database.name());

        assertDumpReadsBackEqual(original);
    }

    @Test
    void sakilaDumpReadsBackEqual(@MySqlDatabase TestDatabase database) throws IOException {
        SchemaSnapshot original = applyAndRead(database, sakila());

        assertThat(original.schemas().get(0).tables()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(original.schemas().get(0).views()).hasSizeGreaterThanOrEqualTo(6);
        assertDumpReadsBackEqual(original);
    }

    /** Sakila's MySQL schema from the corpus, for any database name; skips the calling test when it is absent. */
    static String sakila() throws IOException {
        return Files.readString(SchemaRoundTrips.corpusPath("sakila/mysql-sakila-schema.sql"))
                .replace("CREATE SCHEMA sakila;", "")
                .replace("USE sakila;", "")
                .replace("DROP SCHEMA IF EXISTS sakila;", "")
                // Two views name their tables as sakila.t; the test database has another name.
                .replace("sakila.", "");
    }

    // temporal/mysql/v8/visibility needs MySQL 8 (->> operator, functional indexes) and does not run on MariaDB.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"temporal/mysql/v8/temporal/schema.sql"})
    void realSchemaFromTheCorpusDumpsAndReadsBackEqual(String relativePath) throws IOException {
        String corpus = System.getProperty("dbchange.corpus.dir");
        assumeThat(corpus)
                .as("system property dbchange.corpus.dir names the SQL corpus (/work/shared/corpus); skipping")
                .isNotNull();
        Path file = Path.of(corpus, relativePath);
        assumeThat(file).as("corpus file " + file).exists();
        try (TestDatabase database = TestServers.mysql().createDatabase()) {
            SchemaSnapshot original = applyAndRead(database, Files.readString(file));
            assertThat(original.schemas().get(0).tables()).isNotEmpty();
            assertDumpReadsBackEqual(original);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void dumpOfARandomSchemaReadsBackEqual(long seed) {
        String script = RandomMySqlSchema.generate(new SplittableRandom(seed));
        try (TestDatabase database = TestServers.mysql().createDatabase()) {
            SchemaSnapshot original = applyAndRead(database, script);
            assertThat(original.schemas().get(0).tables()).isNotEmpty();
            assertDumpReadsBackEqual(original);
        }
    }

    @Test
    void insertingRowsChangesNothing(@MySqlDatabase TestDatabase database) throws SQLException {
        SchemaSnapshot before = applyAndRead(database, EVERY_KIND);
        try (Connection c = database.openConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO parent (code, name) VALUES ('abc', 'x'), ('def', 'y')");
            s.execute("INSERT INTO child (id, parent_id) VALUES (1, 1)");
            s.execute("SELECT NEXTVAL(seq_orders)");
        }
        SchemaSnapshot after = read(database);

        assertThat(comparable(after)).isEqualTo(comparable(before));
        assertThat(SchemaJson.write(comparable(after))).isEqualTo(SchemaJson.write(comparable(before)));
    }

    @Test
    void theSameSchemaInTwoDatabasesIsEqualAndGivesIdenticalJson(@MySqlDatabase TestDatabase first) {
        try (TestDatabase second = TestServers.mysql().createDatabase()) {
            SchemaSnapshot a = applyAndRead(first, EVERY_KIND);
            SchemaSnapshot b = applyAndRead(second, EVERY_KIND);

            assertThat(b.databaseName()).isNotEqualTo(a.databaseName());
            assertThat(comparable(b)).isEqualTo(comparable(a));
            assertThat(SchemaJson.write(comparable(b))).isEqualTo(SchemaJson.write(comparable(a)));
        }
    }

    @Test
    void spellingsOfTheSameColumnsReadEqual(@MySqlDatabase TestDatabase first) {
        try (TestDatabase second = TestServers.mysql().createDatabase()) {
            SchemaSnapshot a = applyAndRead(
                    first,
                    "CREATE TABLE t (a INT(11), b VARCHAR(5) DEFAULT NULL, c TIMESTAMP NULL DEFAULT NOW(),"
                            + " d VARCHAR(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, e INT DEFAULT '7')"
                            + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
            SchemaSnapshot b = applyAndRead(
                    second,
                    "CREATE TABLE t (a INT, b VARCHAR(5), c TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP(),"
                            + " d VARCHAR(5), e INT DEFAULT 7) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

            assertThat(comparable(b)).isEqualTo(comparable(a));
        }
    }

    @Test
    void ignoresOnlineDdlShadowTablesAndIgnoredKinds(@MySqlDatabase TestDatabase database) {
        applyAndRead(
                database,
                "CREATE TABLE orders (id INT); CREATE TABLE _orders_gho (id INT);"
                        + " CREATE VIEW v AS SELECT id FROM orders");

        SchemaSnapshot defaults = read(database);
        SchemaSnapshot everything;
        SchemaSnapshot noViews;
        try (Connection c = database.openConnection()) {
            everything = engine.readSchema(c, SnapshotOptions.DEFAULTS.withoutIgnoredNames());
            noViews = engine.readSchema(c, SnapshotOptions.DEFAULTS.ignoring(SnapshotOptions.ObjectKind.VIEW));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }

        assertThat(defaults.schemas().get(0).tables()).extracting(Table::name).containsExactly("orders");
        assertThat(everything.schemas().get(0).tables())
                .extracting(Table::name)
                .containsExactly("_orders_gho", "orders");
        assertThat(noViews.schemas().get(0).views()).isEmpty();
        assertThat(defaults.schemas().get(0).views()).hasSize(1);
    }

    @Test
    void keepsDefinersOnlyWhenAskedAndDumpsThem(@MySqlDatabase TestDatabase database) throws SQLException {
        applyAndRead(
                database,
                "CREATE TABLE t (id INT); CREATE VIEW v AS SELECT id FROM t;"
                        + " CREATE PROCEDURE p() SELECT 1; CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.id = 1");
        SnapshotOptions keep = SnapshotOptions.DEFAULTS.withKeepDefiners(true);
        SchemaSnapshot withDefiners;
        try (Connection c = database.openConnection()) {
            withDefiners = engine.readSchema(c, keep);
        }
        Schema dropped = read(database).schemas().get(0);
        Schema kept = withDefiners.schemas().get(0);

        String definer = "DEFINER=`" + database.user() + "`@`";
        assertThat(kept.views().get(0).definition()).startsWith(definer);
        assertThat(kept.routines().get(0).definition()).startsWith(definer);
        assertThat(kept.triggers().get(0).definition()).startsWith(definer);
        assertThat(dropped.views().get(0).definition()).doesNotContain("DEFINER=");
        assertThat(dropped.routines().get(0).definition()).doesNotContain("DEFINER=");

        String dump = engine.dumpSchema(withDefiners);
        assertThat(dump).contains("CREATE " + definer);
        try (TestDatabase copy = TestServers.mysql().createDatabase();
                Connection c = copy.openConnection()) {
            assertThat(engine.execute(c, engine.split(dump), ExecutionOptions.DEFAULTS)
                            .failure())
                    .isEmpty();
            assertThat(comparable(engine.readSchema(c, keep))).isEqualTo(comparable(withDefiners));
        }
    }

    @Test
    void theNumberOfQueriesDoesNotGrowWithTheNumberOfTables(@MySqlDatabase TestDatabase small) {
        try (TestDatabase large = TestServers.mysql().createDatabase()) {
            applyAndRead(small, RandomMySqlSchema.manyTables(5));
            applyAndRead(large, RandomMySqlSchema.manyTables(50));

            int smallQueries = countQueries(small);
            int largeQueries = countQueries(large);

            assertThat(largeQueries).isEqualTo(smallQueries);
            assertThat(largeQueries).isBetween(3, 14);
        }
    }

    /**
     * The economical read (on MariaDB: the detail queries as one UNION ALL, the counts of foreign keys, checks,
     * routines and events folded into other queries, and the queries they prove empty skipped) gives exactly the
     * snapshot of the query-by-query read, for every object kind, with and without definers, ignored kinds and names.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"every kind", "sakila", "column checks only", "no tables"})
    void economicalReadEqualsTheQueryByQueryRead(String schema) throws IOException, SQLException {
        String script = switch (schema) {
            case "every kind" -> EVERY_KIND;
            case "sakila" -> sakila();
            case "column checks only" -> """
                            CREATE TABLE t (id INT PRIMARY KEY, a INT COMMENT 'caf\u00e9 \u00fc' CHECK (a > 0),
                              b VARCHAR(10) DEFAULT 'd\u00e9j\u00e0' CHECK (b <> ''));
                            CREATE TABLE u (id INT, tid INT, KEY ix (tid, id)) COMMENT 'no key, no check';
                            CREATE VIEW v AS SELECT a, 'na\u00efve' AS n FROM t;
                            """;
            default -> "CREATE VIEW v AS SELECT 1 AS one; CREATE SEQUENCE s";
        };
        try (TestDatabase database = TestServers.mysql().createDatabase();
                Connection c = database.openConnection()) {
            applyAndRead(database, script);
            for (SnapshotOptions options : List.of(
                    SnapshotOptions.DEFAULTS,
                    SnapshotOptions.DEFAULTS.withKeepDefiners(true).withoutIgnoredNames(),
                    SnapshotOptions.DEFAULTS.ignoring(
                            SnapshotOptions.ObjectKind.TRIGGER,
                            SnapshotOptions.ObjectKind.ROUTINE,
                            SnapshotOptions.ObjectKind.EVENT),
                    SnapshotOptions.DEFAULTS.ignoring(SnapshotOptions.ObjectKind.TABLE),
                    SnapshotOptions.DEFAULTS.ignoringNames("p*", "v_*"))) {
                SchemaSnapshot economical = comparable(MySqlSchemaReader.read(c, options, true));
                SchemaSnapshot reference = comparable(MySqlSchemaReader.read(c, options, false));
                assertThat(economical).as("options %s", options).isEqualTo(reference);
                assertThat(SchemaJson.write(economical)).isEqualTo(SchemaJson.write(reference));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void economicalReadOfARandomSchemaEqualsTheQueryByQueryRead(long seed) throws SQLException {
        String script = RandomMySqlSchema.generate(new SplittableRandom(seed));
        try (TestDatabase database = TestServers.mysql().createDatabase();
                Connection c = database.openConnection()) {
            applyAndRead(database, script);
            SchemaSnapshot economical = comparable(MySqlSchemaReader.read(c, SnapshotOptions.DEFAULTS, true));
            assertThat(economical.schemas().get(0).tables()).isNotEmpty();
            assertThat(economical).isEqualTo(comparable(MySqlSchemaReader.read(c, SnapshotOptions.DEFAULTS, false)));
        }
    }

    /**
     * A database of more than 100 tables is not counted in TABLE_CONSTRAINTS (which opens every table): its checks
     * and foreign keys are read as before, and the snapshot equals the query-by-query read.
     */
    @Test
    void aDatabaseOfManyTablesSendsTheConstraintQueriesAndReadsEqual(@MySqlDatabase TestDatabase database)
            throws SQLException {
        applyAndRead(database, RandomMySqlSchema.manyTables(101));
        assertThat(queries(database))
                .anyMatch(q -> q.contains("CHECK_CONSTRAINTS"))
                .anyMatch(q -> q.contains("INNODB_SYS_FOREIGN"));
        try (Connection c = database.openConnection()) {
            SchemaSnapshot economical = comparable(MySqlSchemaReader.read(c, SnapshotOptions.DEFAULTS, true));
            assertThat(economical.schemas().get(0).tables()).hasSize(101);
            assertThat(economical.schemas().get(0).table("m100").orElseThrow().checks())
                    .hasSize(1);
            assertThat(economical).isEqualTo(comparable(MySqlSchemaReader.read(c, SnapshotOptions.DEFAULTS, false)));
        }
    }

    /**
     * The count of foreign keys and checks in TABLE_CONSTRAINTS is exact: a database without either sends none of
     * their queries, and one with a column check only, or a foreign key only, still reads it.
     */
    @Test
    void readsChecksAndForeignKeysOnlyWhenTableConstraintsListsOneAndMissesNone(@MySqlDatabase TestDatabase database)
            throws SQLException {
        try (Connection c = database.openConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            assertThat(queries(database))
                    .noneMatch(q -> q.contains("CHECK_CONSTRAINTS"))
                    .noneMatch(q -> q.contains("INNODB_SYS_FOREIGN"))
                    .noneMatch(q -> q.contains("REFERENTIAL_CONSTRAINTS"))
                    .noneMatch(q -> q.contains("KEY_COLUMN_USAGE"));

            s.execute("ALTER TABLE t ADD COLUMN a INT CHECK (a > 0)");
            assertThat(queries(database)).anyMatch(q -> q.contains("CHECK_CONSTRAINTS"));
            Table t = engine.readSchema(c, SnapshotOptions.DEFAULTS)
                    .schemas()
                    .get(0)
                    .table("t")
                    .orElseThrow();
            assertThat(t.checks())
                    .extracting(io.dbchange.api.schema.CheckConstraint::name)
                    .containsExactly("a");
            assertThat(t.foreignKeys()).isEmpty();

            s.execute("ALTER TABLE t DROP COLUMN a");
            s.execute(
                    "CREATE TABLE c (id INT PRIMARY KEY, t_id INT, CONSTRAINT c_t FOREIGN KEY (t_id) REFERENCES t (id))");
            assertThat(queries(database))
                    .anyMatch(q -> q.contains("INNODB_SYS_FOREIGN"))
                    .noneMatch(q -> q.contains("CHECK_CONSTRAINTS"));
            Schema read =
                    engine.readSchema(c, SnapshotOptions.DEFAULTS).schemas().get(0);
            assertThat(read.table("c").orElseThrow().foreignKeys())
                    .extracting(io.dbchange.api.schema.ForeignKey::name)
                    .containsExactly("c_t");
            assertThat(read.table("t").orElseThrow().checks()).isEmpty();
        }
    }

    /**
     * The views skip is exact: TABLES lists every view, so a database without one sends no VIEWS query and a database
     * with one still reads it, with the same views information_schema.VIEWS holds.
     */
    @Test
    void readsViewsOnlyWhenTablesListsOneAndMissesNone(@MySqlDatabase TestDatabase database) throws SQLException {
        try (Connection c = database.openConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            assertThat(engine.readSchema(c, SnapshotOptions.DEFAULTS)
                            .schemas()
                            .get(0)
                            .views())
                    .isEmpty();
            assertThat(queries(database)).noneMatch(q -> q.contains("information_schema.VIEWS"));

            s.execute("CREATE VIEW only_view AS SELECT id FROM t");
            assertThat(queries(database)).anyMatch(q -> q.contains("information_schema.VIEWS"));
        }
        try (Connection c = database.openConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")) {
            rs.next();
            assertThat(engine.readSchema(c, SnapshotOptions.DEFAULTS)
                            .schemas()
                            .get(0)
                            .views())
                    .extracting(io.dbchange.api.schema.View::name)
                    .containsExactly("only_view")
                    .hasSize(rs.getInt(1));
        }
    }

    /**
     * MariaDB's lookup in mysql.proc and mysql.event is exact: a database without routines and events sends neither
     * information_schema query, and one with a procedure and an event reads both, as information_schema lists them.
     */
    @Test
    void readsRoutinesAndEventsOnlyWhenMariaDbListsOneAndMissesNone(@MySqlDatabase TestDatabase database)
            throws SQLException {
        try (Connection c = database.openConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            assertThat(queries(database))
                    .noneMatch(q -> q.contains("information_schema.ROUTINES"))
                    .noneMatch(q -> q.contains("information_schema.EVENTS"));

            s.execute("CREATE PROCEDURE p() SELECT 1");
            assertThat(queries(database))
                    .anyMatch(q -> q.contains("information_schema.ROUTINES"))
                    .noneMatch(q -> q.contains("information_schema.EVENTS"));
            s.execute("CREATE EVENT e ON SCHEDULE AT '2037-06-01 03:00:00' DO DELETE FROM t WHERE id < 0");
            assertThat(queries(database)).anyMatch(q -> q.contains("information_schema.EVENTS"));

            io.dbchange.api.schema.Schema read =
                    engine.readSchema(c, SnapshotOptions.DEFAULTS).schemas().get(0);
            assertThat(read.routines())
                    .extracting(io.dbchange.api.schema.Routine::name)
                    .containsExactly("p");
            assertThat(read.events())
                    .extracting(io.dbchange.api.schema.Event::name)
                    .containsExactly("e");
        }
    }

    /** A user who may not read the mysql schema (an application's usual user) gets information_schema's answer. */
    @Test
    void readsRoutinesForAUserWhoMayNotReadTheMysqlSchema(@MySqlDatabase TestDatabase database) throws SQLException {
        String user = "reader_" + database.name();
        List<String> hosts = List.of("localhost", "%");
        try (Connection admin = database.openConnection();
                Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT CHECK (a > 0))");
            s.execute(
                    "CREATE TABLE c (id INT PRIMARY KEY, t_id INT, CONSTRAINT c_t FOREIGN KEY (t_id) REFERENCES t (id))");
            s.execute("CREATE PROCEDURE p() SELECT 1");
            s.execute("CREATE EVENT e ON SCHEDULE AT '2037-06-01 03:00:00' DO DELETE FROM t WHERE id < 0");
            s.execute("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1");
            SchemaSnapshot asAdmin = engine.readSchema(admin, SnapshotOptions.DEFAULTS);
            try {
                for (String host : hosts) {
                    s.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'reader-pw'");
                    s.execute("GRANT ALL PRIVILEGES ON " + database.name() + ".* TO '" + user + "'@'" + host + "'");
                }
                try (Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), user, "reader-pw");
                        Statement denied = c.createStatement()) {
                    assertThat(catchThrowable(() -> denied.executeQuery("SELECT COUNT(*) FROM mysql.proc")))
                            .isInstanceOf(SQLException.class);
                    Schema read = engine.readSchema(c, SnapshotOptions.DEFAULTS)
                            .schemas()
                            .get(0);
                    assertThat(catchThrowable(() ->
                                    denied.executeQuery("SELECT COUNT(*) FROM information_schema.INNODB_SYS_FOREIGN")))
                            .as("the user lacks PROCESS")
                            .isInstanceOf(SQLException.class);
                    assertThat(read.routines())
                            .extracting(io.dbchange.api.schema.Routine::name)
                            .containsExactly("p");
                    assertThat(read.tables()).extracting(Table::name).containsExactly("c", "t");
                    assertThat(read.events()).extracting(Event::name).containsExactly("e");
                    assertThat(read.triggers()).hasSize(1);
                    assertThat(read.table("c").orElseThrow().foreignKeys()).hasSize(1);
                    assertThat(read.table("t").orElseThrow().checks()).hasSize(1);
                    assertThat(comparable(engine.readSchema(c, SnapshotOptions.DEFAULTS)))
                            .isEqualTo(comparable(asAdmin));
                }
            } finally {
                for (String host : hosts) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
                }
            }
        }
    }

    private int countQueries(TestDatabase database) {
        return queries(database).size();
    }

    /** The SQL of every statement one readSchema sends. */
    private List<String> queries(TestDatabase database) {
        List<String> sent = new ArrayList<>();
        try (Connection real = database.openConnection()) {
            Connection counting = (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(method, real, args);
                        if (result instanceof Statement statement) {
                            return Proxy.newProxyInstance(
                                    getClass().getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
                                        if (m.getName().startsWith("execute")) {
                                            sent.add(String.valueOf(a[0]));
                                        }
                                        return invoke(m, statement, a);
                                    });
                        }
                        return result;
                    });
            SchemaSnapshot snapshot = engine.readSchema(counting, SnapshotOptions.DEFAULTS);
            assertThat(snapshot.schemas().get(0).tables()).isNotEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sent;
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void assertDumpReadsBackEqual(SchemaSnapshot original) {
        String dump = engine.dumpSchema(original);
        try (TestDatabase copy = TestServers.mysql().createDatabase()) {
            SchemaSnapshot again = applyAndRead(copy, dump);
            assertThat(comparable(again)).as("dump:%n%s", dump).isEqualTo(comparable(original));
            assertThat(engine.dumpSchema(again)).isEqualTo(dump);
        }
    }

    private SchemaSnapshot applyAndRead(TestDatabase database, String script) {
        try (Connection c = database.openConnection()) {
            ScriptResult result = engine.execute(c, engine.split(script), ExecutionOptions.DEFAULTS);
            assertThat(result.failure()).as("script:%n%s", script).isEmpty();
            return engine.readSchema(c, SnapshotOptions.DEFAULTS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private SchemaSnapshot read(TestDatabase database) {
        try (Connection c = database.openConnection()) {
            return engine.readSchema(c, SnapshotOptions.DEFAULTS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot without what differs between databases by design: its name and when it was taken. */
    static SchemaSnapshot comparable(SchemaSnapshot snapshot) {
        return new SchemaSnapshot(snapshot.dialect(), "db", Instant.EPOCH, snapshot.schemas());
    }
}
