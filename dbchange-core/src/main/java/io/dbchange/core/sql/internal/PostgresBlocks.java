package io.dbchange.core.sql.internal;

/**
 * Follows the tokens of one PostgreSQL statement for what {@code psql} itself tracks: the {@code BEGIN ATOMIC ... END}
 * body of a SQL-standard {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (outside parentheses, {@code BEGIN} and, inside
 * a body, {@code CASE} open and {@code END} closes), whether the statement is a {@code COPY ... FROM STDIN} followed
 * by inline data, and whether it sets {@code standard_conforming_strings}, which changes how later strings are read.
 */
final class PostgresBlocks {

    private enum Mode {
        FIRST,
        CREATE_HEAD,
        ROUTINE,
        COPY,
        SET,
        RESET,
        PLAIN
    }

    private static final int SCS_UNCHANGED = -1;
    private static final int SCS_OFF = 0;
    private static final int SCS_ON = 1;
    private static final int SCS_DEFAULT = 2;

    private final String source;
    private Mode mode = Mode.FIRST;
    private int step;
    private int beginDepth;
    private int outerOffset = -1;
    private boolean copyExpectsStdin;
    private boolean copyFromStdin;
    private int scsValue = SCS_UNCHANGED;
    /** Whether the previous token was a {@code .}: a qualified name such as {@code t.end} is never a keyword. */
    private boolean afterDot;

    PostgresBlocks(String source) {
        this.source = source;
    }

    void reset() {
        mode = Mode.FIRST;
        step = 0;
        beginDepth = 0;
        outerOffset = -1;
        copyExpectsStdin = false;
        copyFromStdin = false;
        scsValue = SCS_UNCHANGED;
        afterDot = false;
    }

    /** Whether a {@code ;} here is inside a {@code BEGIN ATOMIC} body and so does not end the statement. */
    boolean holdsDelimiter() {
        return beginDepth > 0;
    }

    /** The offset of the outermost {@code BEGIN} still open, or -1. */
    int unclosedOffset() {
        return beginDepth > 0 ? outerOffset : -1;
    }

    /** Whether the statement is {@code COPY ... FROM STDIN}, whose data rows follow its {@code ;}. */
    boolean copyFromStdin() {
        return copyFromStdin;
    }

    /**
     * The {@code standard_conforming_strings} in effect after this statement, given the one before it and the
     * script's initial setting (which {@code DEFAULT} and {@code RESET} restore).
     */
    boolean standardConformingStringsAfter(boolean current, boolean initial) {
        boolean complete = (mode == Mode.SET && step == 3) || (mode == Mode.RESET && step == 1);
        if (!complete) {
            return current;
        }
        return switch (scsValue) {
            case SCS_ON -> true;
            case SCS_OFF -> false;
            case SCS_DEFAULT -> initial;
            default -> current;
        };
    }

    void word(int start, int end, int parenDepth) {
        Keyword k = Keyword.of(source, start, end);
        boolean qualified = afterDot;
        afterDot = false;
        switch (mode) {
            case FIRST ->
                mode = switch (k) {
                    case CREATE -> Mode.CREATE_HEAD;
                    case COPY -> Mode.COPY;
                    case SET -> Mode.SET;
                    case RESET -> Mode.RESET;
                    default -> Mode.PLAIN;
                };
            case CREATE_HEAD -> {
                if (k == Keyword.OR && step == 0) {
                    step = 1;
                } else if (k == Keyword.REPLACE && step == 1) {
                    step = 2;
                } else if ((k == Keyword.FUNCTION || k == Keyword.PROCEDURE) && step != 1) {
                    mode = Mode.ROUTINE;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case ROUTINE -> {
                if (parenDepth == 0 && !qualified) {
                    if (k == Keyword.BEGIN) {
                        if (beginDepth == 0) {
                            outerOffset = start;
                        }
                        beginDepth++;
                    } else if (k == Keyword.CASE && beginDepth > 0) {
                        beginDepth++;
                    } else if (k == Keyword.END && beginDepth > 0) {
                        beginDepth--;
                    }
                }
            }
            case COPY -> {
                if (copyExpectsStdin) {
                    copyFromStdin |= k == Keyword.STDIN;
                    copyExpectsStdin = false;
                } else if (k == Keyword.FROM && parenDepth == 0) {
                    copyExpectsStdin = true;
                }
            }
            case SET -> setWord(k, start, end);
            case RESET -> {
                if (step == 0 && (k == Keyword.STANDARD_CONFORMING_STRINGS || k == Keyword.ALL)) {
                    step = 1;
                    scsValue = SCS_DEFAULT;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case PLAIN -> {}
        }
    }

    void punct(char c) {
        afterDot = c == '.';
        switch (mode) {
            case SET -> {
                if (step == 1 && c == '=') {
                    step = 2;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case COPY -> copyExpectsStdin = false;
            case FIRST, CREATE_HEAD, RESET -> mode = Mode.PLAIN;
            case ROUTINE, PLAIN -> {}
        }
    }

    /** A string literal ({@code string}, spanning {@code source[start, end)} with its quotes) or quoted identifier. */
    void quoted(int start, int end, boolean string) {
        afterDot = false;
        switch (mode) {
            case SET -> {
                if (step == 2 && string && end - start >= 2) {
                    scsValue = value(start + 1, end - 1);
                    step = 3;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case COPY -> copyExpectsStdin = false;
            case FIRST, CREATE_HEAD, RESET -> mode = Mode.PLAIN;
            case ROUTINE, PLAIN -> {}
        }
    }

    private void setWord(Keyword k, int start, int end) {
        switch (step) {
            case 0 -> {
                if (k == Keyword.STANDARD_CONFORMING_STRINGS) {
                    step = 1;
                } else if (k != Keyword.SESSION && k != Keyword.LOCAL) {
                    mode = Mode.PLAIN;
                }
            }
            case 1 -> {
                if (k == Keyword.TO) {
                    step = 2;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case 2 -> {
                scsValue = k == Keyword.DEFAULT ? SCS_DEFAULT : value(start, end);
                step = 3;
            }
            default -> mode = Mode.PLAIN;
        }
    }

    /** Reads a boolean setting value as PostgreSQL accepts it (on/off, true/false, yes/no, 1/0). */
    private int value(int start, int end) {
        if (is(start, end, "ON") || is(start, end, "TRUE") || is(start, end, "YES") || is(start, end, "1")) {
            return SCS_ON;
        }
        if (is(start, end, "OFF") || is(start, end, "FALSE") || is(start, end, "NO") || is(start, end, "0")) {
            return SCS_OFF;
        }
        return SCS_UNCHANGED;
    }

    private boolean is(int start, int end, String upper) {
        return end - start == upper.length() && source.regionMatches(true, start, upper, 0, upper.length());
    }
}
