package io.dbchange.postgres.internal;

import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.engine.internal.SpecialStatements;
import io.dbchange.core.sql.CopyFromStdin;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import org.postgresql.PGConnection;

/**
 * Runs {@code COPY ... FROM STDIN} statements that carry their rows inline (as the splitter keeps them, see
 * {@link CopyFromStdin}) through pgJDBC's {@link org.postgresql.copy.CopyManager}, in the script's transaction;
 * pgJDBC cannot run them as plain statements.
 */
public final class CopyFromStdinStatements implements SpecialStatements {

    @Override
    public OptionalLong execute(Connection connection, SqlStatement statement) throws SQLException {
        Optional<CopyFromStdin> copy = CopyFromStdin.of(statement);
        if (copy.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long rows = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(copy.get().command(), new StringReader(copy.get().data()));
            return OptionalLong.of(rows);
        } catch (IOException e) {
            // Reading a String cannot fail; anything else is the connection's, which pgJDBC reports as SQLException.
            throw new SQLException("cannot stream the rows of " + statement.summary() + ": " + e.getMessage(), e);
        }
    }
}
