package io.dbchange.api.rollback;

import java.util.Optional;

/**
 * Where the pipeline keeps what it needs to roll a task back later: the capture of each task that ran with
 * rollback, the script reference of each ROLLBACK request, the "run without rollback" choices and the "rollback
 * covers only the named tables" consents. Kept apart from
 * the {@code MetadataStore} so that a host without rollback needs none of it. Implementations must be thread-safe;
 * every save of an existing key replaces it.
 */
public interface RollbackStore {

    void saveCapture(RollbackCapture capture);

    /** The capture of a task's last successful run, if it ran with rollback. */
    Optional<RollbackCapture> capture(String taskId);

    void saveScript(RollbackScriptRef script);

    /** The script a ROLLBACK request carries. */
    Optional<RollbackScriptRef> script(String requestId);

    void saveWaiver(RollbackWaiver waiver);

    /** Whether, by whom and why a task was let run without rollback. */
    Optional<RollbackWaiver> waiver(String taskId);

    void saveConsent(RollbackConsent consent);

    /** Whether, by whom, why and for which request content a task's rollback may cover only its named tables. */
    Optional<RollbackConsent> consent(String taskId);
}
