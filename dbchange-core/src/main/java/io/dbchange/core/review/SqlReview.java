package io.dbchange.core.review;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.internal.JdbcLiveDatabase;
import io.dbchange.core.review.internal.WalkThroughCatalog;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import io.dbchange.core.review.statement.StatementParser;
import io.dbchange.core.review.statement.StatementParser.JSqlParserUse;
import io.dbchange.core.sql.SplitProblem;
import io.dbchange.core.sql.SplitScript;
import io.dbchange.core.sql.StatementSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The SQL review engine. Immutable and thread-safe; each {@link #review} call has its own parser and catalog.
 *
 * <pre>{@code
 * SqlReview review = SqlReview.of(Dialect.POSTGRESQL, ReviewPolicies.template("prod"));
 * ReviewResult result = review.review("DELETE FROM book;");
 * result.findings().forEach(System.out::println);
 * // ERROR statement.where.require-update-delete at 1:1 (statement #1): `DELETE FROM book` has no WHERE clause; ...
 * }</pre>
 *
 * <p>For each statement: parse it (JSqlParser, else our recognizer), run every rule the policy switches on for the
 * dialect against the catalog as it stands before the statement, then apply the statement to the catalog. Besides
 * the policy's rules the engine itself reports {@value #UNRECOGNIZED} (ERROR) for a statement neither parsing path
 * understood, {@value #SCRIPT_INVALID} (ERROR) for a script the splitter could not cut cleanly, and
 * {@value #RULE_FAILED} (ERROR) when a rule throws; review itself never throws for any SQL.
 */
public final class SqlReview {

    /** Rule id of the finding for a statement neither parsing path understood. */
    public static final String UNRECOGNIZED = "syntax.unrecognized";

    /** Rule id of the finding for a script that could not be split (e.g. an unterminated string). */
    public static final String SCRIPT_INVALID = "syntax.invalid-script";

    /** Rule id of the finding for a rule that threw. */
    public static final String RULE_FAILED = "review.rule-failed";

    private final Dialect dialect;
    private final ReviewPolicy policy;
    private final Optional<SchemaSnapshot> base;
    private final Duration parseTimeout;
    private final JSqlParserUse jsqlParserUse;
    private final Optional<Connection> connection;

    private SqlReview(
            Dialect dialect,
            ReviewPolicy policy,
            Optional<SchemaSnapshot> base,
            Duration parseTimeout,
            JSqlParserUse jsqlParserUse,
            Optional<Connection> connection) {
        this.dialect = dialect;
        this.policy = policy;
        this.base = base;
        this.parseTimeout = parseTimeout;
        this.jsqlParserUse = jsqlParserUse;
        this.connection = connection;
    }

    /** A review of {@code dialect} scripts with {@code policy}, starting from an empty schema. */
    public static SqlReview of(Dialect dialect, ReviewPolicy policy) {
        Objects.requireNonNull(dialect, "'dialect' must not be null");
        Objects.requireNonNull(policy, "'policy' must not be null");
        return new SqlReview(
                dialect,
                policy,
                Optional.empty(),
                StatementParser.DEFAULT_TIMEOUT,
                JSqlParserUse.FALLBACK,
                Optional.empty());
    }

    /** This review starting from {@code snapshot} instead of an empty schema (default: empty). */
    public SqlReview withBase(SchemaSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "'snapshot' must not be null");
        if (snapshot.dialect() != dialect) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "the base snapshot of database '" + snapshot.databaseName() + "' is " + snapshot.dialect()
                            + " but the review is " + dialect);
        }
        return new SqlReview(dialect, policy, Optional.of(snapshot), parseTimeout, jsqlParserUse, connection);
    }

    /** This review giving JSqlParser at most {@code timeout} per statement (default: 2 seconds). */
    public SqlReview withParseTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "'timeout' must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT, "'timeout' must be positive but was " + timeout);
        }
        return new SqlReview(dialect, policy, base, timeout, jsqlParserUse, connection);
    }

    /**
     * This review with JSqlParser used as {@code use} says (default: {@link JSqlParserUse#FALLBACK}, only for the
     * statements our recognizer has no shape for). The findings are the same either way; {@link
     * JSqlParserUse#EVERY_STATEMENT} costs about three times as much and makes {@link ParsedStatement#parsedBy()}
     * a census of which statements JSqlParser's grammar accepts.
     */
    public SqlReview withJSqlParser(JSqlParserUse use) {
        Objects.requireNonNull(use, "'use' must not be null");
        return new SqlReview(dialect, policy, base, parseTimeout, use, connection);
    }

    /**
     * This review with the target database at hand (default: none): rules that need it ({@code
     * statement.affected-row-limit}, {@code statement.dml-dry-run}, {@code table.limit-size}, {@code
     * advice.online-migration}) run {@code EXPLAIN} and read table statistics on {@code connection}; nothing is
     * changed. Without a connection those rules report a {@link Notice} "not checked: no connection" instead. The
     * connection is neither closed nor shared between threads by review, so use such a review from one thread at a
     * time.
     */
    public SqlReview withConnection(Connection connection) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        return new SqlReview(dialect, policy, base, parseTimeout, jsqlParserUse, Optional.of(connection));
    }

    /** Reviews one script. */
    public ReviewResult review(String script) {
        Objects.requireNonNull(script, "'script' must not be null");
        return reviewScripts(List.of(script), List.of(""));
    }

    /**
     * Reviews files in order as one change: the catalog walks through all of them, so a later file sees the tables
     * an earlier one created. Positions are per file; the statement index counts across files; {@link
     * ReviewResult#scriptOf} names the file of a finding, and a split problem names its file in its message.
     */
    public ReviewResult reviewFiles(List<Path> files) {
        List<String> scripts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            names.add(file.toString());
            try {
                scripts.add(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return reviewScripts(scripts, names);
    }

    private ReviewResult reviewScripts(List<String> scripts, List<String> names) {
        List<RuleSetting> settings = policy.settingsFor(dialect);
        WalkThroughCatalog catalog = new WalkThroughCatalog(dialect, base);
        List<Finding> findings = new ArrayList<>();
        List<ParsedStatement> parsed = new ArrayList<>();
        Set<Notice> notices = new LinkedHashSet<>();
        List<ReviewResult.Script> sources = new ArrayList<>();
        Optional<LiveDatabase> database = connection.map(c -> new JdbcLiveDatabase(c, dialect));
        int index = 0;
        try (StatementParser parser = StatementParser.forDialect(dialect, parseTimeout, jsqlParserUse)) {
            for (int s = 0; s < scripts.size(); s++) {
                SplitScript split = StatementSplitter.forDialect(dialect).split(scripts.get(s));
                String name = names.get(s);
                sources.add(
                        new ReviewResult.Script(name, index, split.statements().size()));
                for (SplitProblem problem : split.problems()) {
                    findings.add(new Finding(
                            SCRIPT_INVALID,
                            Level.ERROR,
                            (name.isEmpty() ? "" : name + ": ") + problem.message(),
                            OptionalInt.empty(),
                            Optional.of(problem.position())));
                }
                for (SqlStatement cut : split.statements()) {
                    SqlStatement statement =
                            new SqlStatement(index++, cut.sql(), cut.start(), cut.end(), cut.delimiter());
                    parsed.add(parser.parse(statement));
                }
            }
        }
        for (int i = 0; i < parsed.size(); i++) {
            ParsedStatement model = parsed.get(i);
            SqlStatement statement = model.statement();
            if (model.kind() == StatementKind.UNRECOGNIZED) {
                findings.add(Finding.at(
                        UNRECOGNIZED,
                        Level.ERROR,
                        "`" + model.shortText()
                                + "` is not a statement review understands ("
                                + model.problem().orElse("unknown")
                                + "); no rule checked it, so review it by hand",
                        statement));
            }
            List<ParsedStatement> previous = parsed.subList(0, i);
            List<ParsedStatement> following = parsed.subList(i + 1, parsed.size());
            for (RuleSetting setting : settings) {
                RuleContext context = new RuleContext(
                        setting.id(),
                        setting.level(),
                        setting.payload(),
                        dialect,
                        model,
                        previous,
                        following,
                        catalog,
                        database,
                        notices::add);
                try {
                    setting.rule().check(context, findings::add);
                } catch (RuntimeException e) {
                    findings.add(Finding.at(
                            RULE_FAILED,
                            Level.ERROR,
                            "rule " + setting.id() + " failed on this statement (" + e + "); review it by hand",
                            statement));
                }
            }
            try {
                catalog.apply(model);
            } catch (RuntimeException e) {
                // a statement the model got only partly: the catalog stays as it was
            }
        }
        findings.sort(Comparator.comparingInt((Finding f) -> f.statementIndex().orElse(Integer.MAX_VALUE))
                .thenComparingInt(f -> f.position().map(p -> p.offset()).orElse(Integer.MAX_VALUE)));
        return new ReviewResult(findings, parsed, List.copyOf(notices), sources);
    }
}
