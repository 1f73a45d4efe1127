package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.existingTable;

import io.dbchange.core.review.LiveDatabase;
import io.dbchange.core.review.RuleContext;
import java.util.Optional;

/** What the rules that need a live database share: the connection, or the "not checked" notice. */
final class LiveDatabaseRules {

    static final String NO_CONNECTION = "not checked: no connection; review with a connection to the target database"
            + " (SqlReview.withConnection) to check it";

    private LiveDatabaseRules() {}

    /**
     * The live database to check the statement on; empty, after a notice, when review has no connection. Also empty
     * (without a notice) when the statement's table is created earlier in the same script: the database cannot know
     * it before the script runs.
     */
    static Optional<LiveDatabase> database(RuleContext c) {
        if (c.database().isEmpty()) {
            c.notice(NO_CONNECTION);
            return Optional.empty();
        }
        return existingTable(c) ? c.database() : Optional.empty();
    }

    /** The first line of a database error, for messages. */
    static String reason(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
