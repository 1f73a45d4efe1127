package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * A table's options. PostgreSQL tables have no engine, character set, collation or row format.
 *
 * @param engine the MySQL/MariaDB storage engine, e.g. {@code InnoDB}
 * @param charset the table's default character set, e.g. {@code utf8mb4}
 * @param collation the table's default collation, e.g. {@code utf8mb4_0900_ai_ci}
 * @param rowFormat the MySQL/MariaDB row format, e.g. {@code DYNAMIC}
 * @param comment the table's comment, {@code ""} for none
 * @param partitioning the partitioning clause as normalized text (e.g. {@code RANGE (created_at)}), if
 *     partitioned; for PostgreSQL the key followed by the partitions with their bounds (a partition is part of its
 *     parent, not a table of the snapshot): {@code RANGE (taken) (PARTITION m2024 FOR VALUES FROM (..) TO (..), ..)}
 * @param inherits the tables it inherits from, in order (PostgreSQL {@code INHERITS (..)}); empty for none. Its
 *     columns include the inherited ones (copied, immutable)
 */
public record TableOptions(
        Optional<String> engine,
        Optional<String> charset,
        Optional<String> collation,
        Optional<String> rowFormat,
        String comment,
        Optional<String> partitioning,
        List<Parent> inherits) {

    /** No option set and no comment. */
    public static final TableOptions NONE = new TableOptions(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.empty(), List.of());

    public TableOptions {
        Checks.notBlank("engine", engine);
        Checks.notBlank("charset", charset);
        Checks.notBlank("collation", collation);
        Checks.notBlank("rowFormat", rowFormat);
        Checks.notNull("comment", comment);
        Checks.notBlank("partitioning", partitioning);
        // absent (null) in JSON written before the field existed: no parents
        inherits = inherits == null ? List.of() : Checks.copy("inherits", inherits);
    }

    /** Options of a table that inherits from none. */
    public TableOptions(
            Optional<String> engine,
            Optional<String> charset,
            Optional<String> collation,
            Optional<String> rowFormat,
            String comment,
            Optional<String> partitioning) {
        this(engine, charset, collation, rowFormat, comment, partitioning, List.of());
    }

    /**
     * A table inherited from.
     *
     * @param schema its schema's name
     * @param table its name, not empty
     */
    public record Parent(String schema, String table) {
        public Parent {
            Checks.notNull("schema", schema);
            Checks.notEmpty("table", table);
        }
    }
}
