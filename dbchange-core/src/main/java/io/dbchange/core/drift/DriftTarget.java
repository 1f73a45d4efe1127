package io.dbchange.core.drift;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SnapshotOptions;
import java.util.Objects;

/**
 * A database the drift detector watches: its name, its engine, how to connect, and what its snapshots cover.
 *
 * <pre>{@code
 * DriftTarget orders = DriftTarget.of(new DatabaseRef("prod-mysql", "orders"), engine, pool::getConnection);
 * }</pre>
 *
 * @param database the database, as named in its history
 * @param engine its engine
 * @param connections how to connect to it
 * @param options what a snapshot reads and ignores (the same options the recorded snapshots were read with, so that
 *     both sides cover the same objects); default {@link SnapshotOptions#DEFAULTS}
 */
public record DriftTarget(
        DatabaseRef database, DatabaseEngine engine, ConnectionSource connections, SnapshotOptions options) {

    public DriftTarget {
        Objects.requireNonNull(database, "'database' must not be null");
        Objects.requireNonNull(engine, "'engine' must not be null");
        Objects.requireNonNull(connections, "'connections' must not be null");
        Objects.requireNonNull(options, "'options' must not be null");
    }

    /** A target read with {@link SnapshotOptions#DEFAULTS}. */
    public static DriftTarget of(DatabaseRef database, DatabaseEngine engine, ConnectionSource connections) {
        return new DriftTarget(database, engine, connections, SnapshotOptions.DEFAULTS);
    }

    /** This target read with other options. */
    public DriftTarget withOptions(SnapshotOptions newOptions) {
        return new DriftTarget(database, engine, connections, newOptions);
    }
}
