package io.dbchange.core.sql.internal;

import io.dbchange.core.sql.SplitScript;

/** The entry points of the dialect scanners; {@link io.dbchange.core.sql.StatementSplitter} is the public face. */
public final class Scanners {

    private Scanners() {}

    /** Splits a MySQL/MariaDB script; see {@link MySqlScanner}. */
    public static SplitScript mysql(String script, boolean backslashEscapes) {
        return new MySqlScanner(script, backslashEscapes).run();
    }

    /** Splits a PostgreSQL script; see {@link PostgresScanner}. */
    public static SplitScript postgres(String script, boolean standardConformingStrings) {
        return new PostgresScanner(script, standardConformingStrings).run();
    }

    /**
     * The offset of the first {@code ;} that ends a statement in a PostgreSQL text (outside strings, comments,
     * parentheses and bodies), or -1 when there is none.
     */
    public static int postgresFirstTerminator(String text) {
        return new PostgresScanner(text, true).firstTerminator();
    }
}
