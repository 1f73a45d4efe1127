package io.dbchange.postgres.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text of a partitioned table's {@code TableOptions.partitioning}: its partition key as
 * {@code pg_get_partkeydef} gives it, then its partitions, shaped like MySQL's clause so that the partitions are
 * part of the parent (their columns, indexes and constraints come from it and are not listed twice):
 * {@code RANGE (created) (PARTITION p2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'), PARTITION pdef DEFAULT)}.
 * A partition that is partitioned itself carries its own clause after its bound:
 * {@code PARTITION p1 FOR VALUES IN (1) PARTITION BY HASH (id) (PARTITION ...)}. A partition's name is its
 * quoted identifier, qualified with its schema when that differs from the parent's.
 *
 * @param key the partition key, e.g. {@code RANGE (created)}
 * @param partitions the partitions, sorted by name
 */
record PartitionClause(String key, List<Partition> partitions) {

    PartitionClause {
        partitions = List.copyOf(partitions);
    }

    /**
     * One partition.
     *
     * @param name its quoted, possibly schema-qualified name
     * @param bound {@code FOR VALUES ...} or {@code DEFAULT}
     * @param sub its own partitioning, if it is partitioned
     * @param indexes the {@code CREATE INDEX} statements of the indexes it has of its own (not from its parent),
     *     written after its bound as {@code INDEXES ('CREATE INDEX ..', ..)}
     * @param constraints the checks and foreign keys it has of its own, each as
     *     {@code CONSTRAINT name CHECK (..)} or {@code CONSTRAINT name FOREIGN KEY (..) REFERENCES schema.table (..)},
     *     written after its indexes as {@code CONSTRAINTS ('CONSTRAINT ..', ..)}
     */
    record Partition(
            String name, String bound, Optional<PartitionClause> sub, List<String> indexes, List<String> constraints) {
        Partition {
            indexes = List.copyOf(indexes);
            constraints = List.copyOf(constraints);
        }

        Partition(String name, String bound, Optional<PartitionClause> sub) {
            this(name, bound, sub, List.of(), List.of());
        }

        /** Its own checks, as {@code CONSTRAINT name CHECK (..)}. */
        List<String> checks() {
            return constraints.stream().filter(c -> !isForeignKey(c)).toList();
        }

        /** Its own foreign keys, as {@code CONSTRAINT name FOREIGN KEY (..) REFERENCES ..}. */
        List<String> foreignKeys() {
            return constraints.stream().filter(Partition::isForeignKey).toList();
        }

        /**
         * The same table: same name, bound and partition key, whatever its own indexes, constraints and partitions
         * (which can change in place).
         */
        boolean sameTable(Partition other) {
            return name.equals(other.name)
                    && bound.equals(other.bound)
                    && sub.map(PartitionClause::key).equals(other.sub.map(PartitionClause::key));
        }

        private static boolean isForeignKey(String constraint) {
            return constraint.substring(constraintNameEnd(constraint)).startsWith(" FOREIGN KEY ");
        }
    }

    /** The quoted name of {@code CONSTRAINT name ...}. */
    static String constraintName(String constraint) {
        return constraint.substring("CONSTRAINT ".length(), constraintNameEnd(constraint));
    }

    private static int constraintNameEnd(String constraint) {
        int at = "CONSTRAINT ".length();
        if (constraint.charAt(at) == '"') {
            at++;
            while (true) {
                int quote = constraint.indexOf('"', at);
                if (quote + 1 < constraint.length() && constraint.charAt(quote + 1) == '"') {
                    at = quote + 2;
                } else {
                    return quote + 1;
                }
            }
        }
        return constraint.indexOf(' ', at);
    }

    String text() {
        if (partitions.isEmpty()) {
            return key;
        }
        List<String> entries = new ArrayList<>();
        for (Partition p : partitions) {
            entries.add("PARTITION " + p.name() + " " + p.bound()
                    + literals(" INDEXES", p.indexes())
                    + literals(" CONSTRAINTS", p.constraints())
                    + p.sub().map(s -> " PARTITION BY " + s.text()).orElse(""));
        }
        return key + " (" + String.join(", ", entries) + ")";
    }

    private static String literals(String keyword, List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        return keyword + " ("
                + String.join(
                        ", ", values.stream().map(PostgresSchemaReader::literal).toList())
                + ")";
    }

    /** Parses what {@link #text()} wrote. */
    static PartitionClause parse(String text) {
        Scanner s = new Scanner(text);
        return s.clause();
    }

    private static final class Scanner {
        private final String text;
        private int at;

        Scanner(String text) {
            this.text = text;
        }

        /** A key: a word, a space and a parenthesized group; then an optional list of partitions. */
        PartitionClause clause() {
            int start = at;
            at = text.indexOf('(', at);
            at = groupEnd(at);
            String key = text.substring(start, at);
            List<Partition> partitions = new ArrayList<>();
            if (text.startsWith(" (PARTITION ", at)) {
                at += 2;
                while (true) {
                    partitions.add(partition());
                    if (text.startsWith(", ", at)) {
                        at += 2;
                    } else {
                        at++; // the closing parenthesis of the list
                        break;
                    }
                }
            }
            return new PartitionClause(key, partitions);
        }

        private Partition partition() {
            at += "PARTITION ".length();
            int start = at;
            boolean quoted = false;
            while (at < text.length() && (quoted || text.charAt(at) != ' ')) {
                if (text.charAt(at) == '"') {
                    quoted = !quoted;
                }
                at++;
            }
            String name = text.substring(start, at);
            at++;
            start = at;
            // the bound ends at the top-level ", " or ")" that ends the entry, or at its own PARTITION BY
            int depth = 0;
            boolean literal = false;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\'') {
                    literal = !literal;
                } else if (!literal && c == '(') {
                    depth++;
                } else if (!literal && c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (!literal
                        && depth == 0
                        && (text.startsWith(", ", at)
                                || text.startsWith(" PARTITION BY ", at)
                                || text.startsWith(" INDEXES ('", at)
                                || text.startsWith(" CONSTRAINTS ('", at))) {
                    break;
                }
                at++;
            }
            String bound = text.substring(start, at);
            List<String> indexes = literals(" INDEXES (");
            List<String> constraints = literals(" CONSTRAINTS (");
            Optional<PartitionClause> sub = Optional.empty();
            if (text.startsWith(" PARTITION BY ", at)) {
                at += " PARTITION BY ".length();
                sub = Optional.of(clause());
            }
            return new Partition(name, bound, sub, indexes, constraints);
        }

        /** The string literals of {@code keyword ('..', ..)} at the current position; none if it is not there. */
        private List<String> literals(String keyword) {
            List<String> values = new ArrayList<>();
            if (text.startsWith(keyword, at)) {
                at += keyword.length();
                while (text.charAt(at) == '\'') {
                    StringBuilder value = new StringBuilder();
                    at++;
                    while (true) {
                        char c = text.charAt(at++);
                        if (c == '\'') {
                            if (at < text.length() && text.charAt(at) == '\'') {
                                value.append('\'');
                                at++;
                            } else {
                                break;
                            }
                        } else {
                            value.append(c);
                        }
                    }
                    values.add(value.toString());
                    if (text.startsWith(", ", at)) {
                        at += 2;
                    }
                }
                at++; // the closing parenthesis
            }
            return values;
        }

        /** The index just past the parenthesis that closes the one at {@code open}. */
        private int groupEnd(int open) {
            int depth = 0;
            boolean literal = false;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'') {
                    literal = !literal;
                } else if (!literal && c == '(') {
                    depth++;
                } else if (!literal && c == ')' && --depth == 0) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("unbalanced parentheses in partitioning clause: " + text);
        }
    }
}
