package io.dbchange.cli;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.ReviewPolicies;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.review.SqlReview;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dbchange review}: reviews SQL scripts file by file with {@link SqlReview} and reports the findings. Each
 * file is reviewed on its own (a file does not see the tables an earlier file created), so every finding belongs to
 * exactly one file. All inputs and the policy are read before anything is reviewed: a bad input exits with
 * {@value DbChangeCli#EXIT_USAGE} and no report.
 */
@Command(
        name = "review",
        mixinStandardHelpOptions = true,
        versionProvider = DbChangeCli.Version.class,
        description = "Review SQL scripts against a review policy.",
        footer = {
            "",
            "Exit codes: 0 clean (or warnings only), 1 warnings only with --fail-on warning,",
            "2 errors, 3 bad usage or input (unreadable file, bad policy, unknown engine,",
            "no connection to the --connection database).",
            "",
            "Environment: DBCHANGE_REVIEW_USER and DBCHANGE_REVIEW_PASSWORD for --connection."
        })
final class ReviewCommand implements Callable<Integer> {

    /** The file name of standard input in reports. */
    static final String STDIN_NAME = "<stdin>";

    enum Format {
        text,
        json,
        sarif
    }

    enum FailOn {
        error,
        warning
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--engine",
            required = true,
            paramLabel = "ENGINE",
            description = "mysql, mariadb, postgres or postgresql.")
    String engine;

    @Option(
            names = "--policy",
            defaultValue = "prod",
            paramLabel = "POLICY",
            description = "prod, dev, or a policy file (.yaml, .yml or .json). Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text, json or sarif (SARIF 2.1.0). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = "--fail-on",
            defaultValue = "error",
            paramLabel = "LEVEL",
            description = "error, or warning to exit 1 on warnings too. Default: ${DEFAULT-VALUE}.")
    FailOn failOn;

    @Option(
            names = "--connection",
            paramLabel = "JDBC_URL",
            description = "Review against this database: its schema is the starting catalog and the rules that need"
                    + " a live database run (EXPLAIN, table statistics); nothing is changed.")
    String connection;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "User for --connection. Default: $DBCHANGE_REVIEW_USER.")
    String user;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            description = "Password for --connection; prefer $DBCHANGE_REVIEW_PASSWORD, which no process list shows.")
    String password;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "SQL scripts; - reads standard input.")
    List<String> files;

    private final InputStream stdin;
    private final boolean colour;
    private final Map<String, String> environment;

    ReviewCommand(InputStream stdin, boolean colour, Map<String, String> environment) {
        this.stdin = stdin;
        this.colour = colour;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Timing.mark("options parsed");
        Dialect dialect = dialect(engine);
        ReviewPolicy reviewPolicy = policy(policy, dialect);
        Timing.mark("policy loaded");
        List<String> scripts = new ArrayList<>();
        for (String file : files) {
            scripts.add(read(file));
        }
        Timing.mark("files read");
        SqlReview review = SqlReview.of(dialect, reviewPolicy);
        List<FileReview> reviews;
        if (connection == null) {
            // files are reviewed independently, so they are spread over the cores; the report keeps the command's
            // order
            reviews = IntStream.range(0, files.size())
                    .parallel()
                    .mapToObj(i -> new FileReview(name(i), review.review(scripts.get(i))))
                    .toList();
        } else {
            reviews = reviewLive(review, dialect, scripts);
        }
        Timing.mark("reviewed");
        Report report = switch (format) {
            case text -> new TextReport(colour);
            case json -> new JsonReport();
            case sarif -> new SarifReport();
        };
        report.write(reviews, spec.commandLine().getOut());
        Timing.mark("report written");
        if (Report.count(reviews, Level.ERROR) > 0) {
            return DbChangeCli.EXIT_ERRORS;
        }
        if (failOn == FailOn.warning && Report.count(reviews, Level.WARNING) > 0) {
            return DbChangeCli.EXIT_WARNINGS;
        }
        return DbChangeCli.EXIT_CLEAN;
    }

    private String name(int file) {
        return files.get(file).equals("-") ? STDIN_NAME : files.get(file);
    }

    /**
     * Reviews each file against the live database: the schema read through the engine is each file's starting
     * catalog, and the live rules use the connection. One connection, so one file at a time.
     */
    private List<FileReview> reviewLive(SqlReview review, Dialect dialect, List<String> scripts) {
        String shown = LiveTarget.masked(connection);
        String login = Optional.ofNullable(user).orElse(environment.get(USER_ENV));
        String secret = Optional.ofNullable(password).orElse(environment.get(PASSWORD_ENV));
        try (LiveTarget target = LiveTarget.open(connection, login, secret)) {
            if (target.engine().dialect() != dialect) {
                throw new BadInput(
                        "--connection " + shown + " is a " + target.engine().name() + " database but --engine says "
                                + engine + "; use --engine " + target.engine().name());
            }
            SqlReview live = review.withBase(target.schema()).withConnection(target.connection());
            List<FileReview> reviews = new ArrayList<>();
            for (int i = 0; i < scripts.size(); i++) {
                reviews.add(new FileReview(name(i), live.review(scripts.get(i))));
            }
            return reviews;
        } catch (LiveTarget.Unavailable e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** The environment variable with the user for {@code --connection}. */
    static final String USER_ENV = "DBCHANGE_REVIEW_USER";

    /** The environment variable with the password for {@code --connection}. */
    static final String PASSWORD_ENV = "DBCHANGE_REVIEW_PASSWORD";

    private static Dialect dialect(String engine) {
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "mysql", "mariadb" -> Dialect.MYSQL;
            case "postgres", "postgresql" -> Dialect.POSTGRESQL;
            default ->
                throw new BadInput(
                        "unknown engine '" + engine + "'; use --engine mysql, mariadb, postgres or postgresql");
        };
    }

    private static ReviewPolicy policy(String policy, Dialect dialect) {
        if (policy.equals("prod") || policy.equals("dev")) {
            // the template's settings for this engine only: the other engine's rules are never created
            return ReviewPolicies.template(policy, dialect);
        }
        String lower = policy.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        if (!yaml && !lower.endsWith(".json")) {
            throw new BadInput("policy '" + policy
                    + "' is neither a template nor a policy file; use --policy prod, dev, or a file ending in"
                    + " .yaml, .yml or .json");
        }
        String text;
        try {
            text = Files.readString(Path.of(policy), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new BadInput("cannot read policy file " + policy + " (" + describe(e)
                    + "); check the path or use --policy prod or dev");
        }
        try {
            return yaml ? ReviewPolicies.fromYaml(text) : ReviewPolicies.fromJson(text);
        } catch (DbChangeException e) {
            throw new BadInput(
                    "invalid policy file " + policy + ": " + e.getMessage() + "; fix the file or use --policy prod");
        }
    }

    private String read(String file) {
        try {
            if (file.equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new BadInput("cannot read " + (file.equals("-") ? STDIN_NAME : file) + " (" + describe(e)
                    + "); check the path and that the file is readable UTF-8 text");
        }
    }

    private static String describe(Exception e) {
        return e instanceof java.nio.file.NoSuchFileException
                ? "no such file"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Bad input from the user: printed as one line on stderr, exit {@value DbChangeCli#EXIT_USAGE}. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }
}
