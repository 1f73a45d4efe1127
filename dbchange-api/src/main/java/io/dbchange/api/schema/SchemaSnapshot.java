package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.sql.Dialect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The structure of one database at a point in time, normalized so that two snapshots of the same structure are
 * equal whatever server they were read from.
 *
 * <p><b>Schemas per dialect.</b> A PostgreSQL database holds named schemas ({@code public}, ...). A MySQL/MariaDB
 * database <em>is</em> one schema, so its snapshot holds exactly one {@link Schema} named {@code ""}: this keeps two
 * snapshots of the same structure equal when the databases have different names (e.g. {@code app_test} and
 * {@code app}). Enum and domain types exist only in PostgreSQL snapshots; events only in MySQL/MariaDB snapshots.
 *
 * @param dialect the dialect of the database it was read from
 * @param databaseName the database's name on its server, not blank
 * @param takenAt when it was read
 * @param schemas the schemas, distinct names (copied, immutable)
 */
public record SchemaSnapshot(Dialect dialect, String databaseName, Instant takenAt, List<Schema> schemas) {

    public SchemaSnapshot {
        Checks.notNull("dialect", dialect);
        Checks.notBlank("databaseName", databaseName);
        Checks.notNull("takenAt", takenAt);
        schemas = Checks.copy("schemas", schemas);
        Checks.distinct("schemas", "schema name", schemas, Schema::name);
        if (dialect == Dialect.MYSQL) {
            if (schemas.size() != 1 || !schemas.get(0).name().isEmpty()) {
                throw new IllegalArgumentException("a MYSQL snapshot holds exactly one schema, named '', but '"
                        + databaseName + "' had "
                        + schemas.stream().map(s -> "'" + s.name() + "'").toList());
            }
            Schema schema = schemas.get(0);
            if (!schema.enumTypes().isEmpty() || !schema.domainTypes().isEmpty()) {
                throw new IllegalArgumentException("a MYSQL snapshot has no enum or domain types, but '"
                        + databaseName + "' had " + schema.enumTypes().size() + " enum and "
                        + schema.domainTypes().size() + " domain types");
            }
            if (!schema.extensions().isEmpty()) {
                throw new IllegalArgumentException(
                        "a MYSQL snapshot has no extensions, but '" + databaseName + "' had " + schema.extensions());
            }
        } else {
            for (Schema schema : schemas) {
                if (schema.name().isEmpty()) {
                    throw new IllegalArgumentException("the schemas of a " + dialect + " snapshot have names, but '"
                            + databaseName + "' had a schema named ''");
                }
                if (!schema.events().isEmpty()) {
                    throw new IllegalArgumentException(
                            "a " + dialect + " snapshot has no events, but schema '" + schema.name() + "' of '"
                                    + databaseName + "' had " + schema.events().size());
                }
            }
        }
    }

    /** The schema with the given name ({@code ""} for MySQL/MariaDB). */
    public Optional<Schema> schema(String name) {
        return Named.find(schemas, Schema::name, name);
    }
}
