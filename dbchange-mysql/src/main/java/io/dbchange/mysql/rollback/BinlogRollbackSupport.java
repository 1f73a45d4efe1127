package io.dbchange.mysql.rollback;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.rollback.RollbackSupport;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.mysql.rollback.internal.Capture;
import io.dbchange.mysql.rollback.internal.PipelineCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Binlog rollback ({@link BinlogRollback}) for the pipeline's {@code Rollbacks} service: DATA tasks run captured in
 * one transaction, generated scripts are gzip'd chunk files under {@link Builder#scriptDirectory}, and ROLLBACK
 * tasks run the verified apply.
 *
 * <pre>{@code
 * RollbackSupport mysql = BinlogRollbackSupport.configure()
 *         .instance(mysqlInstance)                       // its settings read the binary log as a replica
 *         .scriptDirectory(Path.of("/var/lib/app/rollbacks"))
 *         .build();
 * }</pre>
 */
public final class BinlogRollbackSupport implements RollbackSupport {

    private final Map<String, BinlogRollback> rollbacks;
    private final Path directory;

    private BinlogRollbackSupport(Map<String, BinlogRollback> rollbacks, Path directory) {
        this.rollbacks = Map.copyOf(rollbacks);
        this.directory = directory;
    }

    public static Builder configure() {
        return new Builder();
    }

    @Override
    public boolean supports(DatabaseEngine engine) {
        return engine.dialect() == Dialect.MYSQL;
    }

    @Override
    public List<String> problems(TaskContext context) {
        List<String> problems = new ArrayList<>();
        for (SqlStatement s : context.statements()) {
            if (!Capture.isDataChange(s.sql())) {
                problems.add("statement #" + (s.index() + 1) + " is not a data change (INSERT, UPDATE, DELETE,"
                        + " REPLACE); only those can be captured: move it to a SCHEMA request");
            }
        }
        BinlogRollback rollback = rollback(context.database().ref());
        rollback.checkPrerequisites(context.connection()).forEach(p -> problems.add(p.toString()));
        return problems;
    }

    @Override
    public Captured execute(TaskContext context) {
        CapturedChange change = rollback(context.database().ref())
                .execute(
                        context.connection(),
                        context.statements().stream().map(SqlStatement::sql).collect(Collectors.toList()));
        return new Captured(PipelineCodec.writeCapture(change), change.rowsAffected());
    }

    @Override
    public Generated generate(DatabaseRef database, Connection connection, String capture, String key) {
        Checks.notBlank("key", key);
        RollbackScript script = rollback(database).generate(PipelineCodec.readCapture(capture), directory.resolve(key));
        List<String> head;
        try (Stream<String> statements = script.statements()) {
            head = statements.limit(20).collect(Collectors.toList());
        }
        return new Generated(
                PipelineCodec.writeScript(script), PipelineCodec.sha256(script), script.statementCount(), head);
    }

    @Override
    public Captured apply(TaskContext context, String script, String sha256) {
        RollbackScript s = PipelineCodec.readScript(script);
        String actual = PipelineCodec.sha256(s);
        if (!actual.equals(sha256)) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_UNSUPPORTED,
                    "rollback script in " + s.directory() + " has sha256=" + actual + " but the approved one is "
                            + sha256 + "; its files changed since generation: generate the rollback again");
        }
        try {
            CapturedChange applied = rollback(context.database().ref()).apply(context.connection(), s);
            return new Captured(PipelineCodec.writeCapture(applied), applied.rowsAffected());
        } catch (RollbackConflictException e) {
            // the task's error is all a person sees of the run: name the conflicting rows there
            String listed = e.conflicts().stream()
                    .limit(50)
                    .map(RollbackConflict::toString)
                    .collect(Collectors.joining("\n  ", "\n  ", ""));
            String prefix = RollbackErrorCode.ROLLBACK_CONFLICT.name() + ": ";
            String message =
                    e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_CONFLICT,
                    message + " (" + e.conflictCount() + " conflicting statements; nothing was changed):" + listed,
                    e);
        }
    }

    private BinlogRollback rollback(DatabaseRef database) {
        BinlogRollback r = rollbacks.get(database.instanceId());
        if (r == null) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_PREREQUISITE_FAILED,
                    "instance " + database.instanceId() + " is not registered with BinlogRollbackSupport;"
                            + " add it with .instance(...) so its binary log can be read");
        }
        return r;
    }

    /** Settings of {@link BinlogRollbackSupport}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, ConnectionSettings> instances = new LinkedHashMap<>();
        private Path directory;
        private Duration minimumRetention = BinlogRollback.DEFAULT_MINIMUM_RETENTION;

        private Builder() {}

        /** An instance whose databases can be rolled back; its settings also read its binary log (default: none). */
        public Builder instance(Instance value) {
            Checks.notNull("instance", value);
            instances.put(value.id(), value.connection());
            return this;
        }

        /** Where generated scripts are kept, one directory per script (required). */
        public Builder scriptDirectory(Path value) {
            this.directory = Checks.notNull("scriptDirectory", value);
            return this;
        }

        /** Minimum binary log retention the prerequisite check asks for (default: one day). */
        public Builder minimumRetention(Duration value) {
            this.minimumRetention = Checks.notNull("minimumRetention", value);
            return this;
        }

        public BinlogRollbackSupport build() {
            if (directory == null) {
                throw new IllegalArgumentException("'scriptDirectory' must be set");
            }
            Map<String, BinlogRollback> map = new LinkedHashMap<>();
            instances.forEach(
                    (id, settings) -> map.put(id, BinlogRollback.of(settings).withMinimumRetention(minimumRetention)));
            return new BinlogRollbackSupport(map, directory);
        }
    }
}
