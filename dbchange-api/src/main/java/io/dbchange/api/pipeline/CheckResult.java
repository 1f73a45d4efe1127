package io.dbchange.api.pipeline;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.sql.SourcePosition;
import java.util.Optional;

/**
 * One finding of a {@link TaskCheck} before a task runs.
 *
 * @param checkId the id of the check that produced it, e.g. {@code connection}, {@code sql-review}
 * @param level SUCCESS, WARNING or ERROR (blocks the task unless overridden)
 * @param code a stable code a program can match, e.g. a review rule id or {@code CONNECTION_FAILED}
 * @param message what was found and what to do, for a person
 * @param position where in the task's script the finding applies (line and column of the statement or of the
 *     offending clause), empty when it is not about one place; never {@code null}
 */
public record CheckResult(
        String checkId, CheckLevel level, String code, String message, Optional<SourcePosition> position) {

    public CheckResult {
        Checks.notBlank("checkId", checkId);
        Checks.notNull("level", level);
        Checks.notBlank("code", code);
        Checks.notBlank("message", message);
        // Results stored before positions existed have no such field; they read back as "no position".
        position = position == null ? Optional.empty() : position;
    }

    /** A result that is not about one place in the script. */
    public CheckResult(String checkId, CheckLevel level, String code, String message) {
        this(checkId, level, code, message, Optional.empty());
    }

    public static CheckResult success(String checkId, String message) {
        return new CheckResult(checkId, CheckLevel.SUCCESS, "OK", message);
    }

    public static CheckResult warning(String checkId, String code, String message) {
        return new CheckResult(checkId, CheckLevel.WARNING, code, message);
    }

    public static CheckResult error(String checkId, String code, String message) {
        return new CheckResult(checkId, CheckLevel.ERROR, code, message);
    }

    /** This result at {@code at} in the task's script. */
    public CheckResult at(SourcePosition at) {
        return new CheckResult(checkId, level, code, message, Optional.of(Checks.notNull("at", at)));
    }

    /** Whether this result blocks the task. */
    public boolean blocks() {
        return level == CheckLevel.ERROR;
    }

    /** For logs: {@code ERROR sql-review/statement.where.require-update-delete at 3:1: message}. */
    @Override
    public String toString() {
        return level + " " + checkId + "/" + code
                + position.map(p -> " at " + p).orElse("") + ": " + message;
    }
}
