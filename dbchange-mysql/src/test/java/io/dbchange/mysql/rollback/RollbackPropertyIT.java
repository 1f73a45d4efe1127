package io.dbchange.mysql.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.mysql.MySqlEngine;
import io.dbchange.testing.PropertySeeds;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollback property on the embedded MariaDB: for random tables over the pitfall column types, random rows and a
 * random transaction of INSERT/UPDATE/DELETE/REPLACE statements run with capture, applying the generated rollback
 * leaves every table exactly as it was before the transaction (same multiset of rows, every byte and bit equal).
 *
 * <p>Cheap cases: {@value #SHAPES} random tables are created once; each case picks one or two of them by its seed,
 * empties and refills them with its own random rows, so a case depends on its seed only ({@code
 * -Ddbchange.property.only=SEED} reproduces it). Session time zones differ per case, and the JVM runs in a zone
 * with a half-hour offset and DST, so no conversion can hide behind equal zones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollbackPropertyIT {

    static final int SHAPES = 24;
    private static final String[] ZONES = {"+00:00", "+05:45", "-09:30", "+13:00", "SYSTEM", "-12:00"};

    private TestDatabase db;
    private Connection c;
    private BinlogRollback rollback;
    private List<RandomChanges.Shape> shapes;
    private Path scripts;
    private SchemaSnapshot schema;
    private TimeZone jvmZone;
    private int cases;
    private int applied;
    private long rowsRolledBack;
    private final long[] nanos = new long[5];

    static LongStream seeds() {
        return PropertySeeds.seeds(1000);
    }

    @BeforeAll
    void createTables() throws Exception {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
        db = TestServers.mysql().createDatabase();
        c = db.openConnection();
        rollback = BinlogRollback.of(db.connectionSettings());
        scripts = Files.createTempDirectory("rollback-property");
        shapes = new ArrayList<>();
        SplittableRandom tables = new SplittableRandom(PropertySeeds.DEFAULT_BASE_SEED);
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < SHAPES; i++) {
                RandomChanges.Shape shape = RandomChanges.table("t" + i, tables.split());
                s.execute(shape.ddl());
                shapes.add(shape);
            }
        }
        schema = new MySqlEngine().readSchema(c, SnapshotOptions.DEFAULTS);
    }

    @AfterAll
    void dropTables() throws Exception {
        TimeZone.setDefault(jvmZone);
        c.close();
        db.close();
        try (Stream<Path> files = Files.walk(scripts)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.printf(
                "rollback property: %d cases, %d rolled back and compared, %d rows rolled back; ms in setup %d,"
                        + " execute %d, generate %d, apply %d, compare %d%n",
                cases,
                applied,
                rowsRolledBack,
                nanos[0] / 1_000_000,
                nanos[1] / 1_000_000,
                nanos[2] / 1_000_000,
                nanos[3] / 1_000_000,
                nanos[4] / 1_000_000);
        // Most transactions must really run: a generator whose statements always fail would prove nothing.
        assertThat(applied).isGreaterThanOrEqualTo(cases * 8 / 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rollbackRestoresTheTablesExactly(long seed) throws SQLException, IOException {
        cases++;
        SplittableRandom r = new SplittableRandom(seed);
        RandomChanges.Shape t = shapes.get(r.nextInt(SHAPES));
        RandomChanges.Shape u = r.nextInt(3) == 0 ? shapes.get(r.nextInt(SHAPES)) : null;
        if (u == t) {
            u = null;
        }
        long[] nextId = {1};
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '" + RandomChanges.pick(r, ZONES) + "'");
            for (RandomChanges.Shape shape : u == null ? List.of(t) : List.of(t, u)) {
                s.execute("DELETE FROM " + RandomChanges.q(shape));
                s.execute(RandomChanges.insert(shape, r, 12, nextId));
            }
        }
        List<String> beforeT = TableContents.read(c, t.name());
        List<String> beforeU = u == null ? null : TableContents.read(c, u.name());
        List<String> statements = new ArrayList<>();
        int count = r.nextInt(1, 5);
        for (int i = 0; i < count; i++) {
            statements.add(RandomChanges.statement(t, u, r, nextId));
        }
        long t1 = System.nanoTime();
        nanos[0] += t1 - t0;
        CapturedChange change;
        try {
            // Every tenth case reads the schema at execution time; the others pass the one read once.
            change = r.nextInt(10) == 0 ? rollback.execute(c, statements) : rollback.execute(c, statements, schema);
            nanos[1] += System.nanoTime() - t1;
        } catch (DbChangeException e) {
            assertThat(e.code()).as("%s", e.getMessage()).isEqualTo(RollbackErrorCode.ROLLBACK_EXECUTION_FAILED);
            if (Boolean.getBoolean("dbchange.property.verbose")) {
                System.out.println("FAILED " + e.getMessage());
            }
            assertThat(TableContents.read(c, t.name())).isEqualTo(beforeT);
            return;
        }
        long t2 = System.nanoTime();
        RollbackScript script = rollback.generate(change, scripts.resolve(Long.toString(seed)));
        long t3 = System.nanoTime();
        nanos[2] += t3 - t2;
        rollback.apply(c, script);
        long t4 = System.nanoTime();
        nanos[3] += t4 - t3;
        assertThat(TableContents.read(c, t.name()))
                .as("table %s after %s", t.ddl(), statements)
                .isEqualTo(beforeT);
        if (u != null) {
            assertThat(TableContents.read(c, u.name()))
                    .as("table %s after %s", u.ddl(), statements)
                    .isEqualTo(beforeU);
        }
        nanos[4] += System.nanoTime() - t4;
        applied++;
        rowsRolledBack += script.statementCount();
        for (Path chunk : script.chunkFiles()) {
            Files.delete(chunk);
        }
        Files.delete(script.directory());
    }
}
