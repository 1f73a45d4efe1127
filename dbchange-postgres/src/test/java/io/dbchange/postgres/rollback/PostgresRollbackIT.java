package io.dbchange.postgres.rollback;

import static io.dbchange.postgres.rollback.Tables.contents;
import static io.dbchange.postgres.rollback.Tables.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@DbChangeTest
class PostgresRollbackIT {

    static final PostgresRollback ROLLBACK = PostgresRollback.configure().build();

    static final String TYPES = """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s');
            CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
            CREATE TABLE item (
              id integer PRIMARY KEY,
              n numeric, f4 real, f8 double precision, b bytea, arr text[], ia integer[], j json, jb jsonb,
              u uuid, m mood, d posint, ts timestamp(3), tz timestamptz, iv interval, bits bit(5), vb varbit,
              r int4range, tr tstzrange, big text, g integer GENERATED ALWAYS AS (id * 2) STORED);
            INSERT INTO item (id, n, f4, f8, b, arr, ia, j, jb, u, m, d, ts, tz, iv, bits, vb, r, tr, big) VALUES
              (1, 'NaN', '-0', '-0', '\\x00ff27', '{"a,b","c\\"d",NULL}', '{1,NULL,3}', '{"a": 1,  "a": 2}',
               '{"b": [1, 2.50]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'it''s', 7, '2024-02-29 23:59:59.999',
               '2024-03-31 02:30:00+02', '1 mon -2 days 03:04:05.000006', B'10101', B'1', '[1,5)',
               '[2024-01-01 00:00+00,)', repeat('x', 100000)),
              (2, 'Infinity', 'Infinity', 'NaN', '\\x', '{}', '{}', 'null', '"s"', NULL, 'sad', 1, '4713-01-01 BC',
               '-infinity', '-178000000 years', B'00000', B'', 'empty', NULL, ''),
              (3, 1.10, 3.4028235e38, 4.9e-324, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL);
            """;

    @Test
    void rollsBackUpdatesDeletesAndInsertsOfEveryTypeExactly(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(c, TYPES);
            List<String> before = contents(c, "item");
            CapturedChange change = ROLLBACK.execute(c, """
                    UPDATE item SET n = -0.000001, f8 = 'Infinity', big = big || 'y', m = 'ok', id = id + 10 WHERE id <= 2;
                    DELETE FROM item WHERE id = 3;
                    INSERT INTO item (id, n, arr, tz) VALUES (4, 'NaN', '{x}', now()), (5, 2, NULL, NULL);
                    UPDATE item SET f4 = 'NaN' WHERE id = 4
                    """, CaptureOptions.DEFAULTS);
            assertThat(change.rowsChanged()).isEqualTo(6);
            assertThat(change.tables()).singleElement().satisfies(t -> {
                assertThat(t.key()).containsExactly("id");
                assertThat(t.beforeRows()).isEqualTo(3);
                assertThat(t.afterRows()).isEqualTo(4);
            });
            assertThat(contents(c, "item")).isNotEqualTo(before);
            RollbackScript script = ROLLBACK.generate(c, change.id());
            assertThat(script.rows()).isEqualTo(7);
            StringWriter text = new StringWriter();
            ROLLBACK.writeScript(c, change.id(), text);
            assertThat(text.toString()).contains("DELETE FROM public.item").contains("INSERT INTO public.item");
            CapturedChange undone = ROLLBACK.apply(c, change.id(), script.sha256());
            assertThat(contents(c, "item")).isEqualTo(before);
            assertThat(undone.rollbackOf()).contains(change.id());
        }
    }

    @Test
    void rollsBackARollback(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(c, TYPES);
            List<String> before = contents(c, "item");
            CapturedChange change = ROLLBACK.execute(
                    c,
                    "UPDATE item SET id = id * 10, j = '[1]' WHERE id > 1; DELETE FROM item WHERE id = 1",
                    CaptureOptions.DEFAULTS);
            List<String> after = contents(c, "item");
            CapturedChange undone = ROLLBACK.apply(
                    c, change.id(), ROLLBACK.generate(c, change.id()).sha256());
            assertThat(contents(c, "item")).isEqualTo(before);
            CapturedChange redone = ROLLBACK.apply(
                    c, undone.id(), ROLLBACK.generate(c, undone.id()).sha256());
            assertThat(contents(c, "item")).isEqualTo(after);
            ROLLBACK.apply(c, redone.id(), ROLLBACK.generate(c, redone.id()).sha256());
            assertThat(contents(c, "item")).isEqualTo(before);
        }
    }

    @Test
    void refusesToApplyTheSameRollbackTwice(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a')");
            CapturedChange change = ROLLBACK.execute(c, "UPDATE t SET v = 'b'", CaptureOptions.DEFAULTS);
            String sha = ROLLBACK.generate(c, change.id()).sha256();
            CapturedChange undone = ROLLBACK.apply(c, change.id(), sha);
            assertThatThrownBy(() -> ROLLBACK.apply(c, change.id(), sha))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_REFUSED))
                    .hasMessageContaining(undone.id());
            assertThat(contents(c, "t")).containsExactly("(1,a)");
        }
    }

    @Test
    void refusesAnApprovedRollbackWhoseBackupRowsOrStatementsWereEditedSince(@PostgresDatabase TestDatabase db)
            throws Exception {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
            CapturedChange change = ROLLBACK.execute(c, "UPDATE t SET v = v || '!'", CaptureOptions.DEFAULTS);
            String sha = ROLLBACK.generate(c, change.id()).sha256();
            String backup = "dbchange_rollback.\"" + change.id() + "_0_b\"";
            sql(c, "UPDATE " + backup + " SET v = 'forged' WHERE id = 2");
            assertThatThrownBy(() -> ROLLBACK.apply(c, change.id(), sha))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_REFUSED))
                    .hasMessageContaining("do not match its sha256");
            assertThat(contents(c, "t")).containsExactly("(1,a!)", "(2,b!)");

            sql(c, "UPDATE " + backup + " SET v = 'b' WHERE id = 2");
            sql(c, "UPDATE dbchange_rollback.script_chunk SET sql = replace(sql, 'b.\"v\"', 'upper(b.\"v\")')");
            assertThatThrownBy(() -> ROLLBACK.apply(c, change.id(), sha))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_REFUSED));
            assertThat(contents(c, "t")).containsExactly("(1,a!)", "(2,b!)");
        }
    }

    @Test
    void refusesARollbackOverALaterChangeAndListsTheRows(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE t (id int PRIMARY KEY, v text)",
                    "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 10) g");
            CapturedChange change = ROLLBACK.execute(
                    c,
                    "UPDATE t SET v = 'new' WHERE id <= 5; DELETE FROM t WHERE id = 9; INSERT INTO t VALUES (11, 'x')",
                    CaptureOptions.DEFAULTS);
            String sha = ROLLBACK.generate(c, change.id()).sha256();
            sql(
                    c,
                    "UPDATE t SET v = 'later' WHERE id = 4",
                    "DELETE FROM t WHERE id = 11",
                    "INSERT INTO t VALUES (9, 'someone else')");
            List<String> now = contents(c, "t");
            assertThatThrownBy(() -> ROLLBACK.apply(c, change.id(), sha))
                    .isInstanceOfSatisfying(RollbackConflictException.class, e -> {
                        assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_CONFLICT);
                        assertThat(e.conflicts())
                                .extracting(ConflictingRow::key, ConflictingRow::kind)
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple("id=4", ConflictingRow.Kind.CHANGED),
                                        org.assertj.core.groups.Tuple.tuple("id=11", ConflictingRow.Kind.MISSING),
                                        org.assertj.core.groups.Tuple.tuple("id=9", ConflictingRow.Kind.KEY_TAKEN));
                    })
                    .hasMessageContaining("id=4");
            assertThat(contents(c, "t")).isEqualTo(now);
            assertThat(ROLLBACK.find(c, change.id())).isPresent();
        }
    }

    @Test
    void refusesAConflictInATableWithoutKey(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (v text, n int)", "INSERT INTO t VALUES ('a', 1), ('a', 1), ('b', 2)");
            List<String> before = contents(c, "t");
            CapturedChange change = ROLLBACK.execute(c, "UPDATE t SET n = 5 WHERE v = 'a'", CaptureOptions.DEFAULTS);
            String sha = ROLLBACK.generate(c, change.id()).sha256();
            sql(c, "DELETE FROM t WHERE ctid = (SELECT min(ctid) FROM t WHERE v = 'a')");
            assertThatThrownBy(() -> ROLLBACK.apply(c, change.id(), sha))
                    .isInstanceOfSatisfying(
                            RollbackConflictException.class,
                            e -> assertThat(e.conflicts())
                                    .singleElement()
                                    .satisfies(r -> assertThat(r.kind()).isEqualTo(ConflictingRow.Kind.MISSING)));
            sql(c, "INSERT INTO t VALUES ('a', 5)");
            ROLLBACK.apply(c, change.id(), sha);
            assertThat(contents(c, "t")).isEqualTo(before);
        }
    }

    @Test
    void refusesShapesItCannotCaptureBeforeRunningAnything(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE t (id int PRIMARY KEY, v text)",
                    "INSERT INTO t VALUES (1, 'a')",
                    "CREATE VIEW tv AS SELECT * FROM t");
            for (String script : List.of(
                    "INSERT INTO t VALUES (1, 'b') ON CONFLICT (id) DO UPDATE SET v = excluded.v",
                    "WITH d AS (DELETE FROM t RETURNING *) INSERT INTO t SELECT id + 1, v FROM d",
                    "UPDATE t SET v = 'x' WHERE random() < 0.5",
                    "DELETE FROM t USING t AS t2 TABLESAMPLE SYSTEM (50) WHERE t.id = t2.id",
                    "MERGE INTO t USING (VALUES (1)) s(id) ON t.id = s.id WHEN MATCHED THEN DELETE",
                    "TRUNCATE t",
                    "ALTER TABLE t ADD COLUMN w int",
                    "UPDATE tv SET v = 'x'",
                    "UPDATE t SET v = 'a'; COMMIT; UPDATE t SET v = 'b'",
                    "UPDATE nosuch SET v = 1")) {
                RollbackCheck check = ROLLBACK.check(c, script);
                assertThat(check.refusals()).as(script).isNotEmpty();
                assertThat(check.capturable(CaptureOptions.DEFAULTS.withCoverOnlyNamedTables("fine")))
                        .as(script)
                        .isFalse();
                assertThatThrownBy(() -> ROLLBACK.execute(c, script, CaptureOptions.DEFAULTS))
                        .as(script)
                        .isInstanceOfSatisfying(
                                DbChangeException.class,
                                e -> assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_REFUSED));
                assertThat(contents(c, "t")).as(script).containsExactly("(1,a)");
            }
        }
    }

    @Test
    void refusesCascadesAndTriggersWithoutConsentAndRecordsTheConsent(@PostgresDatabase TestDatabase db)
            throws Exception {
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE parent (id int PRIMARY KEY)",
                    "CREATE TABLE child (id int PRIMARY KEY, p int REFERENCES parent ON DELETE CASCADE)",
                    "INSERT INTO parent VALUES (1), (2)",
                    "INSERT INTO child VALUES (10, 1), (20, 2)");
            String script = "DELETE FROM parent WHERE id = 1";
            RollbackCheck check = ROLLBACK.check(c, script);
            assertThat(check.refusals()).singleElement().satisfies(r -> {
                assertThat(r.consentable()).isTrue();
                assertThat(r.reason()).contains("child_p_fkey").contains("CASCADE");
            });
            assertThatThrownBy(() -> ROLLBACK.execute(c, script, CaptureOptions.DEFAULTS))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_REFUSED))
                    .hasMessageContaining("child_p_fkey");
            assertThat(contents(c, "child")).hasSize(2);

            // writing both tables of a cascade cannot be covered even with consent
            String both = "DELETE FROM child WHERE id = 20; DELETE FROM parent WHERE id = 1";
            assertThat(ROLLBACK.check(c, both).capturable(CaptureOptions.DEFAULTS.withCoverOnlyNamedTables("ok")))
                    .isFalse();

            CapturedChange change = ROLLBACK.execute(
                    c, script, CaptureOptions.DEFAULTS.withCoverOnlyNamedTables("children are re-created by hand"));
            assertThat(change.uncovered())
                    .anySatisfy(u -> assertThat(u).contains("public.child: 0 inserted, 0 updated, 1 deleted"))
                    .anySatisfy(u -> assertThat(u).contains("children are re-created by hand"));
            assertThat(ROLLBACK.find(c, change.id()).orElseThrow().uncovered()).isEqualTo(change.uncovered());
        }
    }

    @Test
    void abortsWhenATriggerWritesToTheCapturedTable(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE t (id int PRIMARY KEY, v int)",
                    "INSERT INTO t VALUES (1, 1), (2, 2)",
                    "CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " UPDATE t SET v = v + 100 WHERE id = 2; RETURN NULL; END $$",
                    "CREATE TRIGGER bump AFTER UPDATE ON t FOR EACH ROW WHEN (OLD.id = 1) EXECUTE FUNCTION bump()");
            assertThat(ROLLBACK.check(c, "UPDATE t SET v = 5 WHERE id = 1").refusals())
                    .singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("bump"));
            assertThatThrownBy(() -> ROLLBACK.execute(
                            c,
                            "UPDATE t SET v = 5 WHERE id = 1",
                            CaptureOptions.DEFAULTS.withCoverOnlyNamedTables("audit only")))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_CAPTURE_MISMATCH));
            assertThat(contents(c, "t")).containsExactly("(1,1)", "(2,2)");
        }
    }

    @Test
    void leavesConcurrentWritersOutOfTheRollback(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection();
                Connection other = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE t (id int PRIMARY KEY, v text)",
                    "CREATE TABLE gate (id int PRIMARY KEY, n int)",
                    "INSERT INTO t SELECT g, 'v' FROM generate_series(1, 20) g",
                    "INSERT INTO gate VALUES (1, 0)");
            // The other session holds a lock on the gate row that our second statement waits for; while we wait,
            // it writes to the same table (other rows) and commits, inside our transaction's lifetime.
            other.setAutoCommit(false);
            sql(
                    other,
                    "SELECT * FROM gate FOR UPDATE",
                    "UPDATE t SET v = 'theirs' WHERE id = 15",
                    "INSERT INTO t VALUES (100, 'theirs')",
                    "DELETE FROM t WHERE id = 20");
            CompletableFuture<CapturedChange> ours = CompletableFuture.supplyAsync(() -> ROLLBACK.execute(
                    c,
                    "UPDATE t SET v = 'ours' WHERE id <= 5; UPDATE gate SET n = n + 1; INSERT INTO t VALUES (50, 'ours')",
                    CaptureOptions.DEFAULTS));
            awaitLockWait(other);
            other.commit();
            CapturedChange change = ours.get(60, TimeUnit.SECONDS);
            List<String> expectedAfterRollback = new java.util.ArrayList<>(contents(c, "t"));
            expectedAfterRollback.removeIf(r -> r.equals("(50,ours)"));
            expectedAfterRollback.replaceAll(r -> r.endsWith(",ours)") ? r.replace("ours", "v") : r);
            ROLLBACK.apply(c, change.id(), ROLLBACK.generate(c, change.id()).sha256());
            assertThat(contents(c, "t"))
                    .containsExactlyInAnyOrderElementsOf(expectedAfterRollback)
                    .contains("(15,theirs)", "(100,theirs)")
                    .doesNotContain("(20,v)");
            assertThat(contents(c, "gate")).containsExactly("(1,0)");
        }
    }

    @Test
    void failsRetryablyWhenAnotherTransactionChangesACapturedRow(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection();
                Connection other = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE t (id int PRIMARY KEY, v text)",
                    "CREATE TABLE gate (id int PRIMARY KEY, n int)",
                    "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
                    "INSERT INTO gate VALUES (1, 0)");
            other.setAutoCommit(false);
            sql(other, "SELECT * FROM gate FOR UPDATE");
            CompletableFuture<CapturedChange> ours = CompletableFuture.supplyAsync(() -> ROLLBACK.execute(
                    c, "UPDATE gate SET n = 1; UPDATE t SET v = 'ours' WHERE id = 1", CaptureOptions.DEFAULTS));
            awaitLockWait(other);
            sql(other, "UPDATE t SET v = 'theirs' WHERE id = 1");
            other.commit();
            assertThatThrownBy(() -> ours.get(60, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(DbChangeException.class, e -> {
                        assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_CONCURRENT_CHANGE);
                        assertThat(e.retryable()).isTrue();
                    });
            assertThat(contents(c, "t")).containsExactly("(1,theirs)", "(2,b)");
            assertThat(contents(c, "gate")).containsExactly("(1,0)");
        }
    }

    @Test
    void refusesAConnectionInsideTheCallersTransaction(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id int PRIMARY KEY, v text)");
            c.setAutoCommit(false);
            sql(c, "INSERT INTO t VALUES (1, 'mine')");
            assertThatThrownBy(() -> ROLLBACK.execute(c, "UPDATE t SET v = 'x'", CaptureOptions.DEFAULTS))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(io.dbchange.api.CoreErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining("auto-commit");
            c.commit();
            c.setAutoCommit(true);
            assertThat(contents(c, "t")).containsExactly("(1,mine)");
        }
    }

    @Test
    void purgesOnlyExpiredCaptures(@PostgresDatabase TestDatabase db) throws Exception {
        PostgresRollback shortLived =
                PostgresRollback.configure().retention(Duration.ofMillis(1)).build();
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a')");
            CapturedChange kept = ROLLBACK.execute(c, "UPDATE t SET v = 'b'", CaptureOptions.DEFAULTS);
            CapturedChange expired = shortLived.execute(c, "UPDATE t SET v = 'c'", CaptureOptions.DEFAULTS);
            Thread.sleep(5);
            assertThat(backupTables(c)).hasSize(4);
            assertThat(ROLLBACK.purgeExpired(c)).isEqualTo(1);
            assertThat(ROLLBACK.find(c, expired.id())).isEmpty();
            assertThat(ROLLBACK.find(c, kept.id())).isPresent();
            assertThat(backupTables(c)).hasSize(2).allMatch(name -> name.startsWith(kept.id()));
            assertThatThrownBy(() -> ROLLBACK.generate(c, expired.id()))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_NOT_FOUND));
        }
    }

    private static List<String> backupTables(Connection c) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'dbchange_rollback'"
                        + " AND tablename NOT IN ('capture', 'capture_table', 'script_chunk')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Waits until some session waits for a lock held by {@code holder}. */
    private static void awaitLockWait(Connection holder) throws Exception {
        int pid;
        try (Statement s = holder.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        for (int i = 0; i < 600; i++) {
            try (Statement s = holder.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT count(*) FROM pg_stat_activity WHERE " + pid + " = ANY (pg_blocking_pids(pid))")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no session ever waited for the lock");
    }
}
