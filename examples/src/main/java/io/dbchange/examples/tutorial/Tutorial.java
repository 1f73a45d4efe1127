package io.dbchange.examples.tutorial;

import io.dbchange.testing.TestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The README's first command: three stories of governed database change on embedded databases, told through the
 * public API the way a team embeds dbchange, each step checked against what it should produce.
 *
 * <ol>
 *   <li>{@link ChangeWorkflowStory}: change workflow, data rollback and drift on MariaDB (steps 1 to 4);
 *   <li>{@link RiskApprovalStory}: risk-adjusted approval on two MariaDB servers (steps 5 to 7);
 *   <li>{@link PostgresStory}: schema change with a PostgreSQL safety finding and its fix, data rollback (8 to 10).
 * </ol>
 *
 * <p>Options: {@code --json} prints one JSON document instead of text; {@code --ascii} avoids non-ASCII glyphs.
 * Exits with status 1 when any step did not go as told, 2 on bad usage.
 *
 * <pre>{@code
 * ./mvnw -q -Pdemo -pl examples -am package                        # text
 * ./mvnw -q -Pdemo -pl examples -am package -Ddemo.args=--json     # JSON
 * }</pre>
 */
public final class Tutorial {

    private static final Set<String> OPTIONS = Set.of("--json", "--ascii");

    /**
     * The binary log reader logs each connection at INFO through java.util.logging, in the middle of the story.
     * Kept in a field: java.util.logging holds loggers weakly, and a collected logger forgets its level.
     */
    private static final Logger BINLOG_LOG = Logger.getLogger("com.github.shyiko.mysql.binlog");

    private Tutorial() {}

    public static void main(String[] args) {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the tutorial, writing to {@code out}; starts and stops its own servers.
     *
     * @return 0 when every step went as told, 1 when one did not, 2 for unknown options
     */
    public static int run(String[] args, PrintStream out) {
        BINLOG_LOG.setLevel(Level.WARNING);
        List<String> options = List.of(args);
        if (!OPTIONS.containsAll(options)) {
            System.err.println("usage: Tutorial [--json] [--ascii]; unknown: "
                    + options.stream().filter(o -> !OPTIONS.contains(o)).toList());
            return 2;
        }
        Narrator narrator = options.contains("--json")
                ? Narrator.json(out)
                : Narrator.text(
                        out,
                        !options.contains("--ascii") && Narrator.unicodeStdout(),
                        System.console() != null && System.getenv("NO_COLOR") == null);
        long started = System.nanoTime();
        narrator.title("dbchange tutorial: governed database change on embedded MariaDB and PostgreSQL");
        Path scripts = temporaryDirectory();
        Servers servers = null;
        try {
            long starting = System.nanoTime();
            servers = Servers.start();
            narrator.setup(
                    "servers",
                    "MySQL Test: " + servers.mysqlTest.description() + "\nMySQL Prod: "
                            + servers.mysqlProd.description() + "\nPostgreSQL: " + servers.postgres.description()
                            + "\n(started in parallel in " + seconds(System.nanoTime() - starting) + ")");
            new ChangeWorkflowStory(servers, narrator, scripts).tell();
            new RiskApprovalStory(servers, narrator).tell();
            new PostgresStory(servers, narrator).tell();
        } catch (RuntimeException e) {
            narrator.cleanup(false, "the tutorial stopped: " + e);
        } finally {
            if (servers != null) {
                servers.close();
            }
            delete(scripts);
        }
        if (servers != null) {
            List<TestServer> listening =
                    servers.all().stream().filter(Servers::listening).toList();
            narrator.cleanup(
                    listening.isEmpty(), "servers stopped" + (listening.isEmpty() ? "" : ": still up " + listening));
        }
        List<String> threads = leftoverThreads();
        narrator.cleanup(threads.isEmpty(), "no threads left running" + (threads.isEmpty() ? "" : ": " + threads));
        boolean ok = narrator.finish(Duration.ofNanos(System.nanoTime() - started));
        return ok ? 0 : 1;
    }

    /**
     * Threads that would keep the JVM alive, other than this one, in this thread's group (under
     * {@code exec:java} the program's own group; Maven's threads are not ours to judge). Stopped pools may take a
     * moment to end their threads, so this waits up to five seconds for them.
     */
    private static List<String> leftoverThreads() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> left;
        do {
            Thread[] threads = new Thread[group.activeCount() + 16];
            int n = group.enumerate(threads, true);
            left = Stream.of(threads)
                    .limit(n)
                    .filter(t -> t != Thread.currentThread() && t.isAlive() && !t.isDaemon())
                    .map(Thread::getName)
                    .filter(name -> !name.equals("DestroyJavaVM"))
                    .toList();
            if (left.isEmpty()) {
                return left;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return left;
            }
        } while (System.nanoTime() < deadline);
        return left;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("dbchange-tutorial-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
