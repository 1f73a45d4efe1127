package io.dbchange.postgres.internal;

import io.dbchange.api.sql.Dialect;
import io.dbchange.core.engine.internal.SqlWords;
import java.util.List;
import java.util.Set;

/**
 * Recognises the PostgreSQL statements that cannot run inside a transaction block ("ERROR: ... cannot run inside a
 * transaction block"), by their keywords as {@link SqlWords} reads them: comments, white space and case do not
 * matter, and a keyword inside a string literal, quoted name or dollar-quoted body is never mistaken for one.
 *
 * <ul>
 *   <li>{@code CREATE [UNIQUE] INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY}
 *   <li>{@code REINDEX ... CONCURRENTLY} (also {@code REINDEX (CONCURRENTLY) ...}), {@code REINDEX DATABASE},
 *       {@code REINDEX SYSTEM}
 *   <li>{@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}
 *   <li>{@code VACUUM}, {@code CLUSTER} without a table
 *   <li>{@code CREATE DATABASE}, {@code DROP DATABASE}, {@code ALTER DATABASE ... SET TABLESPACE}
 *   <li>{@code CREATE TABLESPACE}, {@code DROP TABLESPACE}, {@code ALTER SYSTEM}
 *   <li>{@code CREATE SUBSCRIPTION}, {@code DROP SUBSCRIPTION}, {@code ALTER SUBSCRIPTION} changing publications
 *   <li>{@code DISCARD ALL}, {@code COMMIT PREPARED}, {@code ROLLBACK PREPARED}
 * </ul>
 *
 * <p>Some of these can run in a transaction in some forms (a subscription without a slot, for example); running a
 * statement alone is always allowed, so the list errs on that side.
 */
public final class NonTransactionalStatements {

    private static final Set<String> FALSE_WORDS = Set.of("FALSE", "OFF", "0");

    private NonTransactionalStatements() {}

    /** Whether the statement must run alone, outside a transaction block. */
    public static boolean mustRunOutsideTransaction(String sql) {
        List<String> words = SqlWords.leading(sql, Dialect.POSTGRESQL, 6);
        return switch (at(words, 0)) {
            case "VACUUM" -> true;
            case "CREATE" -> createOutside(words);
            case "DROP" ->
                switch (at(words, 1)) {
                    case "INDEX" -> at(words, 2).equals("CONCURRENTLY");
                    case "DATABASE", "TABLESPACE", "SUBSCRIPTION" -> true;
                    default -> false;
                };
            case "ALTER" -> alterOutside(sql, words);
            case "REINDEX" -> reindexOutside(SqlWords.all(sql, Dialect.POSTGRESQL));
            case "CLUSTER" -> clusterWithoutTable(words);
            case "DISCARD" -> at(words, 1).equals("ALL");
            case "COMMIT", "ROLLBACK" -> at(words, 1).equals("PREPARED");
            default -> false;
        };
    }

    private static boolean createOutside(List<String> words) {
        int next = at(words, 1).equals("UNIQUE") ? 2 : 1;
        return switch (at(words, next)) {
            case "INDEX" -> at(words, next + 1).equals("CONCURRENTLY");
            case "DATABASE", "TABLESPACE", "SUBSCRIPTION" -> true;
            default -> false;
        };
    }

    private static boolean alterOutside(String sql, List<String> words) {
        return switch (at(words, 1)) {
            case "SYSTEM" -> true;
            case "DATABASE" -> at(words, 3).equals("SET") && at(words, 4).equals("TABLESPACE");
            case "SUBSCRIPTION" -> at(words, 4).equals("PUBLICATION");
            case "TABLE" -> detachesConcurrently(SqlWords.all(sql, Dialect.POSTGRESQL));
            default -> false;
        };
    }

    /** {@code ALTER TABLE ... DETACH PARTITION name CONCURRENTLY}; the name may be qualified. */
    private static boolean detachesConcurrently(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).equals("DETACH") && tokens.get(i + 1).equals("PARTITION")) {
                int next = i + 3; // after the first part of the name
                while (at(tokens, next).equals(".")) {
                    next += 2;
                }
                return at(tokens, next).equals("CONCURRENTLY");
            }
        }
        return false;
    }

    /** {@code REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name}. */
    private static boolean reindexOutside(List<String> tokens) {
        int next = 1;
        if (at(tokens, next).equals("(")) {
            next++;
            while (next < tokens.size() && !tokens.get(next).equals(")")) {
                if (tokens.get(next).equals("CONCURRENTLY") && !FALSE_WORDS.contains(at(tokens, next + 1))) {
                    return true;
                }
                next++;
            }
            next++;
        }
        String kind = at(tokens, next);
        return kind.equals("DATABASE")
                || kind.equals("SYSTEM")
                || at(tokens, next + 1).equals("CONCURRENTLY");
    }

    /** {@code CLUSTER}, {@code CLUSTER VERBOSE}, {@code CLUSTER (VERBOSE)}: every clustered table of the database. */
    private static boolean clusterWithoutTable(List<String> words) {
        int next = 1;
        if (at(words, next).equals("(")) {
            while (next < words.size() && !words.get(next).equals(")")) {
                next++;
            }
            next++;
        } else if (at(words, next).equals("VERBOSE")) {
            next++;
        }
        return next >= words.size() || at(words, next).equals(";");
    }

    private static String at(List<String> tokens, int index) {
        return index < tokens.size() ? tokens.get(index) : "";
    }
}
