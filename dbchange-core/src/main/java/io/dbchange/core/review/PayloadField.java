package io.dbchange.core.review;

import java.util.Objects;

/**
 * One field of a rule's payload.
 *
 * @param name the field name as in Bytebase's payload ({@code format}, {@code maxLength}, {@code list},
 *     {@code number}, {@code required})
 * @param type its type
 * @param defaultValue the value when the policy does not give one: a {@link String}, {@link Long}, {@link Boolean}
 *     or {@code List<String>} matching {@code type}
 */
public record PayloadField(String name, PayloadType type, Object defaultValue) {

    public PayloadField {
        Objects.requireNonNull(name, "'name' must not be null");
        Objects.requireNonNull(type, "'type' must not be null");
        Objects.requireNonNull(defaultValue, "'defaultValue' must not be null");
    }
}
