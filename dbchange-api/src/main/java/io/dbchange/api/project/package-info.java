/**
 * What the host configures about its estate: {@link io.dbchange.api.project.Project projects},
 * {@link io.dbchange.api.project.Environment environments} (the ordered stages of the pipeline and their
 * {@link io.dbchange.api.project.RolloutPolicy rollout policies}), {@link io.dbchange.api.project.Instance instances}
 * (database servers) and {@link io.dbchange.api.project.Database databases} on them. These are configuration, never
 * runtime state; secrets in them are held in memory only.
 */
package io.dbchange.api.project;
