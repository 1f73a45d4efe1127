package io.dbchange.core.approval;

import io.dbchange.api.Ids;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.internal.Checks;
import java.util.List;

/**
 * What the approval engine decides about: one revision of a change request and its tasks. The host (or the
 * pipeline) builds it from its request and plan; the engine keeps only its ids, hash and the assessment.
 *
 * @param requestId the change request's generated id
 * @param projectId the defined id of its project ({@code project_id})
 * @param revision the request's revision, 1 for the first
 * @param contentHash the hash of the revision's statements and targets; decisions are bound to it, not blank
 * @param creator the principal who created the request, not blank
 * @param source where the change comes from
 * @param tasks its tasks, at least one, task ids distinct (copied, immutable)
 */
public record ApprovalSubject(
        String requestId,
        String projectId,
        int revision,
        String contentHash,
        String creator,
        ChangeSource source,
        List<SubjectTask> tasks) {

    public ApprovalSubject {
        Ids.requireGeneratedId("requestId", requestId);
        Ids.requireDefinedId("projectId", projectId);
        Checks.positive("revision", revision);
        Checks.notBlank("contentHash", contentHash);
        Checks.notBlank("creator", creator);
        Checks.notNull("source", source);
        tasks = Checks.copyNotEmpty("tasks", tasks);
        Checks.distinct("tasks", "taskId", tasks, SubjectTask::taskId);
    }

    /** The subject of {@code request}'s current revision with {@code tasks}. */
    public static ApprovalSubject of(ChangeRequest request, List<SubjectTask> tasks) {
        Checks.notNull("request", request);
        return new ApprovalSubject(
                request.id(),
                request.projectId(),
                request.revision(),
                request.contentHash(),
                request.creator(),
                ChangeSource.of(request.type()),
                tasks);
    }
}
