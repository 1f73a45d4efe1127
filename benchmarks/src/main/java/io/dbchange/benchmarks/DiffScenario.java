package io.dbchange.benchmarks;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.schema.diff.SchemaDiff;
import io.dbchange.mysql.MySqlEngine;
import io.dbchange.postgres.PostgresEngine;
import io.dbchange.testing.RandomSchemaChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code benchmarks/run diff [tables]}: builds in memory a snapshot of {@value #DEFAULT_TABLES} tables (each with a
 * key, four more columns, an index, a check and a foreign key to the one before; a view per ten tables) for MySQL and
 * for PostgreSQL, changes it at {@value #CHANGES} random places ({@link RandomSchemaChanges}), and times
 * {@code SchemaDiff.between} and each engine's {@code migrationDdl} between the two and {@code dumpSchema} of the
 * first. No server is involved: this is the cost of the comparison and planning alone (what a drift check adds to
 * reading the live schema). Each figure is the median of {@value #RUNS} runs after one warm-up run.
 */
final class DiffScenario implements Scenario {

    static final int DEFAULT_TABLES = 5000;
    static final int CHANGES = 50;
    static final int RUNS = 5;

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String summary() {
        return "SchemaDiff and migrationDdl between two in-memory snapshots of " + DEFAULT_TABLES + " tables"
                + " (arg: tables)";
    }

    @Override
    public int run(List<String> args) {
        int tables = args.isEmpty() ? DEFAULT_TABLES : Integer.parseInt(args.get(0));
        if (tables < 1) {
            throw new IllegalArgumentException("'tables' must be at least 1: " + tables);
        }
        StringBuilder result = new StringBuilder("RESULT diff tables=" + tables);
        for (DatabaseEngine engine : List.of(new MySqlEngine(), new PostgresEngine())) {
            SchemaSnapshot a = snapshot(engine.dialect(), tables);
            SchemaSnapshot b = RandomSchemaChanges.mutate(a, new SplittableRandom(42), CHANGES);
            int changes = SchemaDiff.between(a, b).changes().size();
            double diff = medianMillis(() -> SchemaDiff.between(a, b).changes().size());
            double migration = medianMillis(() -> engine.migrationDdl(a, b).length());
            double dump = medianMillis(() -> engine.dumpSchema(a).length());
            System.out.printf(
                    "%-10s %d tables, %d changes: diff %.1f ms, migrationDdl %.1f ms, dumpSchema %.1f ms%n",
                    engine.name(), tables, changes, diff, migration, dump);
            String p = engine.name().equals("mysql") ? "mysql" : "pg";
            result.append(String.format(
                    " %s_changes=%d %s_diff_ms=%.1f %s_migration_ms=%.1f %s_dump_ms=%.1f",
                    p, changes, p, diff, p, migration, p, dump));
        }
        System.out.println(result);
        return 0;
    }

    private static double medianMillis(Supplier<Integer> work) {
        work.get();
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    static SchemaSnapshot snapshot(Dialect dialect, int count) {
        boolean mysql = dialect == Dialect.MYSQL;
        String schema = mysql ? "" : "public";
        List<Table> tables = new ArrayList<>();
        List<View> views = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            String name = String.format("t%05d", t);
            List<Column> columns = List.of(
                    Column.of("id", "bigint", false),
                    Column.of("name", mysql ? "varchar(40)" : "character varying(40)", true),
                    Column.of("amount", mysql ? "int" : "integer", true),
                    Column.of("note", "text", true),
                    Column.of("prev_id", "bigint", true));
            List<ForeignKey> fks = t == 0
                    ? List.of()
                    : List.of(new ForeignKey(
                            "fk_" + name,
                            List.of("prev_id"),
                            schema,
                            String.format("t%05d", t - 1),
                            List.of("id"),
                            ForeignKey.Action.NO_ACTION,
                            ForeignKey.Action.NO_ACTION));
            tables.add(new Table(
                    name,
                    columns,
                    Optional.of(PrimaryKey.of(mysql ? "PRIMARY" : name + "_pkey", "id")),
                    List.of(new Index(
                            "ix_" + name, false, List.of(KeyPart.column("name")), "btree", Optional.empty(), true)),
                    fks,
                    List.of(new CheckConstraint("ck_" + name, "amount >= 0")),
                    TableOptions.NONE));
            if (t % 10 == 0) {
                views.add(new View("v_" + name, "select id, name from " + name));
            }
        }
        Schema s = new Schema(schema, tables, views, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        return new SchemaSnapshot(dialect, "bench", Instant.EPOCH, List.of(s));
    }
}
