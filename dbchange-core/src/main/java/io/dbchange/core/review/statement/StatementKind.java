package io.dbchange.core.review.statement;

/** What a statement does, as far as review is concerned. */
public enum StatementKind {
    CREATE_TABLE,
    ALTER_TABLE,
    DROP_TABLE,
    RENAME_TABLE,
    TRUNCATE,
    CREATE_INDEX,
    DROP_INDEX,
    CREATE_VIEW,
    DROP_VIEW,
    CREATE_SEQUENCE,
    ALTER_SEQUENCE,
    DROP_SEQUENCE,
    CREATE_SCHEMA,
    DROP_SCHEMA,
    CREATE_DATABASE,
    DROP_DATABASE,
    CREATE_FUNCTION,
    CREATE_PROCEDURE,
    CREATE_TRIGGER,
    CREATE_EVENT,
    CREATE_TYPE,
    CREATE_EXTENSION,
    /** Any other DROP (function, trigger, type, extension, ...). */
    DROP_OTHER,
    /** Any other CREATE or ALTER (domain, role, policy, ...). */
    DDL_OTHER,
    COMMENT,
    INSERT,
    UPDATE,
    DELETE,
    SELECT,
    LOCK,
    COPY,
    SET,
    BEGIN,
    COMMIT,
    ROLLBACK,
    GRANT,
    REVOKE,
    USE,
    CALL,
    /** A statement we recognized as valid SQL but that no rule needs to look inside (ANALYZE, DO, SHOW, ...). */
    OTHER,
    /** Neither JSqlParser nor the recognizer understood the statement. */
    UNRECOGNIZED;

    /** Whether this kind changes schema objects (DDL). */
    public boolean isDdl() {
        return switch (this) {
            case CREATE_TABLE,
                    ALTER_TABLE,
                    DROP_TABLE,
                    RENAME_TABLE,
                    TRUNCATE,
                    CREATE_INDEX,
                    DROP_INDEX,
                    CREATE_VIEW,
                    DROP_VIEW,
                    CREATE_SEQUENCE,
                    ALTER_SEQUENCE,
                    DROP_SEQUENCE,
                    CREATE_SCHEMA,
                    DROP_SCHEMA,
                    CREATE_DATABASE,
                    DROP_DATABASE,
                    CREATE_FUNCTION,
                    CREATE_PROCEDURE,
                    CREATE_TRIGGER,
                    CREATE_EVENT,
                    CREATE_TYPE,
                    CREATE_EXTENSION,
                    DROP_OTHER,
                    DDL_OTHER,
                    COMMENT -> true;
            default -> false;
        };
    }

    /** Whether this kind reads or changes rows (DML). */
    public boolean isDml() {
        return this == INSERT || this == UPDATE || this == DELETE || this == SELECT;
    }
}
