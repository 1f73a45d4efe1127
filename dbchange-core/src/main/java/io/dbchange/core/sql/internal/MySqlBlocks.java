package io.dbchange.core.sql.internal;

/**
 * Follows the tokens of one MySQL/MariaDB statement to tell whether a {@code ;} is inside a compound body, so that a
 * stored program written without a {@code DELIMITER} change stays one statement.
 *
 * <p>A body is tracked only in statements that can hold one: {@code CREATE [OR REPLACE] [DEFINER = user] [SQL SECURITY
 * x] [AGGREGATE] PROCEDURE|FUNCTION|TRIGGER|EVENT}, {@code ALTER [DEFINER = user] EVENT}, and MariaDB's compound
 * statements outside stored programs ({@code BEGIN NOT ATOMIC}, {@code IF}, {@code CASE}, {@code LOOP}, {@code REPEAT},
 * {@code WHILE}, {@code FOR}, and a label {@code lbl:} before one). A plain {@code BEGIN}/{@code BEGIN WORK} starts a
 * transaction and is not tracked.
 *
 * <p>Rationale and hazards: a full grammar is out of reach, so openers are recognised by position. {@code BEGIN},
 * {@code IF}, {@code LOOP}, {@code REPEAT}, {@code WHILE} and {@code FOR} open a block only at a <em>statement
 * boundary</em>: after {@code ;}, a label colon, {@code BEGIN}, {@code ATOMIC}, {@code LOOP}, {@code REPEAT}, {@code
 * THEN}/{@code ELSE} of an IF or CASE statement, {@code DO} of a WHILE/FOR loop, or where a routine's body may start
 * ({@code )}, {@code FOR EACH ROW}, {@code DETERMINISTIC}, {@code SQL}, {@code DATA}, {@code INVOKER}, a comment
 * string, an event's {@code DO}, a function's return type). Elsewhere {@code IF(...)} and {@code REPEAT(...)} are
 * functions, {@code IF [NOT] EXISTS} a clause, and a trigger's first {@code FOR} its {@code FOR EACH ROW} (even after
 * a table named {@code data} or {@code row}). Inside a body {@code BEGIN} always opens (a handler's body follows its
 * condition: {@code DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ... END}). {@code CASE} always opens, because the expression and the statement
 * both end with {@code END}; an {@code END} closes a statement block only at a boundary (so a column named {@code end}
 * in a body does not), and the word after it ({@code END IF}, {@code END LOOP}, ...) is consumed. The known gap: a
 * body that starts right after an unusual routine characteristic is read as a single-statement body and is cut at its
 * first {@code ;}; a {@code DELIMITER} change avoids every heuristic.
 */
final class MySqlBlocks {

    private static final byte BEGIN_BLOCK = 1;
    private static final byte IF_BLOCK = 2;
    private static final byte CASE_STATEMENT = 3;
    private static final byte CASE_EXPRESSION = 4;
    private static final byte LOOP_BLOCK = 5;
    private static final byte REPEAT_BLOCK = 6;
    private static final byte WHILE_CONDITION = 7;
    private static final byte WHILE_BODY = 8;
    private static final byte FOR_CONDITION = 9;
    private static final byte FOR_BODY = 10;
    private static final byte REPEAT_UNTIL = 11;

    private enum Mode {
        FIRST,
        BEGIN_PENDING,
        LABEL_PENDING,
        CREATE_HEAD,
        ALTER_HEAD,
        ROUTINE,
        COMPOUND,
        PLAIN
    }

    private enum HeadStep {
        WORDS,
        DEFINER_EQUALS,
        DEFINER_USER,
        AFTER_USER,
        DEFINER_HOST
    }

    private final String source;
    private Mode mode = Mode.FIRST;
    private HeadStep headStep = HeadStep.WORDS;
    private Keyword routine = Keyword.NONE;
    private byte[] stack = new byte[8];
    private int depth;
    private int outerOffset = -1;
    private byte outerKind;
    private int pendingBeginOffset;
    private boolean boundary;
    private boolean afterEnd;
    private boolean bodyClosed;
    private boolean sawReturns;
    private boolean sawReturn;
    private boolean sawTriggerFor;
    private boolean prevDot;
    private Keyword prevKeyword = Keyword.NONE;

    MySqlBlocks(String source) {
        this.source = source;
    }

    /** Forgets the statement that just ended. */
    void reset() {
        mode = Mode.FIRST;
        headStep = HeadStep.WORDS;
        routine = Keyword.NONE;
        depth = 0;
        outerOffset = -1;
        boundary = false;
        afterEnd = false;
        bodyClosed = false;
        sawReturns = false;
        sawReturn = false;
        sawTriggerFor = false;
        prevDot = false;
        prevKeyword = Keyword.NONE;
    }

    /** Whether a {@code ;} here is inside a compound body and so does not end the statement. */
    boolean holdsDelimiter() {
        return depth > 0;
    }

    /** The offset of the outermost block still open, or -1. */
    int unclosedOffset() {
        return depth > 0 ? outerOffset : -1;
    }

    /** How the outermost open block is written, for messages: for example {@code "IF ... END IF"}. */
    String unclosedShape() {
        return switch (outerKind) {
            case BEGIN_BLOCK -> "BEGIN ... END";
            case IF_BLOCK -> "IF ... END IF";
            case CASE_STATEMENT -> "CASE ... END CASE";
            case CASE_EXPRESSION -> "CASE ... END";
            case LOOP_BLOCK -> "LOOP ... END LOOP";
            case REPEAT_BLOCK, REPEAT_UNTIL -> "REPEAT ... END REPEAT";
            case WHILE_CONDITION, WHILE_BODY -> "WHILE ... END WHILE";
            default -> "FOR ... END FOR";
        };
    }

    /** An unquoted word (identifier, keyword or number) spans {@code source[start, end)}. */
    void word(int start, int end) {
        Keyword k = Keyword.of(source, start, end);
        switch (mode) {
            case FIRST -> first(k, start);
            case BEGIN_PENDING -> {
                if (k == Keyword.NOT) {
                    mode = Mode.COMPOUND;
                    push(BEGIN_BLOCK, pendingBeginOffset);
                    boundary = false;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case LABEL_PENDING -> mode = Mode.PLAIN;
            case CREATE_HEAD, ALTER_HEAD -> headWord(k);
            case ROUTINE, COMPOUND -> blockWord(k, start);
            case PLAIN -> {}
        }
        prevKeyword = k;
        prevDot = false;
    }

    /** A single punctuation character outside strings and comments (including a {@code ;} held inside a body). */
    void punct(char c) {
        switch (mode) {
            case FIRST, BEGIN_PENDING -> mode = Mode.PLAIN;
            case LABEL_PENDING -> {
                if (c == ':') {
                    mode = Mode.COMPOUND;
                    boundary = true;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case CREATE_HEAD, ALTER_HEAD -> headPunct(c);
            case ROUTINE, COMPOUND -> {
                afterEnd = false;
                boundary = switch (c) {
                    case ';', ':' -> true;
                    case ')' -> inRoutineHead();
                    default -> false;
                };
            }
            case PLAIN -> {}
        }
        prevKeyword = Keyword.NONE;
        prevDot = c == '.';
    }

    /** A string literal ({@code string}) or a quoted identifier. */
    void quoted(boolean string) {
        switch (mode) {
            case FIRST -> mode = string ? Mode.PLAIN : Mode.LABEL_PENDING;
            case BEGIN_PENDING, LABEL_PENDING -> mode = Mode.PLAIN;
            case CREATE_HEAD, ALTER_HEAD -> {
                if (headStep == HeadStep.DEFINER_USER || headStep == HeadStep.DEFINER_HOST) {
                    headStep = HeadStep.AFTER_USER;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case ROUTINE, COMPOUND -> {
                afterEnd = false;
                // COMMENT 'text' is the last routine characteristic before a body may start.
                boundary = string && inRoutineHead();
            }
            case PLAIN -> {}
        }
        prevKeyword = Keyword.NONE;
        prevDot = false;
    }

    private void first(Keyword k, int start) {
        switch (k) {
            case CREATE -> mode = Mode.CREATE_HEAD;
            case ALTER -> mode = Mode.ALTER_HEAD;
            case BEGIN -> {
                mode = Mode.BEGIN_PENDING;
                pendingBeginOffset = start;
            }
            case IF -> openCompound(IF_BLOCK, start, false);
            case CASE -> openCompound(CASE_STATEMENT, start, false);
            case WHILE -> openCompound(WHILE_CONDITION, start, false);
            case FOR -> openCompound(FOR_CONDITION, start, false);
            case LOOP -> openCompound(LOOP_BLOCK, start, true);
            case REPEAT -> openCompound(REPEAT_BLOCK, start, true);
            default -> mode = Mode.LABEL_PENDING;
        }
    }

    private void openCompound(byte kind, int start, boolean boundaryAfter) {
        mode = Mode.COMPOUND;
        push(kind, start);
        boundary = boundaryAfter;
    }

    private void headWord(Keyword k) {
        switch (headStep) {
            case WORDS -> {
                switch (k) {
                    case OR, REPLACE, AGGREGATE, SQL, SECURITY, INVOKER -> {}
                    case DEFINER -> {
                        if (prevKeyword != Keyword.SECURITY) {
                            headStep = HeadStep.DEFINER_EQUALS;
                        }
                    }
                    case PROCEDURE, FUNCTION, TRIGGER, EVENT -> {
                        if (mode == Mode.ALTER_HEAD && k != Keyword.EVENT) {
                            mode = Mode.PLAIN;
                        } else {
                            mode = Mode.ROUTINE;
                            routine = k;
                            boundary = false;
                        }
                    }
                    default -> mode = Mode.PLAIN;
                }
            }
            case DEFINER_USER, DEFINER_HOST -> headStep = HeadStep.AFTER_USER;
            case AFTER_USER -> {
                headStep = HeadStep.WORDS;
                headWord(k);
            }
            case DEFINER_EQUALS -> mode = Mode.PLAIN;
        }
    }

    private void headPunct(char c) {
        switch (headStep) {
            case DEFINER_EQUALS -> {
                if (c == '=') {
                    headStep = HeadStep.DEFINER_USER;
                } else {
                    mode = Mode.PLAIN;
                }
            }
            case AFTER_USER -> {
                if (c == '@') {
                    headStep = HeadStep.DEFINER_HOST;
                } else if (c != '(' && c != ')') {
                    mode = Mode.PLAIN;
                }
            }
            default -> mode = Mode.PLAIN;
        }
    }

    private void blockWord(Keyword k, int start) {
        boolean atBoundary = boundary;
        boolean endSuffix = afterEnd;
        afterEnd = false;
        boundary = false;
        if (prevDot) {
            // A qualified name such as OLD.begin or t.case is a column, never a keyword.
            return;
        }
        if (endSuffix
                && (k == Keyword.IF
                        || k == Keyword.CASE
                        || k == Keyword.LOOP
                        || k == Keyword.REPEAT
                        || k == Keyword.WHILE
                        || k == Keyword.FOR)) {
            return;
        }
        switch (k) {
            case BEGIN -> {
                // Inside a body BEGIN can only open a block; handlers put it after a condition (FOR SQLEXCEPTION
                // BEGIN).
                if (atBoundary || depth > 0) {
                    push(BEGIN_BLOCK, start);
                    boundary = true;
                }
            }
            case IF -> {
                if (atBoundary) {
                    push(IF_BLOCK, start);
                }
            }
            case WHILE -> {
                if (atBoundary) {
                    push(WHILE_CONDITION, start);
                }
            }
            case FOR -> {
                if (routine == Keyword.TRIGGER && !sawTriggerFor) {
                    // A trigger's first FOR is its FOR EACH ROW clause, even after a table named data or row.
                    sawTriggerFor = true;
                } else if (atBoundary) {
                    push(FOR_CONDITION, start);
                }
            }
            case LOOP -> {
                if (atBoundary) {
                    push(LOOP_BLOCK, start);
                    boundary = true;
                }
            }
            case REPEAT -> {
                if (atBoundary) {
                    push(REPEAT_BLOCK, start);
                    boundary = true;
                }
            }
            case CASE -> push(atBoundary ? CASE_STATEMENT : CASE_EXPRESSION, start);
            case END -> {
                byte top = depth > 0 ? stack[depth - 1] : 0;
                // A CASE expression and REPEAT ... UNTIL condition end with END right after an expression.
                boolean closes = top == CASE_EXPRESSION || top == REPEAT_UNTIL ? !prevDot : atBoundary;
                if (depth > 0 && closes) {
                    byte closed = stack[--depth];
                    afterEnd = true;
                    if (depth == 0 && closed != CASE_EXPRESSION) {
                        bodyClosed = true;
                    }
                }
            }
            case THEN, ELSE ->
                boundary = depth > 0 && (stack[depth - 1] == IF_BLOCK || stack[depth - 1] == CASE_STATEMENT);
            case DO -> {
                if (depth > 0 && stack[depth - 1] == WHILE_CONDITION) {
                    stack[depth - 1] = WHILE_BODY;
                    boundary = true;
                } else if (depth > 0 && stack[depth - 1] == FOR_CONDITION) {
                    stack[depth - 1] = FOR_BODY;
                    boundary = true;
                }
            }
            case UNTIL -> {
                if (depth > 0 && stack[depth - 1] == REPEAT_BLOCK) {
                    stack[depth - 1] = REPEAT_UNTIL;
                }
            }
            case ATOMIC -> boundary = true;
            case RETURN -> {
                if (depth == 0) {
                    sawReturn = true;
                }
            }
            case RETURNS -> sawReturns = true;
            default -> {}
        }
        if (!boundary && inRoutineHead()) {
            boundary = routineBodyMayFollow(k);
        }
    }

    /** Whether the statement is a routine whose body has not started as far as the tracker can tell. */
    private boolean inRoutineHead() {
        return mode == Mode.ROUTINE && depth == 0 && !bodyClosed && !sawReturn;
    }

    /** Whether a routine's body may start after the word {@code k} of its head. */
    private boolean routineBodyMayFollow(Keyword k) {
        return switch (k) {
            case ROW, DETERMINISTIC, SQL, DATA, INVOKER, DEFINER -> true;
            case DO -> routine == Keyword.EVENT;
            case RETURNS,
                    CHARSET,
                    CHARACTER,
                    SET,
                    COLLATE,
                    COMMENT,
                    LANGUAGE,
                    SECURITY,
                    NOT,
                    CONTAINS,
                    NO,
                    READS,
                    MODIFIES,
                    FOLLOWS,
                    PRECEDES -> false;
            // After FOLLOWS/PRECEDES comes the other trigger's name; after RETURNS, the return type.
            default ->
                prevKeyword == Keyword.FOLLOWS
                        || prevKeyword == Keyword.PRECEDES
                        || (routine == Keyword.FUNCTION && sawReturns);
        };
    }

    private void push(byte kind, int offset) {
        if (depth == 0) {
            outerOffset = offset;
            outerKind = kind;
        }
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = kind;
    }
}
