package io.dbchange.postgres.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.pipeline.ApprovalGate;
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.rollback.RollbackScriptRef;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.pipeline.Rollbacks;
import io.dbchange.core.store.JdbcMetadataStore;
import io.dbchange.core.store.JdbcRollbackStore;
import io.dbchange.postgres.rollback.PostgresRollbackSupport;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL rollback through the public pipeline API on the embedded PostgreSQL: capture in the task's own
 * transaction, the ROLLBACK request, verified apply, rollback of the rollback, conflicts and refusals.
 */
class PostgresPipelineRollbackIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private TestDatabase db;
    private DatabaseRef ref;
    private Rollbacks rollbacks;
    private Pipeline pipeline;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestServers.postgres().createDatabase();
        ref = new DatabaseRef("pg-test", db.name());
        String serverUrl = db.jdbcUrl().replace("/" + db.name(), "/postgres");
        rollbacks = Rollbacks.configure()
                .support(PostgresRollbackSupport.withDefaults())
                .build();
        pipeline = pipeline(rollbacks, Pipeline.configure());
        execute("CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL)");
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
        pools.forEach(HikariDataSource::close);
        stores.forEach(TestDatabase::close);
        db.close();
    }

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<TestDatabase> stores = new ArrayList<>();

    private Pipeline pipeline(Rollbacks with, Pipeline.Builder builder) {
        String serverUrl = db.jdbcUrl().replace("/" + db.name(), "/postgres");
        return with.register(builder.project(Project.of("shop", "Shop"))
                        .environments("test")
                        .roleResolver(new InMemoryRoleResolver().grant("dana", Roles.DBA))
                        .instance(new Instance(
                                "pg-test",
                                "test",
                                "postgresql",
                                ConnectionSettings.of(serverUrl, db.user(), db.password())))
                        .database(new Database(ref, "shop", "test")))
                .build();
    }

    private HikariDataSource pool(TestDatabase on) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(on.jdbcUrl());
        config.setUsername(on.user());
        config.setPassword(on.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> names() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM person ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private ChangeRequest submitData(String sql) {
        ChangeRequest cr = pipeline.create(
                NewChangeRequest.of("shop", "names", ChangeType.DATA, sql, TargetSelector.databases(ref), "alice")
                        .withOptions(ChangeOptions.DEFAULTS.withRollbackEnabled(true)));
        return pipeline.submit(cr.id(), "alice");
    }

    private Task only(String requestId) {
        return pipeline.plan(requestId).tasks().get(0);
    }

    private Task rollBack(String taskId) throws InterruptedException {
        ChangeRequest undo = rollbacks.generate(pipeline, taskId, "alice");
        assertThat(undo.type()).isEqualTo(ChangeType.ROLLBACK);
        assertThat(undo.status()).isEqualTo(ChangeRequestStatus.DRAFT);
        pipeline.submit(undo.id(), "alice");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        return only(undo.id());
    }

    @Test
    void dataChangeWithRollbackIsUndoneByAnApprovedRollbackRequestAndRedoneByItsRollback() throws Exception {
        execute("INSERT INTO person (name) VALUES ('Cleo')");
        ChangeRequest cr = submitData("INSERT INTO person (name) VALUES ('Adela'), ('Bella')");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        Task task = only(cr.id());
        assertThat(task.status()).isEqualTo(TaskStatus.DONE);
        assertThat(names()).containsExactly("Adela", "Bella", "Cleo");
        assertThat(rollbacks.capture(task.id()))
                .hasValueSatisfying(c -> assertThat(c.rows()).isEqualTo(2));

        ChangeRequest undo = rollbacks.generate(pipeline, task.id(), "alice");
        RollbackScriptRef script = rollbacks.script(undo.id()).orElseThrow();
        assertThat(undo.statement()).contains("sha256=" + script.sha256()).contains("DELETE FROM");
        pipeline.submit(undo.id(), "alice");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        Task undoTask = only(undo.id());
        assertThat(undoTask.status()).isEqualTo(TaskStatus.DONE);
        assertThat(names()).containsExactly("Cleo");

        Task redo = rollBack(undoTask.id());
        assertThat(redo.status()).isEqualTo(TaskStatus.DONE);
        assertThat(names()).containsExactly("Adela", "Bella", "Cleo");
    }

    @Test
    void aRollbackConflictingWithALaterChangeFailsListingTheRowAndChangesNothing() throws Exception {
        ChangeRequest cr = submitData("INSERT INTO person (name) VALUES ('Adela'), ('Bella')");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        Task task = only(cr.id());
        assertThat(task.status()).isEqualTo(TaskStatus.DONE);
        execute("UPDATE person SET name = 'Bellatrix' WHERE name = 'Bella'");

        Task undo = rollBack(task.id());

        assertThat(undo.status()).isEqualTo(TaskStatus.FAILED);
        String error = pipeline.runs(undo.id()).get(0).error().orElseThrow();
        assertThat(error).contains("CHANGED").contains("Bella").contains("Bellatrix");
        assertThat(names()).containsExactly("Adela", "Bellatrix");
    }

    @Test
    void anEditedRollbackRequestNoLongerRunsItsScript() throws Exception {
        ChangeRequest cr = submitData("INSERT INTO person (name) VALUES ('Adela'), ('Bella')");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        ChangeRequest undo = rollbacks.generate(pipeline, only(cr.id()).id(), "alice");
        // approval binds to the request's text; text without the script's hash must not run the stored script
        pipeline.edit(undo.id(), "alice", "-- nothing to see here\n", TargetSelector.databases(ref));
        pipeline.submit(undo.id(), "alice");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        Task task = only(undo.id());
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(pipeline.runs(task.id()).get(0).error())
                .hasValueSatisfying(e -> assertThat(e).contains("no longer names script sha256="));
        assertThat(names()).containsExactly("Adela", "Bella");
    }

    @Test
    void aStatementShapeTheCaptureRefusesBlocksTheTaskWithTheReason() throws Exception {
        ChangeRequest cr = submitData("INSERT INTO person (id, name) VALUES (1, 'Adela')"
                + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        Task task = only(cr.id());
        assertThat(task.state())
                .isInstanceOfSatisfying(
                        TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
        assertThat(pipeline.checkResults(task.id())).anySatisfy(r -> {
            assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
            assertThat(r.code()).isEqualTo("ROLLBACK_PREREQUISITE_FAILED");
            assertThat(r.message()).contains("ON CONFLICT DO UPDATE is not captured");
        });
        assertThat(names()).isEmpty();
    }

    @Test
    void aTriggerBlocksTheTaskUntilTheCreatorAcceptsThatTheRollbackCoversOnlyTheNamedTables() throws Exception {
        execute("CREATE TABLE audit_log (name text)");
        execute("CREATE FUNCTION log_person() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN INSERT INTO audit_log VALUES (NEW.name); RETURN NEW; END $$");
        execute("CREATE TRIGGER person_log AFTER INSERT ON person FOR EACH ROW EXECUTE FUNCTION log_person()");
        ChangeRequest cr = submitData("INSERT INTO person (name) VALUES ('Adela'), ('Bella')");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        Task task = only(cr.id());
        assertThat(task.state())
                .isInstanceOfSatisfying(
                        TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
        assertThat(pipeline.checkResults(task.id())).anySatisfy(r -> {
            assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
            assertThat(r.code()).isEqualTo("ROLLBACK_PREREQUISITE_FAILED");
            assertThat(r.message())
                    .contains("person_log")
                    .contains("would cover only the named tables")
                    .contains("Rollbacks.acceptNamedTablesOnly");
        });
        assertThat(names()).isEmpty();

        assertThatThrownBy(() -> rollbacks.acceptNamedTablesOnly(pipeline, task.id(), "dana", "not mine"))
                .isInstanceOfSatisfying(
                        DbChangeException.class,
                        e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.PERMISSION_DENIED));
        rollbacks.acceptNamedTablesOnly(pipeline, task.id(), "alice", "the audit log keeps its rows");
        assertThat(rollbacks.consent(task.id()))
                .hasValueSatisfying(c -> assertThat(c.contentHash())
                        .isEqualTo(pipeline.request(cr.id()).orElseThrow().contentHash()));
        assertThat(pipeline.auditLog(task.id())).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("task.rollback.named-tables-only");
            assertThat(a.principal()).isEqualTo("alice");
        });
        pipeline.retry(task.id(), "dana");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(only(cr.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(pipeline.checkResults(task.id()))
                .anySatisfy(r -> assertThat(r.code()).isEqualTo("ROLLBACK_NAMED_TABLES_ONLY"));
        assertThat(names()).containsExactly("Adela", "Bella");
        assertThat(count("audit_log")).isEqualTo(2);

        ChangeRequest undo = rollbacks.generate(pipeline, task.id(), "alice");
        assertThat(undo.statement()).contains("covers only the named tables").contains("the audit log keeps its rows");
        pipeline.submit(undo.id(), "alice");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(only(undo.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(names()).isEmpty();
        assertThat(count("audit_log")).as("the trigger's writes are not undone").isEqualTo(2);
    }

    @Test
    void aConsentDoesNotCarryOverToAnEditedRequest() throws Exception {
        execute("CREATE TABLE audit_log (name text)");
        execute("CREATE FUNCTION log_person() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN INSERT INTO audit_log VALUES (NEW.name); RETURN NEW; END $$");
        execute("CREATE TRIGGER person_log AFTER INSERT ON person FOR EACH ROW EXECUTE FUNCTION log_person()");
        ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                        "shop",
                        "names",
                        ChangeType.DATA,
                        "INSERT INTO person (name) VALUES ('Adela')",
                        TargetSelector.databases(ref),
                        "alice")
                .withOptions(ChangeOptions.DEFAULTS.withRollbackEnabled(true)));
        Task task = only(cr.id());
        rollbacks.acceptNamedTablesOnly(pipeline, task.id(), "alice", "the audit log keeps its rows");
        pipeline.edit(cr.id(), "alice", "INSERT INTO person (name) VALUES ('Zed')", TargetSelector.databases(ref));
        pipeline.submit(cr.id(), "alice");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        Task edited = only(cr.id());
        // an edit plans new tasks (and the consent is bound to the old content hash besides)
        assertThat(rollbacks.consent(edited.id())).isEmpty();
        assertThat(edited.status()).isNotEqualTo(TaskStatus.DONE);
        assertThat(pipeline.checkResults(edited.id()))
                .anySatisfy(r -> assertThat(r.code()).isEqualTo("ROLLBACK_PREREQUISITE_FAILED"));
        assertThat(names()).isEmpty();
    }

    private long count(String table) throws SQLException {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aRollbackIsGeneratedAfterARestartAndWaitsForItsApprovalLikeAnyRequest() throws Exception {
        TestDatabase storeDb = TestServers.postgres().createDatabase();
        stores.add(storeDb);
        AtomicBoolean dbaApproved = new AtomicBoolean();
        ApprovalGate gate = (request, plan) -> request.type() != ChangeType.ROLLBACK || dbaApproved.get()
                ? ApprovalGate.Decision.approved("test policy")
                : ApprovalGate.Decision.pending("every ROLLBACK needs a DBA");
        String taskId;
        Rollbacks first = Rollbacks.configure()
                .store(JdbcRollbackStore.configure().dataSource(pool(storeDb)).build())
                .support(PostgresRollbackSupport.withDefaults())
                .build();
        MetadataStore firstStore =
                JdbcMetadataStore.configure().dataSource(pool(storeDb)).build();
        try (Pipeline p = pipeline(first, Pipeline.configure().store(firstStore).approvalGate(gate))) {
            ChangeRequest cr = p.create(NewChangeRequest.of(
                            "shop",
                            "names",
                            ChangeType.DATA,
                            "INSERT INTO person (name) VALUES ('Adela'), ('Bella')",
                            TargetSelector.databases(ref),
                            "alice")
                    .withOptions(ChangeOptions.DEFAULTS.withRollbackEnabled(true)));
            p.submit(cr.id(), "alice");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task task = p.plan(cr.id()).tasks().get(0);
            assertThat(task.status()).isEqualTo(TaskStatus.DONE);
            taskId = task.id();
        }
        assertThat(names()).containsExactly("Adela", "Bella");

        // a restart: new stores over new pools, a new Rollbacks and a new pipeline
        Rollbacks second = Rollbacks.configure()
                .store(JdbcRollbackStore.configure().dataSource(pool(storeDb)).build())
                .support(PostgresRollbackSupport.withDefaults())
                .build();
        MetadataStore secondStore =
                JdbcMetadataStore.configure().dataSource(pool(storeDb)).build();
        try (Pipeline p =
                pipeline(second, Pipeline.configure().store(secondStore).approvalGate(gate))) {
            ChangeRequest undo = second.generate(p, taskId, "alice");
            assertThat(p.submit(undo.id(), "alice").status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(names()).containsExactly("Adela", "Bella");

            dbaApproved.set(true);
            assertThat(p.refreshApproval(undo.id()).status()).isEqualTo(ChangeRequestStatus.APPROVED);
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(p.plan(undo.id()).tasks().get(0).status()).isEqualTo(TaskStatus.DONE);
            assertThat(names()).isEmpty();
        }
    }
}
