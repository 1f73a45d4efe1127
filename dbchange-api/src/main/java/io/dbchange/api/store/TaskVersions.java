package io.dbchange.api.store;

import java.util.Map;
import java.util.Objects;

/**
 * An answer of {@link MetadataStore#taskVersionsSince}: the versions of the tasks of one request that were written
 * after the stamp asked for (all of them when asked for {@link MetadataStore#ALL_TASKS}), and the stamp to ask from
 * next time.
 *
 * @param stamp the store's stamp as of this answer: every write of the request's tasks up to it is in {@code versions}
 *     or in an earlier answer
 * @param versions task id to version, in sequence order; unmodifiable
 */
public record TaskVersions(long stamp, Map<String, Long> versions) {

    public TaskVersions {
        Objects.requireNonNull(versions, "'versions' must not be null");
        if (stamp < 0) {
            throw new IllegalArgumentException("'stamp' must not be negative: " + stamp);
        }
    }
}
