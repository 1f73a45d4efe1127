package io.dbchange.core.schema.diff;

/** The kinds of objects a {@link SchemaChange} is about. */
public enum ObjectType {
    /** A PostgreSQL schema. */
    SCHEMA,
    /** A PostgreSQL extension installed into a schema. */
    EXTENSION,
    /** A PostgreSQL enum type. */
    ENUM_TYPE,
    /** A PostgreSQL domain type. */
    DOMAIN_TYPE,
    /** A sequence. */
    SEQUENCE,
    /** A table as a whole: only ever added or removed; what changes inside it is a change of its parts. */
    TABLE,
    /** A column of a table. */
    COLUMN,
    /** The primary key of a table. */
    PRIMARY_KEY,
    /** An index of a table. */
    INDEX,
    /** A foreign key of a table. */
    FOREIGN_KEY,
    /** A check constraint of a table. */
    CHECK,
    /** A table's options (engine, charset, collation, row format, comment, partitioning): only ever changed. */
    TABLE_OPTIONS,
    /** A view. */
    VIEW,
    /** A function or procedure. */
    ROUTINE,
    /** A trigger. */
    TRIGGER,
    /** A MySQL/MariaDB event. */
    EVENT
}
