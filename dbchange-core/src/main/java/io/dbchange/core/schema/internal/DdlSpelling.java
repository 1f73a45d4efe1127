package io.dbchange.core.schema.internal;

import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.DomainType;
import io.dbchange.api.schema.EnumType;
import io.dbchange.api.schema.Event;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Routine;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import java.util.List;

/**
 * How one engine spells each schema change. {@link MigrationPlanner} decides which changes are needed and in which
 * order; an implementation only turns one change into statements (without a terminating {@code ;}). Every method
 * gets the schema's name ({@code ""} in MySQL/MariaDB). A method returns an empty list for a change the engine
 * makes implicitly, and statements in the order they must run.
 */
public interface DdlSpelling {

    /** The dialect whose snapshots this spells. */
    Dialect dialect();

    /** The statements as one script that {@code DatabaseEngine.split} splits back into them. */
    String script(List<String> statements);

    /** Statements that come first in a non-empty script (e.g. session settings). */
    List<String> prologue();

    List<String> createSchema(String schema);

    List<String> dropSchema(String schema);

    List<String> createExtension(String schema, String extension);

    List<String> dropExtension(String schema, String extension);

    List<String> createEnumType(String schema, EnumType type);

    /**
     * Turns enum type {@code before} into {@code after}; {@code columns} are the columns of existing tables whose
     * type is this type (or an array of it), for an engine that has to convert them.
     */
    List<String> alterEnumType(String schema, EnumType before, EnumType after, List<ColumnRef> columns);

    List<String> dropEnumType(String schema, EnumType type);

    List<String> createDomainType(String schema, DomainType type);

    List<String> alterDomainType(String schema, DomainType before, DomainType after);

    List<String> dropDomainType(String schema, DomainType type);

    List<String> createSequence(String schema, Sequence sequence);

    List<String> alterSequence(String schema, Sequence before, Sequence after);

    List<String> dropSequence(String schema, Sequence sequence);

    /** Creates a table with its columns, primary key, indexes, checks, options and comments; not its foreign keys. */
    List<String> createTable(String schema, Table table);

    List<String> dropTable(String schema, Table table);

    /** Changes a table's options; runs before its columns change. */
    List<String> alterTableOptions(String schema, Table before, Table after);

    /**
     * What a table's options hold that refers to other tables and must go before anything is dropped (PostgreSQL:
     * the foreign keys a partition has of its own), for a table that is dropped ({@code after} null) or whose options
     * change. None by default.
     */
    default List<String> dropOptionReferences(String schema, Table before, Table after) {
        return List.of();
    }

    /**
     * Adds back, once every table and key exists, what {@link #dropOptionReferences} dropped and what is new, for a
     * table that is created ({@code before} null) or whose options change. None by default.
     */
    default List<String> addOptionReferences(String schema, Table before, Table after) {
        return List.of();
    }

    /** Adds a column; {@code table} is the table as it will be, for the column's position. */
    List<String> addColumn(String schema, Table table, Column column);

    /** Changes a column to {@code after}; {@code attributes} name what differs (as in {@code SchemaChange}). */
    List<String> alterColumn(String schema, Table table, Column before, Column after, List<String> attributes);

    /**
     * Puts the columns in the order of {@code after}, once columns have been dropped, added and changed;
     * {@code before} is the table as it was.
     */
    List<String> reorderColumns(String schema, Table before, Table after);

    List<String> dropColumn(String schema, Table table, Column column);

    List<String> addPrimaryKey(String schema, Table table, PrimaryKey key);

    List<String> dropPrimaryKey(String schema, Table table, PrimaryKey key);

    List<String> createIndex(String schema, Table table, Index index);

    List<String> dropIndex(String schema, Table table, Index index);

    List<String> addCheck(String schema, Table table, CheckConstraint check);

    List<String> dropCheck(String schema, Table table, CheckConstraint check);

    List<String> addForeignKey(String schema, Table table, ForeignKey key);

    List<String> dropForeignKey(String schema, Table table, ForeignKey key);

    List<String> createView(String schema, View view);

    List<String> dropView(String schema, View view);

    List<String> createRoutine(String schema, Routine routine);

    /** Replaces a routine by one of the same kind, name and signature. */
    List<String> replaceRoutine(String schema, Routine before, Routine after);

    List<String> dropRoutine(String schema, Routine routine);

    List<String> createTrigger(String schema, Trigger trigger);

    List<String> dropTrigger(String schema, Trigger trigger);

    List<String> createEvent(String schema, Event event);

    List<String> dropEvent(String schema, Event event);

    /**
     * A column of a table.
     *
     * @param table the table's name
     * @param column the column as it is before the change
     */
    record ColumnRef(String table, Column column) {}
}
