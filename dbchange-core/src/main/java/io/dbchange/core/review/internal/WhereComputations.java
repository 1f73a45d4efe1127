package io.dbchange.core.review.internal;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds columns wrapped in a function call or in arithmetic in the top-level WHERE clause of a statement (e.g.
 * {@code WHERE lower(email) = ?}, {@code WHERE price * 2 > 10}), which keep the database from using an index on
 * them. Works on the recognizer's tokens; subqueries are skipped, since they have their own WHERE.
 */
public final class WhereComputations {

    /**
     * One column used in a computation.
     *
     * @param column the column as written, without qualifier or quotes
     * @param computation {@code "function LOWER()"} or {@code "arithmetic (*)"}, for messages
     * @param position where the computation starts
     */
    public record Computed(String column, String computation, SourcePosition position) {}

    /** Words that are not column names where they appear in a condition. */
    private static final Set<String> KEYWORDS = Set.of(
            "AND",
            "OR",
            "NOT",
            "NULL",
            "IS",
            "IN",
            "LIKE",
            "ILIKE",
            "BETWEEN",
            "EXISTS",
            "TRUE",
            "FALSE",
            "CASE",
            "WHEN",
            "THEN",
            "ELSE",
            "END",
            "AS",
            "INTERVAL",
            "DATE",
            "TIME",
            "TIMESTAMP",
            "ESCAPE",
            "SIMILAR",
            "TO",
            "ANY",
            "ALL",
            "SOME",
            "DISTINCT",
            "FROM",
            "COLLATE",
            "BINARY",
            "REGEXP",
            "RLIKE",
            "DIV",
            "MOD",
            "XOR",
            "CURRENT_DATE",
            "CURRENT_TIME",
            "CURRENT_TIMESTAMP",
            "LOCALTIME",
            "LOCALTIMESTAMP",
            "UNKNOWN",
            "SELECT",
            "VALUES",
            "ROW",
            "ARRAY",
            "DEFAULT");

    /** Words followed by a parenthesis that are no function call. */
    private static final Set<String> NOT_FUNCTIONS =
            Set.of("IN", "EXISTS", "ANY", "ALL", "SOME", "VALUES", "ROW", "ARRAY", "NOT", "AND", "OR", "XOR", "IS");

    /** Words that end a top-level WHERE clause. */
    private static final Set<String> CLAUSE_ENDS = Set.of(
            "GROUP",
            "ORDER",
            "LIMIT",
            "HAVING",
            "RETURNING",
            "FOR",
            "UNION",
            "EXCEPT",
            "INTERSECT",
            "WINDOW",
            "OFFSET",
            "FETCH",
            "ON");

    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "||");

    private WhereComputations() {}

    /** The computed columns of {@code statement}'s top-level WHERE, in order; empty when it has no WHERE. */
    public static List<Computed> of(ParsedStatement statement, Dialect dialect) {
        List<Computed> found = new ArrayList<>();
        if (statement.dml().where().isEmpty()) {
            return found;
        }
        int whereOffset = statement.dml().where().get().offset()
                - statement.statement().start().offset();
        List<Token> t = Tokenizer.tokenize(statement.statement().sql(), dialect);
        Positions positions = new Positions(statement.statement());
        int i = 0;
        while (i < t.size() && t.get(i).start() < whereOffset) {
            i++;
        }
        if (i >= t.size() || !t.get(i).is("WHERE")) {
            return found;
        }
        int depth = 0;
        for (i = i + 1; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.isSymbol("(")) {
                if (i + 1 < t.size() && t.get(i + 1).is("SELECT")) {
                    i = matching(t, i); // a subquery has its own WHERE
                    continue;
                }
                depth++;
            } else if (token.isSymbol(")")) {
                if (--depth < 0) {
                    break;
                }
            } else if (depth == 0 && token.kind() == Token.Kind.WORD && CLAUSE_ENDS.contains(token.upper())) {
                break;
            } else if (isFunction(t, i)) {
                int close = matching(t, i + 1);
                for (int a = i + 2; a < close; a++) {
                    if (isColumn(t, a)) {
                        found.add(new Computed(
                                t.get(a).value(), "function " + token.upper() + "()", positions.at(token.start())));
                        break;
                    }
                }
                i = close;
            } else if (token.kind() == Token.Kind.SYMBOL && ARITHMETIC.contains(token.text())) {
                String column = i > 0 && isColumn(t, i - 1) ? t.get(i - 1).value() : columnFrom(t, i + 1);
                if (column != null) {
                    found.add(new Computed(column, "arithmetic (" + token.text() + ")", positions.at(token.start())));
                }
            }
        }
        return found;
    }

    private static boolean isFunction(List<Token> t, int i) {
        Token token = t.get(i);
        return token.kind() == Token.Kind.WORD
                && !NOT_FUNCTIONS.contains(token.upper())
                && i + 1 < t.size()
                && t.get(i + 1).isSymbol("(")
                && !(i + 2 < t.size() && t.get(i + 2).is("SELECT"));
    }

    /** Whether token {@code i} names a column: an identifier that is no keyword, function name or qualifier. */
    private static boolean isColumn(List<Token> t, int i) {
        Token token = t.get(i);
        if (!token.isIdentifier() || (token.kind() == Token.Kind.WORD && KEYWORDS.contains(token.upper()))) {
            return false;
        }
        if (i + 1 < t.size() && (t.get(i + 1).isSymbol("(") || t.get(i + 1).isSymbol("."))) {
            return false;
        }
        // a PostgreSQL cast target (x::int) is a type, not a column
        return !(i > 0 && t.get(i - 1).isSymbol("::"));
    }

    /** The column named by a possibly qualified name starting at {@code i} ({@code t.col}), or null. */
    private static String columnFrom(List<Token> t, int i) {
        int j = i;
        while (j + 2 < t.size() && t.get(j).isIdentifier() && t.get(j + 1).isSymbol(".")) {
            j += 2;
        }
        return j < t.size() && isColumn(t, j) ? t.get(j).value() : null;
    }

    private static int matching(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) {
                depth++;
            } else if (t.get(i).isSymbol(")") && --depth == 0) {
                return i;
            }
        }
        return t.size() - 1;
    }
}
