/**
 * Data rollback as part of the governed flow: {@link io.dbchange.api.rollback.RollbackSupport} is what an engine
 * module offers (capture, generate, verified apply), {@link io.dbchange.api.rollback.RollbackStore} keeps what
 * identifies each capture and each generated script so that a rollback can still be generated and applied after a
 * restart. The core's {@code Rollbacks} service wires both into the pipeline.
 */
package io.dbchange.api.rollback;
