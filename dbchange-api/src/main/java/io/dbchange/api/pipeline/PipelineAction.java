package io.dbchange.api.pipeline;

/**
 * What a person does to a rollout, each permission-checked against roles and audited. Manual rollout is decided
 * by the environment's {@link io.dbchange.api.project.RolloutPolicy.Manual roles}; the others by the roles the
 * pipeline is configured with.
 */
public enum PipelineAction {
    /** Start the tasks of a stage whose environment rolls out manually. */
    ROLLOUT,
    /** Run a task despite ERROR check results, with a reason. */
    OVERRIDE_CHECKS,
    /** Run a FAILED or INTERRUPTED task again (a new attempt). */
    RETRY,
    /** Skip a task that has not succeeded, with a reason. */
    SKIP,
    /** Cancel a task or a whole request. */
    CANCEL,
    /** Mark an INTERRUPTED task done after checking that its change took effect. */
    MARK_DONE
}
