package io.dbchange.api.store;

import io.dbchange.api.internal.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit log: who did what to which object, when and why. Written for every action a person takes
 * (retry, skip, cancel, override, manual rollout, mark done) and for decisions the pipeline takes on its own (a task
 * interrupted after its lease expired).
 *
 * @param at when
 * @param principal who ({@code system} for the pipeline's own decisions)
 * @param action what, e.g. {@code task.retry}, {@code task.interrupted}, {@code stage.rollout}
 * @param objectId the request or task id
 * @param reason the reason given, may be empty
 * @param details further context as key/value pairs (e.g. {@code database}, {@code revision})
 */
public record AuditEntry(
        Instant at, String principal, String action, String objectId, String reason, Map<String, String> details) {

    public AuditEntry {
        Checks.notNull("at", at);
        Checks.notBlank("principal", principal);
        Checks.notBlank("action", action);
        Checks.notBlank("objectId", objectId);
        Checks.notNull("reason", reason);
        details = Map.copyOf(Checks.notNull("details", details));
    }
}
