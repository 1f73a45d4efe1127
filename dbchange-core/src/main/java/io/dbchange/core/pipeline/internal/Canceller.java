package io.dbchange.core.pipeline.internal;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.project.Instance;
import java.sql.Connection;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Cancels the statement a task's connection is running, from a second connection to the same server: the session id
 * is taken when the task's connection opens (the engine's {@code sessionId}: MySQL's from the driver, which keeps the
 * server's handshake, PostgreSQL's with one query), the second connection only when a person cancels.
 */
final class Canceller {

    private static final Logger LOG = PipelineRuntime.log();

    private final PipelineRuntime rt;
    private final Instance instance;
    private final DatabaseEngine engine;
    private final String database;
    private final String sessionId;

    private Canceller(PipelineRuntime rt, Instance instance, DatabaseEngine engine, String database, String id) {
        this.rt = rt;
        this.instance = instance;
        this.engine = engine;
        this.database = database;
        this.sessionId = id;
    }

    /** The canceller of {@code connection}'s session, or null when the engine cannot cancel (logged). */
    static Canceller of(
            PipelineRuntime rt, Instance instance, DatabaseEngine engine, String database, Connection connection) {
        try {
            Optional<String> id = engine.sessionId(connection);
            return id.map(x -> new Canceller(rt, instance, engine, database, x)).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn(
                    "database={} - no session id, so a cancel cannot stop a running statement: {}",
                    database,
                    e.toString());
            return null;
        }
    }

    /** Cancels what the session runs now; never throws (a failure is logged, the task then ends on its own). */
    void cancel() {
        try (Connections.Handle other = rt.connections().open(instance, engine, database)) {
            engine.cancelStatement(other.connection(), sessionId);
            LOG.info("database={} session={} - statement in flight canceled", database, sessionId);
        } catch (RuntimeException e) {
            LOG.warn(
                    "database={} session={} - could not cancel the statement in flight: {}; no further statement"
                            + " starts",
                    database,
                    sessionId,
                    e.toString());
        }
    }
}
