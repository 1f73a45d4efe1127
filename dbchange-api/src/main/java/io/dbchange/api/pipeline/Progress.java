package io.dbchange.api.pipeline;

/**
 * How far a request's rollout is: tasks ended (DONE, SKIPPED, CANCELED) out of all tasks of its current revision.
 *
 * @param done tasks in an end state
 * @param total all tasks
 */
public record Progress(int done, int total) {

    public Progress {
        if (done < 0 || total < 0 || done > total) {
            throw new IllegalArgumentException(
                    "'done' must be between 0 and 'total' but was done=" + done + " total=" + total);
        }
    }

    @Override
    public String toString() {
        return done + "/" + total;
    }
}
