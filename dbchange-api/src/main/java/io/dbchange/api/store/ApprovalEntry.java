package io.dbchange.api.store;

import io.dbchange.api.internal.Checks;

/**
 * The approval state of one change request as stored: an opaque JSON document the approval engine writes (the store
 * never reads inside it), and the version for compare-and-set. One entry per request, across its revisions, because
 * the approval process itself carries the revision and content hash its decisions are bound to.
 *
 * @param requestId the change request's id, not blank
 * @param json the approval process as JSON, not blank
 * @param version 1 for the first stored state, incremented by the store on every successful change
 */
public record ApprovalEntry(String requestId, String json, long version) {

    /** The version a caller passes to {@link MetadataStore#compareAndSetApproval} when nothing is stored yet. */
    public static final long ABSENT = 0;

    public ApprovalEntry {
        Checks.notBlank("requestId", requestId);
        Checks.notBlank("json", json);
        if (version <= ABSENT) {
            throw new IllegalArgumentException("'version' must be positive but was " + version);
        }
    }
}
