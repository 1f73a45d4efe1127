package io.dbchange.core.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule's payload, validated against its {@link PayloadField}s: every field has a value of its type (the default
 * when the policy gave none), regular expressions compile. Immutable.
 */
public final class RulePayload {

    private final Map<String, Object> values;
    // compiled once here, not on every statement a rule checks
    private final Map<String, Pattern> patterns;

    private RulePayload(Map<String, Object> values, Map<String, Pattern> patterns) {
        this.values = values;
        this.patterns = patterns;
    }

    /**
     * Validates {@code given} (field name to value as read from YAML/JSON or code) against {@code fields}.
     *
     * @throws IllegalArgumentException naming the field and the reason when a field is unknown, has the wrong
     *     type, or a regular expression does not compile
     */
    public static RulePayload of(List<PayloadField> fields, Map<String, ?> given) {
        Objects.requireNonNull(given, "'given' must not be null");
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                throw new IllegalArgumentException("unknown payload field '" + name + "'; the rule takes "
                        + (fields.isEmpty()
                                ? "no payload"
                                : fields.stream().map(PayloadField::name).toList()));
            }
        }
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        for (PayloadField field : fields) {
            Object value = given.containsKey(field.name()) ? given.get(field.name()) : field.defaultValue();
            Object converted = convert(field, value);
            values.put(field.name(), converted);
            if (field.type() == PayloadType.REGEX) {
                patterns.put(field.name(), Pattern.compile((String) converted));
            }
        }
        return new RulePayload(Map.copyOf(values), Map.copyOf(patterns));
    }

    /** The defaults of {@code fields}. */
    public static RulePayload defaults(List<PayloadField> fields) {
        return of(fields, Map.of());
    }

    private static Object convert(PayloadField field, Object value) {
        String where = "payload field '" + field.name() + "'";
        switch (field.type()) {
            case STRING, REGEX, TEMPLATE -> {
                if (!(value instanceof String text)) {
                    throw new IllegalArgumentException(where + " must be a string but was " + describe(value));
                }
                if (field.type() != PayloadType.STRING) {
                    String regex =
                            field.type() == PayloadType.TEMPLATE ? text.replaceAll("\\{\\{[a-z_]+}}", "x") : text;
                    try {
                        Pattern.compile(regex);
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException(where + " is not a valid regular expression: "
                                + e.getDescription() + " near index " + e.getIndex() + " of '" + text + "'");
                    }
                }
                return text;
            }
            case NUMBER -> {
                if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                    return number.longValue();
                }
                throw new IllegalArgumentException(where + " must be a whole number but was " + describe(value));
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                throw new IllegalArgumentException(where + " must be true or false but was " + describe(value));
            }
            case STRING_ARRAY -> {
                if (!(value instanceof List<?> list)) {
                    throw new IllegalArgumentException(where + " must be a list of strings but was " + describe(value));
                }
                List<String> strings = new ArrayList<>();
                for (Object item : list) {
                    if (!(item instanceof String s)) {
                        throw new IllegalArgumentException(
                                where + " must be a list of strings but contained " + describe(item));
                    }
                    strings.add(s);
                }
                return List.copyOf(strings);
            }
            default -> throw new IllegalStateException("unhandled payload type " + field.type());
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " '" + value + "'";
    }

    /** A STRING, REGEX or TEMPLATE field. */
    public String string(String name) {
        return (String) require(name);
    }

    /** A REGEX field, compiled. */
    public Pattern regex(String name) {
        Pattern pattern = patterns.get(name);
        return pattern != null ? pattern : Pattern.compile(string(name));
    }

    /** A NUMBER field. */
    public long number(String name) {
        return (Long) require(name);
    }

    /** A BOOLEAN field. */
    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    /** A STRING_ARRAY field. */
    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        return (List<String>) require(name);
    }

    /** All values by field name. */
    public Map<String, Object> values() {
        return values;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the rule has no payload field '" + name + "'");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RulePayload p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
