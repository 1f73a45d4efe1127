package io.dbchange.api.store;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.PipelineEvent;

/**
 * A {@link PipelineEvent} as the metadata store's outbox keeps it, so that a consumer on any node can read it.
 *
 * @param sequence its place in the outbox: positive, increasing in the order events were appended (and committed),
 *     never reused; not necessarily contiguous after a purge
 * @param id a stable unique id given by the node that appended it; a consumer that may see an event twice (delivery
 *     is at least once) dedupes by it
 * @param event the event
 */
public record EventEntry(long sequence, String id, PipelineEvent event) {

    public EventEntry {
        if (sequence <= 0) {
            throw new IllegalArgumentException("'sequence' must be positive but was " + sequence);
        }
        Checks.notBlank("id", id);
        Checks.notNull("event", event);
    }
}
