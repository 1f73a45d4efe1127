package io.dbchange.core.pipeline.internal;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import java.sql.Connection;
import java.util.Optional;

/**
 * The target's schema as read during one run of a task, shared by the SQL review check and the history's "schema
 * before", so that a reviewed task reads the schema once before it executes instead of twice.
 *
 * <p><b>When the review's snapshot may stand for "before".</b> Both read on the task's own connection while this node
 * holds the database's lock, so no other task of dbchange changes the database in between. Someone else may (a person
 * with a client, an application's own migration), and a "before" that misses such a change would credit it to this
 * task in history. So the snapshot is reused only when the engine's {@link DatabaseEngine#schemaChangeMarker change
 * marker}, taken just before the review read, is still the same right before execution; an engine without an exact
 * marker (MySQL/MariaDB: {@code information_schema} has no change counter, and its timestamps have one-second
 * resolution) always reads again. One instance per run of a task (a retry starts from nothing); not thread-safe.
 */
final class LiveSchema {

    private final DatabaseEngine engine;
    private final Connection connection;
    private SchemaSnapshot snapshot;
    private Optional<String> marker = Optional.empty();
    private int reads;
    private boolean reused;

    LiveSchema(DatabaseEngine engine, Connection connection) {
        this.engine = engine;
        this.connection = connection;
    }

    /** Reads the schema now (for the review) and remembers it with the marker taken just before. */
    SchemaSnapshot read() {
        // The marker first: a change during the read then leaves it different from a later one, never equal.
        Optional<String> before = engine.schemaChangeMarker(connection, SnapshotOptions.DEFAULTS);
        SchemaSnapshot read = engine.readSchema(connection, SnapshotOptions.DEFAULTS);
        reads++;
        snapshot = read;
        marker = before;
        return read;
    }

    /**
     * The schema as it is now, for "schema before": the snapshot {@link #read} took when the marker proves it
     * current, otherwise a new read.
     */
    SchemaSnapshot current() {
        if (snapshot != null && marker.isPresent()) {
            Optional<String> now = engine.schemaChangeMarker(connection, SnapshotOptions.DEFAULTS);
            if (now.equals(marker)) {
                reused = true;
                return snapshot;
            }
        }
        SchemaSnapshot read = engine.readSchema(connection, SnapshotOptions.DEFAULTS);
        reads++;
        snapshot = null;
        return read;
    }

    /** How many full reads this run made through this object (for tests and logs). */
    int reads() {
        return reads;
    }

    /** Whether {@link #current} returned the review's snapshot. */
    boolean reused() {
        return reused;
    }
}
