package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.rollback.RollbackScriptRef;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.pipeline.Rollbacks;
import io.dbchange.mysql.rollback.BinlogRollbackSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binlog rollback through the public pipeline API on the embedded MariaDB: a DATA request with rollback runs
 * captured, its rollback is an ordinary ROLLBACK request that rolls out as the verified apply, and so on.
 */
class PipelineRollbackIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private final Estate estate = new Estate();
    private final InMemoryRoleResolver roles = new InMemoryRoleResolver().grant("dana", Roles.DBA);

    @TempDir
    Path scripts;

    @AfterEach
    void dropDatabases() {
        estate.close();
    }

    private Rollbacks rollbacks() {
        BinlogRollbackSupport.Builder support =
                BinlogRollbackSupport.configure().scriptDirectory(scripts);
        estate.instances.forEach(support::instance);
        return Rollbacks.configure().support(support.build()).build();
    }

    private Pipeline pipeline(Rollbacks rollbacks) {
        return rollbacks
                .register(estate.pipeline().environments("test").roleResolver(roles))
                .build();
    }

    private static ChangeRequest submitData(Pipeline p, String sql, DatabaseRef db) {
        ChangeRequest cr = p.create(NewChangeRequest.of(
                        Estate.PROJECT, "names", ChangeType.DATA, sql, TargetSelector.databases(db), "alice")
                .withOptions(ChangeOptions.DEFAULTS.withRollbackEnabled(true)));
        return p.submit(cr.id(), "alice");
    }

    private static Task only(Pipeline p, String requestId) {
        return p.plan(requestId).tasks().get(0);
    }

    private List<String> names(DatabaseRef db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = estate.test(db).openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM person ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Generates, submits and rolls out the rollback of a task; returns its (only) task. */
    private static Task rollBack(Rollbacks rollbacks, Pipeline p, String taskId) throws InterruptedException {
        ChangeRequest undo = rollbacks.generate(p, taskId, "alice");
        assertThat(undo.type()).isEqualTo(ChangeType.ROLLBACK);
        assertThat(undo.status()).isEqualTo(ChangeRequestStatus.DRAFT);
        p.submit(undo.id(), "alice");
        assertThat(p.awaitIdle(WAIT)).isTrue();
        return only(p, undo.id());
    }

    @Test
    void dataChangeWithRollbackIsUndoneByAnApprovedRollbackRequestAndRedoneByItsRollback() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(db, "CREATE TABLE person (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(40) NOT NULL)");
        estate.execute(db, "INSERT INTO person (name) VALUES ('Cleo')");
        Rollbacks rollbacks = rollbacks();
        try (Pipeline p = pipeline(rollbacks)) {
            ChangeRequest cr = submitData(p, "INSERT INTO person (name) VALUES ('Adela'), ('Bella')", db);
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task task = only(p, cr.id());
            assertThat(task.status()).isEqualTo(TaskStatus.DONE);
            assertThat(names(db)).containsExactly("Adela", "Bella", "Cleo");
            assertThat(rollbacks.capture(task.id()))
                    .hasValueSatisfying(
                            c -> assertThat(c.capture()).contains("startFile").contains("gtid"));

            ChangeRequest undo = rollbacks.generate(p, task.id(), "alice");
            RollbackScriptRef ref = rollbacks.script(undo.id()).orElseThrow();
            assertThat(ref.statements()).isEqualTo(2);
            assertThat(undo.statement())
                    .contains("sha256=" + ref.sha256())
                    .contains("statements=2")
                    .contains("DELETE FROM");
            assertThat(undo.targets()).containsExactly(db);
            p.submit(undo.id(), "alice");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task undoTask = only(p, undo.id());
            assertThat(undoTask.status()).isEqualTo(TaskStatus.DONE);
            assertThat(names(db)).containsExactly("Cleo");
            assertThat(p.history(db))
                    .anySatisfy(h -> assertThat(h.record().type().name()).isEqualTo("ROLLBACK"));

            Task redo = rollBack(rollbacks, p, undoTask.id());
            assertThat(redo.status()).isEqualTo(TaskStatus.DONE);
            assertThat(names(db)).containsExactly("Adela", "Bella", "Cleo");
        }
    }

    @Test
    void aRollbackConflictingWithALaterChangeFailsListingTheRowAndChangesNothing() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(db, "CREATE TABLE person (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(40) NOT NULL)");
        Rollbacks rollbacks = rollbacks();
        try (Pipeline p = pipeline(rollbacks)) {
            ChangeRequest cr = submitData(p, "INSERT INTO person (name) VALUES ('Adela'), ('Bella')", db);
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task task = only(p, cr.id());
            assertThat(task.status()).isEqualTo(TaskStatus.DONE);
            estate.execute(db, "UPDATE person SET name = 'Bellatrix' WHERE name = 'Bella'");

            Task undo = rollBack(rollbacks, p, task.id());

            assertThat(undo.status()).isEqualTo(TaskStatus.FAILED);
            String error = p.runs(undo.id()).get(0).error().orElseThrow();
            String bellaHex = HexFormat.of().formatHex("Bella".getBytes(StandardCharsets.UTF_8));
            assertThat(error).contains("1 conflicting statements");
            assertThat(error.toLowerCase()).contains(bellaHex);
            assertThat(names(db)).containsExactly("Adela", "Bellatrix");
        }
    }

    @Test
    void aStatementThatCannotBeCapturedBlocksTheTaskUntilTheCreatorRunsItWithoutRollback() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        Rollbacks rollbacks = rollbacks();
        try (Pipeline p = pipeline(rollbacks)) {
            ChangeRequest cr = submitData(p, "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(40))", db);
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task task = only(p, cr.id());
            assertThat(task.state())
                    .isInstanceOfSatisfying(
                            TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
            assertThat(p.checkResults(task.id())).anySatisfy(r -> {
                assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
                assertThat(r.code()).isEqualTo("ROLLBACK_PREREQUISITE_FAILED");
                assertThat(r.message()).contains("statement #1 is not a data change");
            });
            assertThat(estate.tableExists(db, "person")).isFalse();

            assertThatThrownBy(() -> rollbacks.runWithoutRollback(p, task.id(), "dana", "I am not the creator"))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.PERMISSION_DENIED));
            rollbacks.runWithoutRollback(p, task.id(), "alice", "a new table, nothing to roll back");
            p.retry(task.id(), "dana");
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(only(p, cr.id()).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.tableExists(db, "person")).isTrue();
            assertThat(rollbacks.capture(task.id())).isEmpty();
            assertThat(p.checkResults(task.id()))
                    .anySatisfy(r -> assertThat(r.code()).isEqualTo("ROLLBACK_WAIVED"));
            assertThat(p.auditLog(task.id()))
                    .anySatisfy(a -> assertThat(a.action()).isEqualTo("task.rollback.waived"));
        }
    }
}
