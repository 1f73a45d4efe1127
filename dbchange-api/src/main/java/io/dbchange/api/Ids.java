package io.dbchange.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The syntax of identifiers in dbchange. There are two kinds, because they come from different places:
 *
 * <ul>
 *   <li><b>Defined ids</b> name what the host configures (projects, environments, instances, approval flows). People
 *       write them in YAML, properties and code, and they appear in logs and URLs, so they are short lower-case
 *       slugs: {@value #DEFINED_ID_REGEX}, for example {@code prod}, {@code billing-db}, {@code eu_west_1}.
 *   <li><b>Generated ids</b> name what the metadata store creates at run time (change requests, tasks, task runs).
 *       A store may use UUIDs or numbers, so they are any {@value #GENERATED_ID_REGEX}, for example
 *       {@code 3f2b8c1e-...} or {@code 42}.
 * </ul>
 *
 * <p>Neither kind may contain white space, quotes or path separators, so an id can be put in a log line, a file
 * name or a URL path segment without escaping.
 */
public final class Ids {

    /** The regular expression of a defined id. */
    public static final String DEFINED_ID_REGEX = "[a-z][a-z0-9_-]{0,63}";

    /** The regular expression of a generated id. */
    public static final String GENERATED_ID_REGEX = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

    private static final Pattern DEFINED_ID = Pattern.compile(DEFINED_ID_REGEX);
    private static final Pattern GENERATED_ID = Pattern.compile(GENERATED_ID_REGEX);

    private Ids() {}

    /** Whether {@code value} is a valid defined id; {@code false} for {@code null}. */
    public static boolean isDefinedId(String value) {
        return value != null && DEFINED_ID.matcher(value).matches();
    }

    /** Whether {@code value} is a valid generated id; {@code false} for {@code null}. */
    public static boolean isGeneratedId(String value) {
        return value != null && GENERATED_ID.matcher(value).matches();
    }

    /**
     * Returns {@code value} if it is a valid defined id.
     *
     * @param field the name of the argument, for the message (e.g. {@code "environmentId"})
     * @param value the id to check
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code value} does not match {@value #DEFINED_ID_REGEX}
     */
    public static String requireDefinedId(String field, String value) {
        Objects.requireNonNull(value, () -> "'" + field + "' must not be null");
        if (!DEFINED_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + field + "' must be 1 to 64 characters: a lower-case letter, then"
                    + " lower-case letters, digits, '-' or '_' (" + DEFINED_ID_REGEX + "), but was '" + value + "'");
        }
        return value;
    }

    /**
     * Returns {@code value} if it is a valid generated id.
     *
     * @param field the name of the argument, for the message (e.g. {@code "taskId"})
     * @param value the id to check
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code value} does not match {@value #GENERATED_ID_REGEX}
     */
    public static String requireGeneratedId(String field, String value) {
        Objects.requireNonNull(value, () -> "'" + field + "' must not be null");
        if (!GENERATED_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + field + "' must be 1 to 128 characters: a letter or digit, then"
                    + " letters, digits, '.', '_', ':' or '-' (" + GENERATED_ID_REGEX + "), but was '" + value + "'");
        }
        return value;
    }
}
