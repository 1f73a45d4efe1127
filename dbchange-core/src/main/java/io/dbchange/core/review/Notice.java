package io.dbchange.core.review;

import java.util.Objects;

/**
 * Something review could not do, which is not a problem with the SQL: e.g. a rule that needs a live database was not
 * checked because review had no connection. Notices do not block a change; they say what a person should know about
 * the review itself.
 *
 * @param ruleId the rule concerned
 * @param message what was not done and how to get it done
 */
public record Notice(String ruleId, String message) {

    public Notice {
        Objects.requireNonNull(ruleId, "'ruleId' must not be null");
        Objects.requireNonNull(message, "'message' must not be null");
    }

    @Override
    public String toString() {
        return "NOTE " + ruleId + ": " + message;
    }
}
