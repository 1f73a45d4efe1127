/**
 * Internal: the pipeline's machinery, not API (it may change in any release). It owns the project catalog and target
 * expansion ({@link io.dbchange.core.pipeline.internal.Catalog}), planning and content hashes
 * ({@link io.dbchange.core.pipeline.internal.Planner}), the scheduling pass that applies the rollout rules
 * ({@link io.dbchange.core.pipeline.internal.Scheduler}), the execution of one task with its checks, run and history
 * ({@link io.dbchange.core.pipeline.internal.TaskRunner}), connections per instance
 * ({@link io.dbchange.core.pipeline.internal.Connections}) and the built-in check and executor.
 */
package io.dbchange.core.pipeline.internal;
