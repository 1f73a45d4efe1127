package io.dbchange.postgres.rollback.internal;

/**
 * Quoting for generated SQL. Identifiers are always double-quoted and literals always single-quoted with quotes
 * doubled, which is exact under {@code standard_conforming_strings = on} (set by every transaction that runs
 * generated SQL), so no value or name can leave its literal.
 */
final class Sql {

    private Sql() {}

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static void literal(StringBuilder out, String value) {
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                out.append('\'');
            }
            out.append(c);
        }
        out.append('\'');
    }

    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        literal(out, value);
        return out.toString();
    }

    /**
     * The session settings under which text forms of values are exact and comparable across sessions: ISO dates,
     * UTC for {@code timestamptz}, shortest-exact floats, hex {@code bytea}, {@code postgres} intervals. Set with
     * {@code is_local} so they end with the transaction.
     */
    static final String EXACT_TEXT_SETTINGS = "SELECT set_config('DateStyle', 'ISO, MDY', true),"
            + " set_config('IntervalStyle', 'postgres', true), set_config('TimeZone', 'UTC', true),"
            + " set_config('extra_float_digits', '3', true), set_config('bytea_output', 'hex', true),"
            + " set_config('standard_conforming_strings', 'on', true)";

    /** The same settings as {@code SET LOCAL} lines, for the readable script. */
    static final String EXACT_TEXT_SETTINGS_SCRIPT = "SET LOCAL DateStyle = 'ISO, MDY';\n"
            + "SET LOCAL IntervalStyle = 'postgres';\nSET LOCAL TimeZone = 'UTC';\n"
            + "SET LOCAL extra_float_digits = 3;\nSET LOCAL bytea_output = 'hex';\n"
            + "SET LOCAL standard_conforming_strings = on;\n";
}
