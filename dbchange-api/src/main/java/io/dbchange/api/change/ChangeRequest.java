package io.dbchange.api.change;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import java.time.Instant;
import java.util.List;

/**
 * What a person asks for (Bytebase's "issue"): a script, the databases to run it on, and who asks. Each revision
 * of its statement or targets gets a new {@code revision} and {@code contentHash}; approvals are bound to the hash,
 * so a revision invalidates them.
 *
 * @param id the request's generated id ({@link Ids#GENERATED_ID_REGEX})
 * @param projectId the defined id of its project
 * @param title a short title, not blank
 * @param description free text, {@code ""} for none
 * @param type what kind of change it is
 * @param statement the script as the creator wrote it
 * @param targets the databases to change; at least one, each once (copied, immutable)
 * @param creator the principal who created it, who may revise it; not blank
 * @param status where it is in its lifecycle
 * @param revision its revision number, 1 for the first
 * @param contentHash the hash of statement and targets of this revision (computed in {@code dbchange-core}), not
 *     blank
 * @param createdAt when it was created
 * @param updatedAt when it last changed, not before {@code createdAt}
 */
public record ChangeRequest(
        String id,
        String projectId,
        String title,
        String description,
        ChangeType type,
        String statement,
        List<DatabaseRef> targets,
        String creator,
        ChangeRequestStatus status,
        int revision,
        String contentHash,
        Instant createdAt,
        Instant updatedAt) {

    public ChangeRequest {
        Ids.requireGeneratedId("id", id);
        Ids.requireDefinedId("projectId", projectId);
        Checks.notBlank("title", title);
        Checks.notNull("description", description);
        Checks.notNull("type", type);
        Checks.notNull("statement", statement);
        targets = Checks.copyNotEmpty("targets", targets);
        Checks.distinct("targets", "database", targets, t -> t);
        Checks.notBlank("creator", creator);
        Checks.notNull("status", status);
        Checks.positive("revision", revision);
        Checks.notBlank("contentHash", contentHash);
        Checks.notNull("createdAt", createdAt);
        Checks.notNull("updatedAt", updatedAt);
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException(
                    "'updatedAt' " + updatedAt + " must not be before 'createdAt' " + createdAt);
        }
    }

    /**
     * This request in status {@code next}, updated at {@code at}. Revision and content are unchanged.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code ILLEGAL_STATE_TRANSITION} if the lifecycle does
     *     not allow it ({@link ChangeRequestStatus#canMoveTo(ChangeRequestStatus)})
     * @throws IllegalArgumentException if {@code at} is before {@link #updatedAt()}
     */
    public ChangeRequest withStatus(ChangeRequestStatus next, Instant at) {
        Checks.notNull("next", next);
        Checks.notNull("at", at);
        if (!status.canMoveTo(next)) {
            throw Transitions.illegal("change request '" + id + "'", status, next, status.successors());
        }
        if (at.isBefore(updatedAt)) {
            throw new IllegalArgumentException("'at' " + at + " must not be before 'updatedAt' " + updatedAt);
        }
        return new ChangeRequest(
                id,
                projectId,
                title,
                description,
                type,
                statement,
                targets,
                creator,
                next,
                revision,
                contentHash,
                createdAt,
                at);
    }
}
