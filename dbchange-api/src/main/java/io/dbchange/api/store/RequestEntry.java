package io.dbchange.api.store;

import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import java.util.List;
import java.util.Map;

/**
 * A change request as stored: the request (at its current revision), how it was targeted, its options, the manual
 * stages people started, and the version for compare-and-set.
 *
 * @param request the request; its {@code targets} are the selector's expansion
 * @param selector the targets as the creator gave them
 * @param options version, rollout time, rollback
 * @param startedStages environment id to the principal who started that stage (manual rollout), for this revision
 * @param version incremented by the store on every successful change
 */
public record RequestEntry(
        ChangeRequest request,
        TargetSelector selector,
        ChangeOptions options,
        Map<String, String> startedStages,
        long version) {

    public RequestEntry {
        Checks.notNull("request", request);
        Checks.notNull("selector", selector);
        Checks.notNull("options", options);
        startedStages = Map.copyOf(Checks.notNull("startedStages", startedStages));
        Checks.notNegative("version", version);
    }

    /** The request's id. */
    public String id() {
        return request.id();
    }

    /** The expanded target databases. */
    public List<DatabaseRef> targets() {
        return request.targets();
    }

    public RequestEntry withRequest(ChangeRequest next) {
        return new RequestEntry(next, selector, options, startedStages, version);
    }

    public RequestEntry withStageStarted(String environmentId, String principal) {
        var copy = new java.util.HashMap<>(startedStages);
        copy.put(environmentId, principal);
        return new RequestEntry(request, selector, options, copy, version);
    }

    /** The same entry with the version the store assigned; for store implementations. */
    public RequestEntry withVersion(long next) {
        return new RequestEntry(request, selector, options, startedStages, next);
    }

    public RequestEntry withRevision(ChangeRequest next, TargetSelector nextSelector) {
        return new RequestEntry(next, nextSelector, options, Map.of(), version);
    }
}
