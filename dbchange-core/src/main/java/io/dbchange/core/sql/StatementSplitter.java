package io.dbchange.core.sql;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.sql.internal.Scanners;
import java.util.Objects;

/**
 * Cuts SQL scripts into statements the way the database's own command-line client does, with exact source positions.
 * Immutable and thread-safe; {@link #split(String)} never throws for any input and runs in time linear in its length.
 *
 * <pre>{@code
 * StatementSplitter splitter = StatementSplitter.forDialect(Dialect.MYSQL);
 * List<SqlStatement> statements = splitter.split(script).statementsOrThrow();
 * }</pre>
 *
 * <p><b>MySQL and MariaDB</b> (as the {@code mysql} client): {@code DELIMITER} commands at the start of a line between
 * statements; {@code '...'} and {@code "..."} strings with backslash escapes (unless
 * {@link #withBackslashEscapes(boolean) turned off}) and doubled quotes; {@code `...`} identifiers; {@code #}, {@code
 * -- } (dashes followed by white space or a control character) and block comments; versioned comments {@code /*!50003
 * ... *}{@code /} are code, and a delimiter inside one does not end the statement. Unlike the client, a compound body
 * written without a {@code DELIMITER} change stays one statement: {@code CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT} (with
 * any {@code DEFINER}), {@code ALTER EVENT}, MariaDB's {@code BEGIN NOT ATOMIC} and other compound statements outside
 * stored programs, tracking {@code BEGIN/IF/CASE/LOOP/REPEAT/WHILE/FOR ... END} nesting and labels.
 *
 * <p><b>PostgreSQL</b> (as {@code psql}): {@code $$} and {@code $tag$} dollar quoting, {@code E'...'}, {@code U&'...'}
 * and standard strings (with backslash escapes when {@link #withStandardConformingStrings(boolean)
 * standard_conforming_strings} is off, which a {@code SET standard_conforming_strings} statement in the script also
 * switches for the statements after it), {@code "..."} identifiers, {@code --} and nested block comments, semicolons
 * inside parentheses, {@code BEGIN ATOMIC ... END} bodies of {@code CREATE FUNCTION/PROCEDURE}, and the inline data of
 * {@code COPY ... FROM STDIN} up to its {@code \.} line (see {@link CopyFromStdin}).
 *
 * <p>Not handled: client commands other than {@code DELIMITER} (such as {@code mysql}'s {@code \g} or {@code psql}'s
 * backslash meta-commands) are read as SQL text.
 */
public final class StatementSplitter {

    private final Dialect dialect;
    private final boolean backslashEscapes;
    private final boolean standardConformingStrings;

    private StatementSplitter(Dialect dialect, boolean backslashEscapes, boolean standardConformingStrings) {
        this.dialect = dialect;
        this.backslashEscapes = backslashEscapes;
        this.standardConformingStrings = standardConformingStrings;
    }

    /**
     * A splitter for the given dialect with the servers' default settings: backslash escapes on for MySQL, {@code
     * standard_conforming_strings} on for PostgreSQL.
     */
    public static StatementSplitter forDialect(Dialect dialect) {
        Objects.requireNonNull(dialect, "'dialect' must not be null");
        return new StatementSplitter(dialect, true, true);
    }

    /**
     * MySQL only: whether a backslash escapes the next character in string literals (default {@code true}); pass
     * {@code false} when the session's {@code sql_mode} contains {@code NO_BACKSLASH_ESCAPES}.
     *
     * @throws DbChangeException with code {@code INVALID_ARGUMENT} for a PostgreSQL splitter, which takes
     *     {@link #withStandardConformingStrings(boolean)} instead
     */
    public StatementSplitter withBackslashEscapes(boolean enabled) {
        if (dialect != Dialect.MYSQL) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "backslash escapes are a MySQL setting but this splitter is for " + dialect
                            + "; use withStandardConformingStrings(false) for backslash escapes in PostgreSQL strings");
        }
        return new StatementSplitter(dialect, enabled, standardConformingStrings);
    }

    /**
     * PostgreSQL only: the {@code standard_conforming_strings} setting the script starts with (default {@code true}).
     * When off, a backslash escapes the next character in plain {@code '...'} strings, as in {@code E'...'} strings.
     *
     * @throws DbChangeException with code {@code INVALID_ARGUMENT} for a MySQL splitter, which takes
     *     {@link #withBackslashEscapes(boolean)} instead
     */
    public StatementSplitter withStandardConformingStrings(boolean enabled) {
        if (dialect != Dialect.POSTGRESQL) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "standard_conforming_strings is a PostgreSQL setting but this splitter is for " + dialect
                            + "; use withBackslashEscapes(false) for MySQL's NO_BACKSLASH_ESCAPES");
        }
        return new StatementSplitter(dialect, backslashEscapes, enabled);
    }

    /** The dialect this splitter reads. */
    public Dialect dialect() {
        return dialect;
    }

    /** MySQL: whether backslashes escape in strings. Always {@code true} for PostgreSQL, where it does not apply. */
    public boolean backslashEscapes() {
        return backslashEscapes;
    }

    /** PostgreSQL: the initial {@code standard_conforming_strings}. Always {@code true} for MySQL. */
    public boolean standardConformingStrings() {
        return standardConformingStrings;
    }

    /**
     * Splits a script into pieces. Never throws for any text: unterminated strings, identifiers, comments, dollar
     * quotes or bodies are reported as {@link SplitScript#problems()} and the rest of the script becomes part of the
     * statement they started in.
     *
     * @param script the script, possibly empty
     * @return the pieces, problems and statements of the script, never {@code null}
     */
    public SplitScript split(String script) {
        Objects.requireNonNull(script, "'script' must not be null");
        return dialect == Dialect.MYSQL
                ? Scanners.mysql(script, backslashEscapes)
                : Scanners.postgres(script, standardConformingStrings);
    }

    @Override
    public String toString() {
        return dialect == Dialect.MYSQL
                ? "StatementSplitter[MYSQL, backslashEscapes=" + backslashEscapes + "]"
                : "StatementSplitter[POSTGRESQL, standardConformingStrings=" + standardConformingStrings + "]";
    }
}
