package io.dbchange.api.change;

/** Why a {@link TaskState.Waiting waiting} task has not started yet. */
public enum WaitReason {
    /** Its change request's approval flow is not yet satisfied. */
    APPROVAL,
    /** Its environment's rollout policy is manual and no one holding a permitted role has started it. */
    MANUAL_ROLLOUT,
    /** Its scheduled rollout time has not come yet. */
    ROLLOUT_TIME,
    /** A task of the previous stage has not ended DONE or SKIPPED. */
    PREVIOUS_STAGE,
    /** Another task holds its database (tasks on one database run one at a time). */
    DATABASE_BUSY,
    /** Its pre-execution checks (SQL review against the live schema, connection, prerequisites) are running or block it. */
    CHECKS,
    /** Ready to run; waiting for a free execution slot (global or per-instance limit) or for a node to claim it. */
    QUEUED
}
