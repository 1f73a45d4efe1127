package io.dbchange.benchmarks;

import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.ReviewPolicies;
import io.dbchange.core.review.ReviewResult;
import io.dbchange.core.review.SqlReview;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code benchmarks/run review [copies]}: SQL review of the PostgreSQL files of the corpus's {@code temporal}
 * directory, each repeated {@value #DEFAULT_COPIES} times (about 3,300 statements), with the {@code prod} template,
 * three ways in the same run:
 *
 * <ol>
 *   <li>in-process, after a warm-up of at least {@value #WARMUP_MILLIS} ms: {@link SqlReview} on each file's text,
 *       best of {@value #RUNS} passes (statements per second);
 *   <li>one {@code dbchange review --engine postgres --format json} process over all the files (the CLI jar named
 *       by {@code -Ddbchange.cli.jar}, which {@code benchmarks/run} builds), median of {@value #RUNS} runs: as
 *       {@code dbchange-cli/dbchange} runs it ({@code cli_s}: client compiler only, serial collector, and an
 *       application class-data sharing archive made by a training run with {@code -XX:ArchiveClassesAtExit}), with
 *       the same options but no archive ({@code cli_nocds_s}), and as a plain {@code java -jar} ({@code
 *       cli_plain_s}); {@code start_s} is the launcher's time for one small file;
 *   <li>squawk ({@code squawk --reporter json}) on the same files, median of {@value #RUNS} runs. squawk comes from
 *       npm ({@code squawk-cli@}{@value #SQUAWK_VERSION}, pinned so that runs compare), installed into {@code
 *       ~/.cache/dbchange-benchmarks/squawk} on first use; a {@code squawk} on the {@code PATH} is not used, as its
 *       version is unknown.
 * </ol>
 *
 * Last line: {@code RESULT review inproc_stmts_per_s=... cli_s=... cli_cpu_s=... cli_plain_s=... cli_nocds_s=...
 * start_s=... squawk_s=... squawk_cpu_s=... squawk_stmts_per_s=... cli_vs_squawk=... cli_cpu_vs_squawk=...
 * inproc_vs_squawk=... unrecognized_pct=...}; {@code _cpu_s} figures are user + system CPU seconds, which a busy
 * machine inflates much less than wall time. Ratios: {@code cli_vs_squawk} is our wall time over
 * squawk's (goal at most 2), {@code inproc_vs_squawk} our statements per second over squawk's (goal at least 1.5).
 * Both processes write their JSON report to a file, so the figures include producing the report.
 */
final class ReviewScenario implements Scenario {

    static final int DEFAULT_COPIES = 10;
    static final int RUNS = 3;
    static final long WARMUP_MILLIS = 10_000;
    static final String SQUAWK_VERSION = "2.66.0";

    /** The JVM options {@code dbchange-cli/dbchange} runs the CLI with, besides its class-data sharing archive. */
    static final List<String> LAUNCHER_OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xlog:disable",
            "-Xlog:all=error:stderr",
            "-XX:+DisplayVMOutputToStderr");

    /**
     * The JDK 25+ {@code java} for the AOT-cache measurement ({@code cli_aot_s}): {@code $DBCHANGE_AOT_JAVA}, else
     * Temurin 25 where Debian-style machines put it; skipped when neither exists.
     */
    static final String AOT_JAVA_ENV = "DBCHANGE_AOT_JAVA";

    static final Path DEFAULT_AOT_JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    /** The system property naming the {@code dbchange} CLI jar. */
    static final String CLI_JAR_PROPERTY = "dbchange.cli.jar";

    @Override
    public String name() {
        return "review";
    }

    @Override
    public String summary() {
        return "review temporal's PostgreSQL files x" + DEFAULT_COPIES
                + " with prod: in-process, dbchange CLI, squawk (arg: copies)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        int copies = args.isEmpty() ? DEFAULT_COPIES : Integer.parseInt(args.get(0));
        if (copies < 1) {
            throw new IllegalArgumentException("'copies' must be at least 1: " + copies);
        }
        Optional<Path> root = Corpus.locate();
        List<Corpus.SqlFile> files = root.map(r -> Corpus.load(r).stream()
                        .filter(f ->
                                f.dialect() == Dialect.POSTGRESQL && f.name().startsWith("temporal/"))
                        .toList())
                .orElse(List.of());
        if (files.isEmpty()) {
            System.out.println("review: no PostgreSQL files under "
                    + Corpus.expectedLocation().resolve("temporal") + "; set -D" + Corpus.PROPERTY
                    + "=DIR (benchmarks/run passes $DBCHANGE_CORPUS_DIR)");
            System.out.println("RESULT review skipped=corpus-absent");
            return 0;
        }
        Path work = Files.createTempDirectory("dbchange-review-bench");
        try {
            List<Path> paths = writeCopies(files, copies, work);
            List<String> texts = new ArrayList<>();
            for (Path path : paths) {
                texts.add(Files.readString(path, StandardCharsets.UTF_8));
            }
            return measure(paths, texts, work);
        } finally {
            deleteTree(work);
        }
    }

    private int measure(List<Path> paths, List<String> texts, Path work) throws Exception {
        SqlReview review = SqlReview.of(Dialect.POSTGRESQL, ReviewPolicies.template("prod"));
        // the statement census, from one review of every file
        long statements = 0;
        long unrecognized = 0;
        long findings = 0;
        for (String text : texts) {
            ReviewResult result = review.review(text);
            statements += result.statements().size();
            findings += result.findings().size();
            for (ParsedStatement s : result.statements()) {
                if (s.kind() == StatementKind.UNRECOGNIZED) {
                    unrecognized++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "review: %d files (%d statements, %d findings with prod) in %s%n",
                paths.size(),
                statements,
                findings,
                work);

        // (a) in-process
        long warmups = 0;
        long warmupEnd = System.nanoTime() + WARMUP_MILLIS * 1_000_000;
        while (System.nanoTime() < warmupEnd) {
            reviewAll(review, texts);
            warmups += texts.size();
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            reviewAll(review, texts);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        double inprocPerSecond = statements / best;
        System.out.printf(
                Locale.ROOT,
                "  in-process: %.3f s per pass, %.0f statements/s (best of %d after %d warm-up reviews)%n",
                best,
                inprocPerSecond,
                RUNS,
                warmups);

        // (b) the CLI process: plain, with the launcher's JVM options, and with those plus its CDS archive
        Path jar = cliJar();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> reviewCommand = List.of(
                "-jar", jar.toString(), "review", "--engine", "postgres", "--policy", "prod", "--format", "json");
        List<String> fileArgs = paths.stream().map(Path::toString).toList();
        List<String> plain = command(List.of(java), reviewCommand);
        List<String> tuned = command(command(List.of(java), LAUNCHER_OPTIONS), reviewCommand);
        Timing plainRun = median(command(plain, fileArgs), work.resolve("cli-plain.json"));
        Timing tunedRun = median(command(tuned, fileArgs), work.resolve("cli-tuned.json"));
        Path archive = work.resolve("dbchange.jsa");
        List<String> training = command(List.of(java, "-XX:ArchiveClassesAtExit=" + archive), LAUNCHER_OPTIONS);
        runOnce(command(command(training, reviewCommand), fileArgs), work.resolve("training.json"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the CDS training run wrote no archive " + archive);
        }
        List<String> cds =
                command(command(List.of(java, "-XX:SharedArchiveFile=" + archive), LAUNCHER_OPTIONS), reviewCommand);
        Timing cdsRun = median(command(cds, fileArgs), work.resolve("cli-cds.json"));
        String one = paths.get(0).toString();
        Timing plainStart = median(command(plain, List.of(one)), work.resolve("one-plain.json"));
        Timing cdsStart = median(command(cds, List.of(one)), work.resolve("one-cds.json"));
        System.out.printf(
                Locale.ROOT,
                "  dbchange review: java -jar %.3f s (CPU %.3f s); with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                        + " %.3f s (CPU %.3f s); plus CDS archive (as dbchange-cli/dbchange runs it) %.3f s (CPU %.3f s)%n",
                plainRun.wall(),
                plainRun.cpu(),
                tunedRun.wall(),
                tunedRun.cpu(),
                cdsRun.wall(),
                cdsRun.cpu());
        System.out.printf(
                Locale.ROOT,
                "  dbchange review of one file (start-up): java -jar %.3f s (CPU %.3f s), as the launcher %.3f s"
                        + " (CPU %.3f s)%n",
                plainStart.wall(),
                plainStart.cpu(),
                cdsStart.wall(),
                cdsStart.cpu());
        double cliSeconds = cdsRun.wall();

        // (b') the same on JDK 25+ with an AOT cache (JEP 483/514/515), as the launcher runs it there
        Optional<Path> aotJava = Optional.ofNullable(System.getenv(AOT_JAVA_ENV))
                .map(Path::of)
                .or(() -> Optional.of(DEFAULT_AOT_JAVA))
                .filter(Files::isExecutable);
        Timing aotRun = new Timing(Double.NaN, Double.NaN);
        if (aotJava.isPresent()) {
            Path cache = work.resolve("dbchange.aot");
            String j25 = aotJava.get().toString();
            runOnce(
                    command(
                            command(
                                    command(List.of(j25, "-XX:AOTCacheOutput=" + cache), LAUNCHER_OPTIONS),
                                    reviewCommand),
                            fileArgs),
                    work.resolve("aot-training.json"));
            if (!Files.isRegularFile(cache)) {
                throw new IllegalStateException("the AOT training run wrote no cache " + cache);
            }
            List<String> aot = command(command(List.of(j25, "-XX:AOTCache=" + cache), LAUNCHER_OPTIONS), reviewCommand);
            aotRun = median(command(aot, fileArgs), work.resolve("cli-aot.json"));
            System.out.printf(
                    Locale.ROOT,
                    "  dbchange review on %s with an AOT cache: %.3f s (CPU %.3f s)%n",
                    j25,
                    aotRun.wall(),
                    aotRun.cpu());
        } else {
            System.out.println("  no JDK 25+ for the AOT-cache run (set " + AOT_JAVA_ENV + "): cli_aot_s skipped");
        }

        // (c) squawk
        Optional<Path> squawk = squawk();
        double squawkSeconds = Double.NaN;
        double squawkCpu = Double.NaN;
        if (squawk.isPresent()) {
            List<String> squawkCommand = List.of(squawk.get().toString(), "--reporter", "json");
            Timing squawkRun = median(command(squawkCommand, fileArgs), work.resolve("squawk.json"));
            squawkSeconds = squawkRun.wall();
            squawkCpu = squawkRun.cpu();
            System.out.printf(
                    Locale.ROOT,
                    "  squawk %s: %.3f s (CPU %.3f s), %.0f statements/s%n",
                    SQUAWK_VERSION,
                    squawkSeconds,
                    squawkCpu,
                    statements / squawkSeconds);
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT review inproc_stmts_per_s=%.0f cli_s=%.3f cli_cpu_s=%.3f cli_aot_s=%s cli_aot_cpu_s=%s"
                        + " cli_plain_s=%.3f cli_nocds_s=%.3f"
                        + " start_s=%.3f squawk_s=%s squawk_cpu_s=%s squawk_stmts_per_s=%s cli_vs_squawk=%s"
                        + " cli_cpu_vs_squawk=%s cli_aot_vs_squawk=%s inproc_vs_squawk=%s unrecognized_pct=%.2f%n",
                inprocPerSecond,
                cliSeconds,
                cdsRun.cpu(),
                figure("%.3f", aotRun.wall()),
                figure("%.3f", aotRun.cpu()),
                plainRun.wall(),
                tunedRun.wall(),
                cdsStart.wall(),
                figure("%.3f", squawkSeconds),
                figure("%.3f", squawkCpu),
                figure("%.0f", statements / squawkSeconds),
                figure("%.2f", cliSeconds / squawkSeconds),
                figure("%.2f", cdsRun.cpu() / squawkCpu),
                figure("%.2f", aotRun.wall() / squawkSeconds),
                figure("%.2f", inprocPerSecond / (statements / squawkSeconds)),
                100.0 * unrecognized / statements);
        return 0;
    }

    private static String figure(String format, double value) {
        return Double.isNaN(value) ? "skipped" : String.format(Locale.ROOT, format, value);
    }

    private static long reviewAll(SqlReview review, List<String> texts) {
        long count = 0;
        for (String text : texts) {
            count += review.review(text).findings().size();
        }
        return count;
    }

    /** Writes {@code copies} copies of every file under {@code work/copyNN/}, keeping the corpus's relative paths. */
    private static List<Path> writeCopies(List<Corpus.SqlFile> files, int copies, Path work) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int copy = 1; copy <= copies; copy++) {
            for (Corpus.SqlFile file : files) {
                Path path = work.resolve(String.format(Locale.ROOT, "copy%02d", copy))
                        .resolve(file.name());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.text(), StandardCharsets.UTF_8);
                paths.add(path);
            }
        }
        return paths;
    }

    private static Path cliJar() {
        String property = System.getProperty(CLI_JAR_PROPERTY);
        Path jar = Path.of("dbchange-cli/target/dbchange.jar").toAbsolutePath();
        if (property != null && !property.isBlank()) {
            jar = Path.of(property);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no dbchange CLI jar at " + jar
                    + "; run this scenario through benchmarks/run, which builds it, or set -D" + CLI_JAR_PROPERTY);
        }
        return jar;
    }

    /** squawk from the benchmark cache, installed there with npm when missing; empty (with the reason) if npm fails. */
    private static Optional<Path> squawk() throws InterruptedException {
        Path prefix = Path.of(System.getProperty("user.home"), ".cache", "dbchange-benchmarks", "squawk");
        Path binary = prefix.resolve("node_modules/.bin/squawk");
        if (Files.isExecutable(binary) && version(binary).contains(SQUAWK_VERSION)) {
            return Optional.of(binary);
        }
        System.out.println("  installing squawk-cli@" + SQUAWK_VERSION + " with npm into " + prefix + " ...");
        try {
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder(
                            "npm",
                            "install",
                            "--no-save",
                            "--prefix",
                            prefix.toString(),
                            "squawk-cli@" + SQUAWK_VERSION)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isExecutable(binary)) {
                System.out.println("  squawk: npm install failed, peer skipped:\n" + out.strip());
                return Optional.empty();
            }
        } catch (IOException e) {
            System.out.println("  squawk: cannot run npm (" + e.getMessage() + "), peer skipped; install Node.js");
            return Optional.empty();
        }
        return Optional.of(binary);
    }

    private static String version(Path binary) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(1, TimeUnit.MINUTES);
            return out;
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> command(List<String> head, List<String> files) {
        List<String> command = new ArrayList<>(head);
        command.addAll(files);
        return command;
    }

    /** Wall-clock and CPU (user + system, all threads and child processes) seconds of a run. */
    record Timing(double wall, double cpu) {}

    /** Medians of {@link #RUNS} runs after one unmeasured run (which fills the file cache). */
    private static Timing median(List<String> command, Path output) throws Exception {
        runOnce(command, output);
        double[] wall = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            Timing t = runOnce(command, output);
            wall[i] = t.wall();
            cpu[i] = t.cpu();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Timing(wall[RUNS / 2], cpu[RUNS / 2]);
    }

    /**
     * Runs {@code command} with its standard output into {@code output} and returns its wall time and CPU time.
     * Exit codes 0 to 2 mean "reviewed" for both tools (findings make them exit non-zero); anything else is a
     * failure. The command runs under bash, whose {@code times} reports the CPU the command used: on a machine
     * shared with other work the wall time swells, the CPU time much less.
     */
    private static Timing runOnce(List<String> command, Path output) throws Exception {
        Path errors = output.resolveSibling(output.getFileName() + ".err");
        List<String> timed = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times >&2; exit $rc", "bash"));
        timed.addAll(command);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(timed)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() > 2) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(6, command.size())))
                    + " ... exited " + process.exitValue() + ": "
                    + Files.readString(errors).strip());
        }
        if (Files.size(output) == 0) {
            throw new IllegalStateException(command.get(0) + " wrote no report");
        }
        return new Timing(seconds, childCpu(Files.readAllLines(errors)));
    }

    /** The CPU seconds of bash's children from the last line of {@code times} ({@code 0m2.190s 0m0.280s}). */
    private static double childCpu(List<String> lines) {
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s").matcher(last);
        double cpu = 0;
        int found = 0;
        while (m.find()) {
            cpu += Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
            found++;
        }
        if (found != 2) {
            throw new IllegalStateException("cannot read the CPU time from bash's times: '" + last + "'");
        }
        return cpu;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
