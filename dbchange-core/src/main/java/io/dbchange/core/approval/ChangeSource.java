package io.dbchange.core.approval;

import io.dbchange.api.change.ChangeType;
import java.util.Objects;

/** Where a change comes from, as risk rules and flow rules select it (Bytebase's risk "source"). */
public enum ChangeSource {
    /** Schema changes ({@link ChangeType#SCHEMA}, and {@link ChangeType#BASELINE}, which adopts a schema). */
    DDL,
    /** Data changes ({@link ChangeType#DATA}). */
    DML,
    /** Creating a database ({@link ChangeType#CREATE_DATABASE}). */
    CREATE_DATABASE,
    /** Undoing an earlier data change ({@link ChangeType#ROLLBACK}). */
    ROLLBACK;

    /** The source of a change request of {@code type}. */
    public static ChangeSource of(ChangeType type) {
        Objects.requireNonNull(type, "'type' must not be null");
        return switch (type) {
            case SCHEMA, BASELINE -> DDL;
            case DATA -> DML;
            case CREATE_DATABASE -> CREATE_DATABASE;
            case ROLLBACK -> ROLLBACK;
        };
    }
}
