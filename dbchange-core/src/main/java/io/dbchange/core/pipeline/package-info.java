/**
 * The rollout pipeline: {@link io.dbchange.core.pipeline.Pipeline} turns change requests into plans (one stage per
 * environment, one task per target database), runs the tasks under the rollout rules (stage order, one task at a
 * time per database, concurrency limits, automatic or manual rollout, rollout time, pre-task checks), records every
 * attempt, statement and history record in the {@link io.dbchange.api.store.MetadataStore}, and lets permitted people
 * retry, resume, skip, cancel, override and mark done. The extension points are in {@code io.dbchange.api.pipeline}.
 * {@link io.dbchange.core.pipeline.Rollbacks} plugs data rollback into it (capture check and executor, ROLLBACK
 * requests).
 */
package io.dbchange.core.pipeline;
