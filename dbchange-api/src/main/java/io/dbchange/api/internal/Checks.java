package io.dbchange.api.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/** Argument checks with the messages used throughout the API ({@code "'x' must not be null"}). Not API. */
public final class Checks {

    private Checks() {}

    /** Returns {@code value}, or throws {@link NullPointerException} naming {@code field}. */
    public static <T> T notNull(String field, T value) {
        return Objects.requireNonNull(value, () -> "'" + field + "' must not be null");
    }

    /** Returns {@code value} if it is neither {@code null} nor blank. */
    public static String notBlank(String field, String value) {
        notNull(field, value);
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must not be blank");
        }
        return value;
    }

    /** Returns {@code value} if it is neither {@code null} nor empty (white space alone is allowed). */
    public static String notEmpty(String field, String value) {
        notNull(field, value);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must not be empty");
        }
        return value;
    }

    /** Returns {@code value} if it is at least zero. */
    public static long notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("'" + field + "' must not be negative but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is at least one. */
    public static int positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("'" + field + "' must be at least 1 but was " + value);
        }
        return value;
    }

    /** An immutable copy of {@code list}, which must not be {@code null} nor hold {@code null}. */
    public static <T> List<T> copy(String field, Collection<? extends T> list) {
        notNull(field, list);
        for (T element : list) {
            if (element == null) {
                throw new NullPointerException("'" + field + "' must not contain null");
            }
        }
        return List.copyOf(list);
    }

    /** Like {@link #copy(String, Collection)}, and the list must not be empty. */
    public static <T> List<T> copyNotEmpty(String field, Collection<? extends T> list) {
        List<T> copy = copy(field, list);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must not be empty");
        }
        return copy;
    }

    /**
     * Throws if two elements of {@code list} have the same key.
     *
     * @param field the name of the list, for the message
     * @param what what the key is, for the message (e.g. {@code "column name"})
     */
    public static <T, K> void distinct(String field, String what, List<T> list, Function<T, K> key) {
        Set<K> seen = new HashSet<>();
        for (T element : list) {
            K k = key.apply(element);
            if (!seen.add(k)) {
                throw new IllegalArgumentException("'" + field + "' holds " + what + " '" + k + "' more than once");
            }
        }
    }

    /** Returns {@code value} if it is not {@code null} and, when present, not blank. */
    public static Optional<String> notBlank(String field, Optional<String> value) {
        notNull(field, value);
        value.ifPresent(v -> notBlank(field, v));
        return value;
    }

    /** Returns {@code value} if it is not {@code null} and, when present, at least zero. */
    public static OptionalInt notNegative(String field, OptionalInt value) {
        notNull(field, value);
        value.ifPresent(v -> notNegative(field, v));
        return value;
    }
}
