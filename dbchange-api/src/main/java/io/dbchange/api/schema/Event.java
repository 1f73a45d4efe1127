package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;

/**
 * A MySQL/MariaDB scheduled event ({@code CREATE EVENT}).
 *
 * @param name the event's name, not empty
 * @param schedule its schedule as normalized text (e.g. {@code EVERY 1 DAY STARTS '2025-01-01 00:00:00'}), not
 *     blank
 * @param definition its body as the server reports it, not blank
 * @param enabled whether it is enabled
 * @param comment its comment, {@code ""} for none
 */
public record Event(String name, String schedule, String definition, boolean enabled, String comment) {

    public Event {
        Checks.notEmpty("name", name);
        Checks.notBlank("schedule", schedule);
        Checks.notBlank("definition", definition);
        Checks.notNull("comment", comment);
    }

    /** An event without a comment. */
    public Event(String name, String schedule, String definition, boolean enabled) {
        this(name, schedule, definition, enabled, "");
    }
}
