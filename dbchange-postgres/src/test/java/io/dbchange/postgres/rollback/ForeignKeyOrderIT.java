package io.dbchange.postgres.rollback;

import static io.dbchange.postgres.rollback.Tables.contents;
import static io.dbchange.postgres.rollback.Tables.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rollbacks restore rows of tables whose foreign keys point at each other without violating them: a
 * self-referencing table (a subtree of {@code employee.manager_id -> employee.id}) for every kind of non-cascading
 * foreign key, and tables referencing each other in a cycle when the keys are deferrable; a cycle that cannot be
 * deferred is refused before anything runs.
 */
@DbChangeTest
class ForeignKeyOrderIT {

    static final PostgresRollback ROLLBACK = PostgresRollback.configure().build();

    static void employees(Connection c, String fk) throws Exception {
        sql(
                c,
                "CREATE TABLE employee (id integer PRIMARY KEY, manager_id integer REFERENCES employee (id) " + fk
                        + ", name text NOT NULL)",
                "INSERT INTO employee VALUES (1, NULL, 'ceo'), (2, 1, 'cto'), (3, 2, 'lead'), (4, 3, 'dev'),"
                        + " (5, 4, 'intern'), (6, 1, 'cfo')");
    }

    /** Change, roll back, compare; then roll back the rollback and compare with the changed state. */
    static void roundTrip(Connection c, String change) throws Exception {
        List<String> before = contents(c, "employee");
        CapturedChange captured = ROLLBACK.execute(c, change, CaptureOptions.DEFAULTS);
        List<String> after = contents(c, "employee");
        assertThat(after).isNotEqualTo(before);
        CapturedChange undone = ROLLBACK.apply(
                c, captured.id(), ROLLBACK.generate(c, captured.id()).sha256());
        assertThat(contents(c, "employee")).isEqualTo(before);
        ROLLBACK.apply(c, undone.id(), ROLLBACK.generate(c, undone.id()).sha256());
        assertThat(contents(c, "employee")).isEqualTo(after);
    }

    @ParameterizedTest(name = "foreign key [{0}]")
    @ValueSource(strings = {"", "ON DELETE RESTRICT", "DEFERRABLE", "DEFERRABLE INITIALLY DEFERRED"})
    void restoresADeletedSubtree(String fk, @PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            employees(c, fk);
            roundTrip(c, "DELETE FROM employee WHERE id IN (5, 4, 3, 2)");
        }
    }

    @ParameterizedTest(name = "foreign key [{0}]")
    @ValueSource(strings = {"", "ON DELETE RESTRICT", "DEFERRABLE"})
    void removesAnInsertedSubtree(String fk, @PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            employees(c, fk);
            roundTrip(
                    c,
                    "INSERT INTO employee VALUES (10, 6, 'controller'), (11, 10, 'accountant');"
                            + " INSERT INTO employee VALUES (12, 11, 'clerk')");
        }
    }

    @ParameterizedTest(name = "foreign key [{0}]")
    @ValueSource(strings = {"", "ON DELETE RESTRICT", "DEFERRABLE"})
    void restoresParentLinksAroundARemovedManager(String fk, @PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            employees(c, fk);
            // lead (3) leaves: dev (4) now reports to cto (2), and a new lead (7) takes the intern (5)
            roundTrip(
                    c,
                    "UPDATE employee SET manager_id = 2 WHERE manager_id = 3; DELETE FROM employee WHERE id = 3;"
                            + " INSERT INTO employee VALUES (7, 2, 'new lead');"
                            + " UPDATE employee SET manager_id = 7 WHERE id = 5; UPDATE employee SET id = 8 WHERE id = 6");
        }
    }

    @Test
    void refusesTablesReferencingEachOtherThroughKeysThatCannotBeDeferred(@PostgresDatabase TestDatabase db)
            throws Exception {
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE team (id integer PRIMARY KEY, lead_id integer)",
                    "CREATE TABLE member (id integer PRIMARY KEY, team_id integer REFERENCES team (id))",
                    "ALTER TABLE team ADD FOREIGN KEY (lead_id) REFERENCES member (id)");
            String change = "INSERT INTO team VALUES (1, NULL); INSERT INTO member VALUES (1, 1);"
                    + " UPDATE team SET lead_id = 1 WHERE id = 1";
            RollbackCheck check = ROLLBACK.check(c, change);
            assertThat(check.refusals())
                    .anySatisfy(r -> assertThat(r.reason())
                            .contains("cycle of foreign keys")
                            .contains("public.team -> public.member -> public.team")
                            .contains("DEFERRABLE"));
            assertThatThrownBy(() -> ROLLBACK.execute(c, change, CaptureOptions.DEFAULTS.withCoverOnlyNamedTables("x")))
                    .isInstanceOf(DbChangeException.class)
                    .hasMessageContaining("cycle of foreign keys");
            assertThat(contents(c, "team")).isEmpty();
        }
    }

    @Test
    void restoresRowsInACycleOfDeferrableKeys(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE team (id integer PRIMARY KEY, lead_id integer)",
                    "CREATE TABLE member (id integer PRIMARY KEY, team_id integer NOT NULL"
                            + " REFERENCES team (id) DEFERRABLE)",
                    "ALTER TABLE team ADD FOREIGN KEY (lead_id) REFERENCES member (id) DEFERRABLE",
                    "BEGIN",
                    "SET CONSTRAINTS ALL DEFERRED",
                    "INSERT INTO team VALUES (1, 10), (2, 20)",
                    "INSERT INTO member VALUES (10, 1), (20, 2), (21, 2)",
                    "COMMIT");
            List<String> teams = contents(c, "team");
            List<String> members = contents(c, "member");
            CapturedChange change = ROLLBACK.execute(
                    c,
                    "UPDATE team SET lead_id = NULL WHERE id = 2; DELETE FROM member WHERE team_id = 2;"
                            + " DELETE FROM team WHERE id = 2",
                    CaptureOptions.DEFAULTS);
            ROLLBACK.apply(c, change.id(), ROLLBACK.generate(c, change.id()).sha256());
            assertThat(contents(c, "team")).isEqualTo(teams);
            assertThat(contents(c, "member")).isEqualTo(members);
        }
    }
}
