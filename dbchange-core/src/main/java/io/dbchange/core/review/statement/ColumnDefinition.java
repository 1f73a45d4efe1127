package io.dbchange.core.review.statement;

import io.dbchange.api.sql.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * A column definition in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD/MODIFY/CHANGE COLUMN}.
 *
 * @param name the column name, unquoted
 * @param type the type as written, upper-cased words with arguments (e.g. {@code VARCHAR(255)}, {@code INT UNSIGNED})
 * @param notNull whether {@code NOT NULL} was written (or implied by an inline {@code PRIMARY KEY})
 * @param explicitNull whether {@code NULL} was written
 * @param defaultExpression the {@code DEFAULT} expression as written, if any
 * @param comment the {@code COMMENT '...'} text (MySQL), if any
 * @param charset the column {@code CHARACTER SET}, if any
 * @param collation the column {@code COLLATE}, if any
 * @param autoIncrement MySQL {@code AUTO_INCREMENT}, PostgreSQL {@code SERIAL}/{@code BIGSERIAL} or identity
 * @param inlinePrimaryKey whether the definition says {@code PRIMARY KEY}
 * @param inlineUnique whether the definition says {@code UNIQUE}
 * @param onUpdateCurrentTime MySQL {@code ON UPDATE CURRENT_TIMESTAMP}
 * @param references an inline {@code REFERENCES} clause, if any
 * @param placement MySQL {@code FIRST} or {@code AFTER col} in {@code ALTER TABLE}, as written, if any
 * @param position where the column name starts
 */
public record ColumnDefinition(
        String name,
        String type,
        boolean notNull,
        boolean explicitNull,
        Optional<String> defaultExpression,
        Optional<String> comment,
        Optional<String> charset,
        Optional<String> collation,
        boolean autoIncrement,
        boolean inlinePrimaryKey,
        boolean inlineUnique,
        boolean onUpdateCurrentTime,
        Optional<ConstraintDefinition> references,
        Optional<String> placement,
        SourcePosition position) {

    public ColumnDefinition {
        Objects.requireNonNull(name, "'name' must not be null");
        Objects.requireNonNull(type, "'type' must not be null");
        Objects.requireNonNull(defaultExpression, "'defaultExpression' must not be null");
        Objects.requireNonNull(comment, "'comment' must not be null");
        Objects.requireNonNull(charset, "'charset' must not be null");
        Objects.requireNonNull(collation, "'collation' must not be null");
        Objects.requireNonNull(references, "'references' must not be null");
        Objects.requireNonNull(placement, "'placement' must not be null");
        Objects.requireNonNull(position, "'position' must not be null");
    }

    /** The type's base name without arguments, upper case (e.g. {@code VARCHAR}, {@code DOUBLE PRECISION}). */
    public String baseType() {
        return TypeNames.base(type);
    }
}
