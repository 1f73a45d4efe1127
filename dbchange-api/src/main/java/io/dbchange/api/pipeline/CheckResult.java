package io.dbchange.api.pipeline;

import io.dbchange.api.internal.Checks;

/**
 * One finding of a {@link TaskCheck} before a task runs.
 *
 * @param checkId the id of the check that produced it, e.g. {@code connection}, {@code sql-review}
 * @param level SUCCESS, WARNING or ERROR (blocks the task unless overridden)
 * @param code a stable code a program can match, e.g. a review rule id or {@code CONNECTION_FAILED}
 * @param message what was found and what to do, for a person
 */
public record CheckResult(String checkId, CheckLevel level, String code, String message) {

    public CheckResult {
        Checks.notBlank("checkId", checkId);
        Checks.notNull("level", level);
        Checks.notBlank("code", code);
        Checks.notBlank("message", message);
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

    /** Whether this result blocks the task. */
    public boolean blocks() {
        return level == CheckLevel.ERROR;
    }

    @Override
    public String toString() {
        return level + " " + checkId + "/" + code + ": " + message;
    }
}
