package io.dbchange.core.schema.diff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One difference between two snapshots: an object added, removed or changed.
 *
 * @param path which object
 * @param kind added, removed or changed
 * @param before the object in the first snapshot (a model value of {@code io.dbchange.api.schema}, e.g. a
 *     {@code Column}), empty when it was added
 * @param after the object in the second snapshot, empty when it was removed
 * @param changedAttributes for a change, the names of the model's record components that differ (e.g.
 *     {@code type}, {@code nullable}), in declaration order; for a column also {@code position} when it moved
 *     relative to the other columns; empty for an addition or removal (copied, immutable)
 */
public record SchemaChange(
        ObjectPath path,
        ChangeKind kind,
        Optional<Object> before,
        Optional<Object> after,
        List<String> changedAttributes) {

    public SchemaChange {
        Objects.requireNonNull(path, "'path' must not be null");
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(before, "'before' must not be null");
        Objects.requireNonNull(after, "'after' must not be null");
        changedAttributes = List.copyOf(changedAttributes);
        if (before.isPresent() != (kind != ChangeKind.ADDED) || after.isPresent() != (kind != ChangeKind.REMOVED)) {
            throw new IllegalArgumentException("a change " + kind + " of " + path + " must have a 'before' value"
                    + " unless ADDED and an 'after' value unless REMOVED, but had before " + before.isPresent()
                    + " and after " + after.isPresent());
        }
    }

    /** The object before, as the given model type. */
    public <T> Optional<T> before(Class<T> type) {
        return before.filter(type::isInstance).map(type::cast);
    }

    /** The object after, as the given model type. */
    public <T> Optional<T> after(Class<T> type) {
        return after.filter(type::isInstance).map(type::cast);
    }

    /** One line: {@code + table orders}, {@code - index orders.ix_a}, {@code ~ column orders.name (type, nullable)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case ADDED -> "+ " + path;
            case REMOVED -> "- " + path;
            case CHANGED -> "~ " + path + " (" + String.join(", ", changedAttributes) + ")";
        };
    }
}
