package io.dbchange.core.sql.internal;

/**
 * The words the keyword trackers react to. Lookup compares ASCII letters case-insensitively in place, so recognising a
 * word allocates nothing.
 */
enum Keyword {
    NONE,
    AGGREGATE,
    ALL,
    ALTER,
    ATOMIC,
    BEGIN,
    CASE,
    CHARACTER,
    CHARSET,
    COLLATE,
    COMMENT,
    CONTAINS,
    COPY,
    CREATE,
    DATA,
    DEFAULT,
    DEFINER,
    DETERMINISTIC,
    DO,
    ELSE,
    END,
    EVENT,
    FOLLOWS,
    FOR,
    FROM,
    FUNCTION,
    IF,
    INVOKER,
    LANGUAGE,
    LOCAL,
    LOOP,
    MODIFIES,
    NO,
    NOT,
    OR,
    PRECEDES,
    PROCEDURE,
    READS,
    REPEAT,
    REPLACE,
    RESET,
    RETURN,
    RETURNS,
    ROW,
    SECURITY,
    SESSION,
    SET,
    SQL,
    STANDARD_CONFORMING_STRINGS,
    STDIN,
    THEN,
    TO,
    TRIGGER,
    UNTIL,
    WHILE;

    private static final Keyword[][] BY_LENGTH = byLength();

    private static Keyword[][] byLength() {
        int max = 0;
        for (Keyword k : values()) {
            max = Math.max(max, k.name().length());
        }
        Keyword[][] table = new Keyword[max + 1][];
        for (int length = 0; length <= max; length++) {
            int count = 0;
            for (Keyword k : values()) {
                if (k != NONE && k.name().length() == length) {
                    count++;
                }
            }
            table[length] = new Keyword[count];
            int i = 0;
            for (Keyword k : values()) {
                if (k != NONE && k.name().length() == length) {
                    table[length][i++] = k;
                }
            }
        }
        return table;
    }

    /** The keyword spelled by {@code source[start, end)} in any letter case, or {@link #NONE}. */
    static Keyword of(String source, int start, int end) {
        int length = end - start;
        if (length >= BY_LENGTH.length) {
            return NONE;
        }
        for (Keyword candidate : BY_LENGTH[length]) {
            if (matches(candidate.name(), source, start, length)) {
                return candidate;
            }
        }
        return NONE;
    }

    private static boolean matches(String upper, String source, int start, int length) {
        for (int i = 0; i < length; i++) {
            char c = source.charAt(start + i);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - ('a' - 'A'));
            }
            if (c != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
