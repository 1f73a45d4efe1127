package io.dbchange.api.drift;

import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import java.util.Optional;

/**
 * The recorded schema of databases that have no migration history yet: the drift detector stores the live schema at
 * the first check of such a database and compares later checks with it. Once a database has history (a migration or
 * a BASELINE), the schema after its latest record is the reference instead. A JDBC implementation needs one table:
 * the database and the snapshot in its JSON form ({@code SchemaJson} in dbchange-core).
 *
 * <p>Implementations are thread-safe.
 */
public interface SnapshotStore {

    /** Stores {@code snapshot} as the recorded schema of {@code database}, replacing an earlier one. */
    void save(DatabaseRef database, SchemaSnapshot snapshot);

    /** The recorded schema of {@code database}, if one was saved. */
    Optional<SchemaSnapshot> latest(DatabaseRef database);
}
