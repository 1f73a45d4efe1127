package io.dbchange.core.pipeline.internal;

import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.core.review.ReviewResult;
import java.util.List;

/**
 * Compares a task's pre-run SQL review with the review its approval was based on: the schema may change between
 * approval and run, so the pre-run check may find more than the approvers saw. Implemented by {@link EngineApprovals}.
 */
@FunctionalInterface
public interface ReviewBasis {

    /** No comparison (a pipeline without the approval engine). */
    ReviewBasis NONE = (context, preRun) -> List.of();

    /** The results to add to the pre-run check's, empty when the approval saw at least as much. */
    List<CheckResult> compare(TaskContext context, ReviewResult preRun);
}
