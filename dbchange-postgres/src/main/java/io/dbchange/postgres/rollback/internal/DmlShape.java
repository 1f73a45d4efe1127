package io.dbchange.postgres.rollback.internal;

import io.dbchange.postgres.rollback.internal.Lexer.Kind;
import io.dbchange.postgres.rollback.internal.Lexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shape of a statement the capture can re-target: its target table as written, and for {@code UPDATE} and
 * {@code DELETE} the alias, the extra {@code FROM}/{@code USING} list and the {@code WHERE} condition, cut from the
 * statement's own text so that the capture query selects with exactly the user's predicate.
 *
 * <p>Everything else is refused with the reason ({@link #recognize} returns a {@link Refused}): {@code WITH},
 * {@code MERGE}, {@code INSERT ... ON CONFLICT DO UPDATE} (it updates rows it finds only while running),
 * {@code WHERE CURRENT OF}, {@code TABLESAMPLE}, and anything that is not {@code INSERT}, {@code UPDATE} or
 * {@code DELETE}.
 */
sealed interface DmlShape {

    /** The target table exactly as written (possibly qualified and quoted). */
    String table();

    /** Names called like functions in the parts the capture re-evaluates (condition, FROM/USING list). */
    Set<String> calledNames();

    record Insert(String table, Set<String> calledNames) implements DmlShape {}

    /** {@code UPDATE} or {@code DELETE}; {@code from} is the {@code FROM} or {@code USING} list, empty if none. */
    record Modify(
            boolean delete,
            String table,
            boolean only,
            String alias,
            String from,
            String where,
            Set<String> calledNames)
            implements DmlShape {

        /** How the capture query refers to the target's columns: the alias, or the table as written. */
        String reference() {
            return alias.isEmpty() ? table : alias;
        }
    }

    /** Why a statement is not capturable. */
    record Refused(String reason) {}

    /** Either a shape or a refusal. */
    record Recognized(DmlShape shape, Refused refused) {
        static Recognized of(DmlShape shape) {
            return new Recognized(shape, null);
        }

        static Recognized refuse(String reason) {
            return new Recognized(null, new Refused(reason));
        }
    }

    static Recognized recognize(String sql) {
        List<Token> t = Lexer.tokens(sql);
        if (t.isEmpty()) {
            return Recognized.refuse("the statement is empty");
        }
        String first = t.get(0).upper();
        switch (first) {
            case "INSERT":
                return insert(sql, t);
            case "UPDATE":
                return modify(sql, t, false);
            case "DELETE":
                return modify(sql, t, true);
            case "WITH":
                return Recognized.refuse("a statement starting with WITH is not captured (a data-modifying WITH writes"
                        + " rows the capture cannot see in advance); write the WITH query into the statement's"
                        + " FROM/USING list or WHERE condition, or split it into separate statements");
            case "MERGE":
                return Recognized.refuse(
                        "MERGE is not captured; write it as separate UPDATE, INSERT and DELETE statements");
            case "TRUNCATE":
                return Recognized.refuse("TRUNCATE is not a row change and cannot be captured; use DELETE");
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ABORT":
                return Recognized.refuse("transaction control is not allowed in a captured change: the capture runs"
                        + " the whole script in one transaction itself; remove " + first);
            default:
                return Recognized.refuse("only INSERT, UPDATE and DELETE can be captured for rollback, not " + first
                        + "; run other statements as a separate change without rollback");
        }
    }

    private static Recognized insert(String sql, List<Token> t) {
        if (t.size() < 3 || !t.get(1).isWord("INTO")) {
            return Recognized.refuse("INSERT without INTO is not understood");
        }
        int[] name = name(t, 2);
        if (name == null) {
            return Recognized.refuse("the INSERT's target table is not understood");
        }
        for (int i = name[1]; i < t.size() - 1; i++) {
            Token tok = t.get(i);
            if (tok.depth() == 0 && tok.isWord("ON") && t.get(i + 1).isWord("CONFLICT")) {
                for (int j = i + 2; j < t.size() - 1; j++) {
                    if (t.get(j).depth() == 0
                            && t.get(j).isWord("DO")
                            && t.get(j + 1).isWord("UPDATE")) {
                        return Recognized.refuse("INSERT ... ON CONFLICT DO UPDATE is not captured: it updates"
                                + " rows found only while it runs; write it as an UPDATE of the existing rows and an"
                                + " INSERT ... ON CONFLICT DO NOTHING");
                    }
                }
            }
        }
        return Recognized.of(new Insert(text(sql, t, name[0], name[1]), Set.of()));
    }

    private static Recognized modify(String sql, List<Token> t, boolean delete) {
        int i = 1;
        if (delete) {
            if (t.size() < 3 || !t.get(1).isWord("FROM")) {
                return Recognized.refuse("DELETE without FROM is not understood");
            }
            i = 2;
        }
        boolean only = false;
        if (i < t.size() && t.get(i).isWord("ONLY")) {
            only = true;
            i++;
        }
        int[] name = name(t, i);
        if (name == null) {
            return Recognized.refuse("the statement's target table is not understood");
        }
        String table = text(sql, t, name[0], name[1]);
        i = name[1];
        if (i < t.size() && t.get(i).kind() == Kind.OPERATOR && t.get(i).text().equals("*")) {
            i++;
        }
        String alias = "";
        if (i < t.size() && t.get(i).isWord("AS")) {
            i++;
        }
        if (i < t.size()
                && (t.get(i).kind() == Kind.QUOTED_IDENT
                        || (t.get(i).kind() == Kind.WORD && !isClause(t.get(i), delete)))) {
            alias = t.get(i).text();
            i++;
        }
        if (!delete) {
            if (i >= t.size() || !t.get(i).isWord("SET")) {
                return Recognized.refuse("the UPDATE's SET clause is not where it was expected");
            }
            i++;
        }
        String fromWord = delete ? "USING" : "FROM";
        int fromStart = -1;
        int whereStart = -1;
        int returningStart = -1;
        for (int j = i; j < t.size(); j++) {
            Token tok = t.get(j);
            if (tok.depth() != 0) {
                continue;
            }
            if (tok.isWord(fromWord) && fromStart < 0 && whereStart < 0 && returningStart < 0) {
                if (!delete && j > 0 && t.get(j - 1).isWord("DISTINCT")) {
                    continue;
                }
                fromStart = j;
            } else if (tok.isWord("WHERE") && whereStart < 0 && returningStart < 0) {
                whereStart = j;
            } else if (tok.isWord("RETURNING") && returningStart < 0) {
                returningStart = j;
            }
        }
        int end = returningStart >= 0 ? returningStart : t.size();
        String from = "";
        if (fromStart >= 0) {
            int fromEnd = whereStart >= 0 ? whereStart : end;
            if (fromEnd <= fromStart + 1) {
                return Recognized.refuse("an empty " + fromWord + " list is not understood");
            }
            from = text(sql, t, fromStart + 1, fromEnd);
        }
        String where = "";
        if (whereStart >= 0) {
            if (whereStart + 2 < t.size()
                    && t.get(whereStart + 1).isWord("CURRENT")
                    && t.get(whereStart + 2).isWord("OF")) {
                return Recognized.refuse("WHERE CURRENT OF is not captured; select the rows by a condition instead");
            }
            if (end <= whereStart + 1) {
                return Recognized.refuse("an empty WHERE condition is not understood");
            }
            where = text(sql, t, whereStart + 1, end);
        }
        Set<String> called = new LinkedHashSet<>();
        int scanFrom = fromStart >= 0 ? fromStart : (whereStart >= 0 ? whereStart : end);
        for (int j = scanFrom; j < end; j++) {
            Token tok = t.get(j);
            if (tok.isWord("TABLESAMPLE")) {
                return Recognized.refuse(
                        "TABLESAMPLE is not captured: it may pick other rows each time; select rows by a condition");
            }
            if ((tok.kind() == Kind.WORD || tok.kind() == Kind.QUOTED_IDENT)
                    && j + 1 < t.size()
                    && t.get(j + 1).isPunct("(")) {
                called.add(unquote(tok));
            }
        }
        return Recognized.of(new Modify(delete, table, only, alias, from, where, Set.copyOf(called)));
    }

    private static boolean isClause(Token tok, boolean delete) {
        String w = tok.upper();
        return delete ? w.equals("USING") || w.equals("WHERE") || w.equals("RETURNING") : w.equals("SET");
    }

    /** A possibly qualified name starting at {@code i}: {@code [start, end)} token indexes, or {@code null}. */
    private static int[] name(List<Token> t, int i) {
        int start = i;
        while (true) {
            if (i >= t.size() || (t.get(i).kind() != Kind.WORD && t.get(i).kind() != Kind.QUOTED_IDENT)) {
                return null;
            }
            i++;
            if (i < t.size() && t.get(i).isPunct(".")) {
                i++;
            } else {
                return new int[] {start, i};
            }
        }
    }

    private static String text(String sql, List<Token> t, int from, int to) {
        return sql.substring(t.get(from).start(), t.get(to - 1).end());
    }

    static String unquote(Token tok) {
        if (tok.kind() == Kind.QUOTED_IDENT && tok.text().startsWith("\"")) {
            String s = tok.text();
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return tok.text().toLowerCase(Locale.ROOT);
    }

    /** The calls found, for messages. */
    static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }
}
