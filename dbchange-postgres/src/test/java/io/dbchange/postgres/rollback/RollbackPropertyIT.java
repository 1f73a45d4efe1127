package io.dbchange.postgres.rollback;

import static io.dbchange.postgres.rollback.Tables.contents;
import static io.dbchange.postgres.rollback.Tables.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.DbChangeException;
import io.dbchange.testing.PropertySeeds;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollback property: for random tables over PostgreSQL's tricky types, random rows and random multi-statement
 * transactions (multi-row INSERT, UPDATE and DELETE, key updates, UPDATE ... FROM and DELETE ... USING across two
 * tables, tables with a primary key, a composite key or none with duplicate rows), the captured change does exactly
 * what the same script does without capture, and applying its rollback gives back the full contents of every table
 * as they were before, value for value (row text under exact settings: -0 differs from 0, 1.10 from 1.1). Every
 * third case also rolls back the rollback and gets the changed contents again.
 *
 * <p>All cases share one database (tables are created and dropped per case) so that each case stays cheap.
 */
@DbChangeTest
class RollbackPropertyIT {

    static final PostgresRollback ROLLBACK = PostgresRollback.configure().build();

    static Connection c;
    static int captured;
    static int failedAsAWhole;

    @BeforeAll
    static void setUp(@PostgresDatabase TestDatabase db) throws SQLException {
        c = db.openConnection();
        sql(c, RandomValues.SETUP);
    }

    @AfterAll
    static void tearDown() throws SQLException {
        System.out.println("rollback property: " + captured + " changes captured and rolled back, " + failedAsAWhole
                + " scripts failed as a whole (nothing committed, checked)");
        c.close();
    }

    static LongStream seeds() {
        return PropertySeeds.seeds(1000);
    }

    /** One random table: its name, columns (name and type) and key kind. */
    record RandomTable(String name, List<String> columns, List<String> types, int keyKind) {
        String create() {
            StringBuilder b = new StringBuilder("CREATE TABLE " + name + " (id integer NOT NULL");
            if (keyKind == 1) {
                b.append(", k text NOT NULL");
            }
            for (int i = 0; i < columns.size(); i++) {
                b.append(", ").append(columns.get(i)).append(' ').append(types.get(i));
            }
            if (keyKind == 0) {
                b.append(", g bigint GENERATED ALWAYS AS (id::bigint * 3) STORED, PRIMARY KEY (id)");
            } else if (keyKind == 1) {
                b.append(", PRIMARY KEY (id, k)");
            }
            return b.append(')').toString();
        }

        String row(SplittableRandom r, int id) {
            StringBuilder b = new StringBuilder("(").append(id);
            if (keyKind == 1) {
                b.append(", ").append(RandomValues.quote(r.nextBoolean() ? "x" : "y'z"));
            }
            for (String type : types) {
                b.append(", ").append(RandomValues.literal(r, type));
            }
            return b.append(')').toString();
        }

        String insertColumns() {
            return "(id" + (keyKind == 1 ? ", k" : "") + (columns.isEmpty() ? "" : ", " + String.join(", ", columns))
                    + ")";
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rollbackRestoresEveryTableExactly(long seed) throws SQLException {
        SplittableRandom r = new SplittableRandom(seed);
        String prefix = "p" + Long.toHexString(seed & 0xffffffffL);
        List<RandomTable> tables = new ArrayList<>();
        int tableCount = r.nextInt(4) == 0 ? 2 : 1;
        for (int t = 0; t < tableCount; t++) {
            int columns = r.nextInt(1, 5);
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                names.add("c" + i);
                types.add(RandomValues.type(r));
            }
            tables.add(new RandomTable(prefix + "_" + t, names, types, r.nextInt(3)));
        }
        try {
            for (RandomTable t : tables) {
                sql(c, t.create());
                int rows = r.nextInt(0, 12);
                if (rows > 0) {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < rows; i++) {
                        // keyless tables get duplicate ids (and sometimes duplicate rows)
                        values.add(t.row(r, t.keyKind() == 2 ? r.nextInt(1, 6) : i + 1));
                    }
                    if (t.keyKind() == 2 && r.nextBoolean()) {
                        values.add(values.get(0));
                    }
                    sql(
                            c,
                            "INSERT INTO " + t.name() + " " + t.insertColumns() + " VALUES "
                                    + String.join(", ", values));
                }
            }
            String script = script(r, tables);
            List<List<String>> before = snapshot(tables);
            List<List<String>> plain = plainRun(script, tables);
            CapturedChange change;
            try {
                change = ROLLBACK.execute(c, script, CaptureOptions.DEFAULTS);
            } catch (DbChangeException e) {
                assertThat(e.code()).as(script).isEqualTo(RollbackErrorCode.ROLLBACK_STATEMENT_FAILED);
                assertThat(plain)
                        .as("the script fails without capture too: " + script)
                        .isNull();
                assertThat(snapshot(tables)).as(script).isEqualTo(before);
                failedAsAWhole++;
                return;
            }
            List<List<String>> after = snapshot(tables);
            assertThat(after)
                    .as("the capture changes nothing about what the script does: " + script)
                    .isEqualTo(plain);
            RollbackScript rollback = ROLLBACK.generate(c, change.id());
            CapturedChange undone = ROLLBACK.apply(c, change.id(), rollback.sha256());
            assertThat(snapshot(tables)).as(script).isEqualTo(before);
            if (seed % 3 == 0) {
                CapturedChange redone = ROLLBACK.apply(
                        c, undone.id(), ROLLBACK.generate(c, undone.id()).sha256());
                assertThat(snapshot(tables))
                        .as("rollback of the rollback: " + script)
                        .isEqualTo(after);
                ROLLBACK.discard(c, redone.id());
            }
            ROLLBACK.discard(c, undone.id());
            ROLLBACK.discard(c, change.id());
            captured++;
        } finally {
            for (RandomTable t : tables) {
                sql(c, "DROP TABLE IF EXISTS " + t.name());
            }
        }
    }

    /** The contents after running the script without capture (rolled back again), or null when it fails. */
    private static List<List<String>> plainRun(String script, List<RandomTable> tables) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (String statement : script.split(";\n")) {
                sql(c, statement);
            }
            return snapshot(tables);
        } catch (SQLException e) {
            return null;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static List<List<String>> snapshot(List<RandomTable> tables) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        for (RandomTable t : tables) {
            out.add(contents(c, t.name()));
        }
        return out;
    }

    private static String script(SplittableRandom r, List<RandomTable> tables) {
        List<String> statements = new ArrayList<>();
        int n = r.nextInt(1, 5);
        for (int s = 0; s < n; s++) {
            RandomTable t = tables.get(r.nextInt(tables.size()));
            RandomTable other = tables.get(r.nextInt(tables.size()));
            int kind = r.nextInt(10);
            if (kind < 3) {
                List<String> rows = new ArrayList<>();
                int count = r.nextInt(1, 4);
                for (int i = 0; i < count; i++) {
                    rows.add(t.row(r, r.nextInt(4) == 0 ? r.nextInt(1, 12) : 100 + s * 10 + i));
                }
                statements.add("INSERT INTO " + t.name() + " " + t.insertColumns() + " VALUES "
                        + String.join(", ", rows) + (r.nextInt(4) == 0 ? " ON CONFLICT DO NOTHING" : ""));
            } else if (kind < 7) {
                List<String> sets = new ArrayList<>();
                if (r.nextInt(4) == 0) {
                    sets.add(r.nextBoolean() ? "id = id + 1000" : "id = -id");
                }
                for (int i = 0; i < t.columns().size(); i++) {
                    if (sets.isEmpty() || r.nextBoolean()) {
                        sets.add(t.columns().get(i) + " = "
                                + RandomValues.literal(r, t.types().get(i)));
                    }
                }
                if (other != t && r.nextInt(3) == 0) {
                    statements.add("UPDATE " + t.name() + " AS x SET "
                            + String.join(", ", sets)
                                    .replace("id = id", "id = x.id")
                                    .replace("id = -id", "id = -x.id") + " FROM " + other.name()
                            + " AS y WHERE x.id = y.id");
                } else {
                    statements.add("UPDATE " + t.name() + " SET " + String.join(", ", sets) + where(r));
                }
            } else {
                if (other != t && r.nextInt(3) == 0) {
                    statements.add("DELETE FROM " + t.name() + " USING " + other.name() + " WHERE " + t.name()
                            + ".id = " + other.name() + ".id + 1");
                } else {
                    statements.add("DELETE FROM " + t.name() + where(r));
                }
            }
        }
        return String.join(";\n", statements);
    }

    private static String where(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> "";
            case 1 -> " WHERE id < " + r.nextInt(1, 12);
            case 2 -> " WHERE id % 2 = 0";
            case 3 -> " WHERE c0 IS NULL";
            case 4 -> " WHERE id IN (SELECT min(id) FROM (VALUES (3), (5)) v(id))";
            default -> " WHERE id BETWEEN " + r.nextInt(1, 6) + " AND " + r.nextInt(5, 200);
        };
    }
}
