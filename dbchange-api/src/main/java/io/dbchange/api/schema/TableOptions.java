package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
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
 *     partitioned
 */
public record TableOptions(
        Optional<String> engine,
        Optional<String> charset,
        Optional<String> collation,
        Optional<String> rowFormat,
        String comment,
        Optional<String> partitioning) {

    /** No option set and no comment. */
    public static final TableOptions NONE = new TableOptions(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.empty());

    public TableOptions {
        Checks.notBlank("engine", engine);
        Checks.notBlank("charset", charset);
        Checks.notBlank("collation", collation);
        Checks.notBlank("rowFormat", rowFormat);
        Checks.notNull("comment", comment);
        Checks.notBlank("partitioning", partitioning);
    }
}
