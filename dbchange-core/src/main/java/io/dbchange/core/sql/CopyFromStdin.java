package io.dbchange.core.sql;

import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.sql.internal.Scanners;
import java.util.Objects;
import java.util.Optional;

/**
 * The two parts of a PostgreSQL {@code COPY ... FROM STDIN} statement that carries its data inline, as {@code
 * pg_dump} writes it and {@code psql} reads it:
 *
 * <pre>
 * COPY public.actor (actor_id, first_name) FROM stdin;
 * 1	PENELOPE
 * 2	NICK
 * \.
 * </pre>
 *
 * <p>The splitter keeps such a statement whole (command, {@code ;} and rows; the {@code \.} line is its delimiter) so
 * that no data is lost or read as SQL. An engine runs {@link #command()} with the driver's copy API and streams {@link
 * #data()} to it.
 *
 * @param command the {@code COPY} command without its {@code ;}
 * @param data the rows exactly as written, each ending with its line break, without the {@code \.} line; may be empty
 */
public record CopyFromStdin(String command, String data) {

    public CopyFromStdin {
        Objects.requireNonNull(command, "'command' must not be null");
        Objects.requireNonNull(data, "'data' must not be null");
    }

    /**
     * The command and inline data of a statement split from a PostgreSQL script, or empty when the statement has no
     * inline data (it is not a {@code COPY}, or nothing follows its command).
     */
    public static Optional<CopyFromStdin> of(SqlStatement statement) {
        Objects.requireNonNull(statement, "'statement' must not be null");
        String sql = statement.sql();
        if (!sql.regionMatches(true, 0, "COPY", 0, 4)) {
            return Optional.empty();
        }
        int semicolon = Scanners.postgresFirstTerminator(sql);
        if (semicolon < 0) {
            return Optional.empty();
        }
        int dataStart = semicolon + 1;
        while (dataStart < sql.length() && sql.charAt(dataStart) != '\n' && sql.charAt(dataStart) != '\r') {
            dataStart++;
        }
        if (dataStart < sql.length() && sql.charAt(dataStart) == '\r') {
            dataStart++;
        }
        if (dataStart < sql.length() && sql.charAt(dataStart) == '\n') {
            dataStart++;
        }
        return Optional.of(new CopyFromStdin(sql.substring(0, semicolon), sql.substring(dataStart)));
    }
}
