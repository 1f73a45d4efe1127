/**
 * The extension points of the rollout pipeline, which the capabilities plug into:
 *
 * <ul>
 *   <li>{@link io.dbchange.api.pipeline.ApprovalGate}: whether a request revision may roll out (the approval engine);
 *   <li>{@link io.dbchange.api.pipeline.TaskCheck}: checks run before each task (connection, SQL review against the
 *       live schema, rollback prerequisites); an ERROR blocks the task unless overridden with a reason;
 *   <li>{@link io.dbchange.api.pipeline.TaskExecutor}: how a task's statements are executed (plain, or capturing
 *       what a DATA change touches so it can be rolled back);
 *   <li>{@link io.dbchange.api.pipeline.PipelineListener}: events of requests, checks, tasks and stages, with
 *       progress.
 * </ul>
 *
 * <p>Who may do what is {@link io.dbchange.api.approval.RoleResolver} plus the roles the pipeline is configured with
 * per {@link io.dbchange.api.pipeline.PipelineAction}. Errors are {@link io.dbchange.api.pipeline.PipelineErrorCode}.
 */
package io.dbchange.api.pipeline;
