package io.dbchange.benchmarks;

import io.dbchange.api.sql.Dialect;
import io.dbchange.core.sql.SplitScript;
import io.dbchange.core.sql.StatementSplitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code benchmarks/run split [passes]}: splits every {@code .sql} file of the corpus (and lists its statements)
 * {@value #DEFAULT_PASSES} times after a warm-up, in one thread, and reports throughput in MB of script text
 * (10<sup>6</sup> bytes as stored, UTF-8) and statements per second.
 *
 * <p>The warm-up runs at least {@value #WARMUP_PASSES} passes and at least {@value #WARMUP_MILLIS} ms: a pass over
 * the corpus takes milliseconds, and a fixed number of passes left the JIT compiler unfinished.
 */
final class SplitScenario implements Scenario {

    static final int WARMUP_PASSES = 20;
    static final long WARMUP_MILLIS = 3000;
    static final int DEFAULT_PASSES = 50;

    @Override
    public String name() {
        return "split";
    }

    @Override
    public String summary() {
        return "split every corpus .sql file " + DEFAULT_PASSES + " times; MB/s and statements/s (arg: passes)";
    }

    @Override
    public int run(List<String> args) {
        int passes = args.isEmpty() ? DEFAULT_PASSES : Integer.parseInt(args.get(0));
        if (passes < 1) {
            throw new IllegalArgumentException("'passes' must be at least 1: " + passes);
        }
        Optional<Path> root = Corpus.locate();
        if (root.isEmpty()) {
            System.out.println("split: no corpus at " + Corpus.expectedLocation() + "; set -D" + Corpus.PROPERTY
                    + "=DIR (benchmarks/run passes $DBCHANGE_CORPUS_DIR) to a directory of .sql files");
            System.out.println("RESULT split skipped=corpus-absent");
            return 0;
        }
        List<Corpus.SqlFile> files = Corpus.load(root.get());
        if (files.isEmpty()) {
            System.out.println("split: no .sql file with mysql or postgres in its path under " + root.get());
            System.out.println("RESULT split skipped=corpus-absent");
            return 0;
        }
        Map<Dialect, StatementSplitter> splitters = new EnumMap<>(Dialect.class);
        for (Dialect dialect : Dialect.values()) {
            splitters.put(dialect, StatementSplitter.forDialect(dialect));
        }

        long[] nanos = new long[files.size()];
        int[] statements = new int[files.size()];
        List<String> unclean = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Corpus.SqlFile file = files.get(i);
            SplitScript script = splitters.get(file.dialect()).split(file.text());
            statements[i] = script.statements().size();
            if (!script.problems().isEmpty()) {
                unclean.add(file.name() + ": " + script.problems().get(0));
            }
        }
        long checksum = 0;
        int warmups = 0;
        long warmupEnd = System.nanoTime() + WARMUP_MILLIS * 1_000_000;
        while (warmups < WARMUP_PASSES || System.nanoTime() < warmupEnd) {
            checksum += splitAll(files, splitters, null);
            warmups++;
        }
        for (int pass = 0; pass < passes; pass++) {
            checksum += splitAll(files, splitters, nanos);
        }

        Map<String, Group> groups = new LinkedHashMap<>();
        Group total = new Group("total");
        for (int i = 0; i < files.size(); i++) {
            Corpus.SqlFile file = files.get(i);
            groups.computeIfAbsent(file.group(), Group::new).add(file.bytes(), statements[i], nanos[i]);
            total.add(file.bytes(), statements[i], nanos[i]);
        }
        System.out.printf(
                Locale.ROOT,
                "split: %d files under %s, %d passes after %d warm-up passes (checksum %d)%n",
                files.size(),
                root.get(),
                passes,
                warmups,
                checksum);
        System.out.printf(
                Locale.ROOT, "%-22s %6s %10s %10s %10s %9s%n", "group", "files", "KB", "stmts", "ms/pass", "MB/s");
        for (Group group : groups.values()) {
            group.print(passes);
        }
        total.print(passes);
        for (String problem : unclean) {
            System.out.println("warning: not split cleanly: " + problem);
        }
        double seconds = total.nanos / 1e9;
        System.out.printf(
                Locale.ROOT,
                "RESULT split mb_per_s=%.1f stmts_per_s=%.0f%n",
                total.bytes * (double) passes / 1e6 / seconds,
                total.statements * (double) passes / seconds);
        return 0;
    }

    /** Splits every file once; adds each file's time to {@code nanos} when given. Returns a statement count. */
    private static long splitAll(List<Corpus.SqlFile> files, Map<Dialect, StatementSplitter> splitters, long[] nanos) {
        long count = 0;
        for (int i = 0; i < files.size(); i++) {
            Corpus.SqlFile file = files.get(i);
            long start = System.nanoTime();
            count += splitters
                    .get(file.dialect())
                    .split(file.text())
                    .statements()
                    .size();
            if (nanos != null) {
                nanos[i] += System.nanoTime() - start;
            }
        }
        return count;
    }

    /** Totals for one line of the table. */
    private static final class Group {
        private final String name;
        private int files;
        private long bytes;
        private long statements;
        private long nanos;

        Group(String name) {
            this.name = name;
        }

        void add(long fileBytes, int fileStatements, long fileNanos) {
            files++;
            bytes += fileBytes;
            statements += fileStatements;
            nanos += fileNanos;
        }

        void print(int passes) {
            double seconds = nanos / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %6d %10.1f %10d %10.3f %9.1f%n",
                    name,
                    files,
                    bytes / 1e3,
                    statements,
                    nanos / 1e6 / passes,
                    bytes * (double) passes / 1e6 / seconds);
        }
    }
}
