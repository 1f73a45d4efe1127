package io.dbchange.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.review.Finding;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementParser.JSqlParserUse;
import io.dbchange.core.sql.StatementSplitter;
import io.dbchange.testing.PropertySeeds;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reviews the shared corpus with the {@code prod} template, and mutated corpus statements (truncated, tokens swapped
 * or duplicated) with every installed rule: no exception escapes, no rule fails.
 */
class CorpusReviewTest {

    private static final Map<Dialect, List<String>> STATEMENTS = new EnumMap<>(Dialect.class);

    @BeforeAll
    static void loadCorpus() {
        for (Corpus.CorpusFile file : Corpus.files()) {
            List<String> statements = STATEMENTS.computeIfAbsent(file.dialect(), d -> new ArrayList<>());
            for (SqlStatement s : StatementSplitter.forDialect(file.dialect())
                    .split(file.text())
                    .statements()) {
                statements.add(s.sql());
            }
        }
    }

    @Test
    void everyCorpusScriptReviewsWithTheProdTemplateWithoutARuleFailing() {
        ReviewPolicy prod = ReviewPolicies.template("prod");
        Map<String, Integer> byRule = new TreeMap<>();
        int reviewed = 0;
        for (Corpus.CorpusFile file : Corpus.files()) {
            ReviewResult result = SqlReview.of(file.dialect(), prod).review(file.text());
            reviewed += result.statements().size();
            assertThat(result.findings(SqlReview.RULE_FAILED))
                    .as(file.relative())
                    .isEmpty();
            assertThat(result.findings(SqlReview.UNRECOGNIZED))
                    .as(file.relative())
                    .isEmpty();
            for (Finding f : result.findings()) {
                byRule.merge(f.ruleId(), 1, Integer::sum);
            }
        }
        System.out.println("review corpus with prod: " + reviewed + " statements, findings by rule " + byRule);
        assertThat(reviewed).isPositive();
        assertThat(byRule).containsKey("table.require-pk").containsKey("pg.require-lock-timeout");
    }

    static LongStream seeds() {
        return PropertySeeds.seeds(40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mutatedCorpusStatementsNeverEscapeReview(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Dialect dialect = random.nextBoolean() ? Dialect.MYSQL : Dialect.POSTGRESQL;
        List<String> pool = STATEMENTS.get(dialect);
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            script.append(mutate(pool.get(random.nextInt(pool.size())), random)).append(";\n");
        }
        ReviewPolicy everything = everyRule();
        ReviewResult result = SqlReview.of(dialect, everything).review(script.toString());
        assertThat(result.findings(SqlReview.RULE_FAILED))
                .as("script:\n%s", script)
                .isEmpty();
        // mutated statements often defeat the recognizer, so this is where JSqlParser as a fallback is exercised
        ReviewResult everyStatement = SqlReview.of(dialect, everything)
                .withJSqlParser(JSqlParserUse.EVERY_STATEMENT)
                .review(script.toString());
        assertThat(result.findings())
                .as("findings with JSqlParser as a fallback vs on every statement, script:\n%s", script)
                .isEqualTo(everyStatement.findings());
        assertThat(result.statements())
                .extracting(ParsedStatement::kind)
                .isEqualTo(everyStatement.statements().stream()
                        .map(ParsedStatement::kind)
                        .toList());
    }

    @Test
    void jsqlParserAsAFallbackFindsWhatJSqlParserOnEveryStatementFindsOnTheCorpus() {
        ReviewPolicy prod = ReviewPolicies.template("prod");
        int statements = 0;
        for (Corpus.CorpusFile file : Corpus.files()) {
            ReviewResult fallback = SqlReview.of(file.dialect(), prod).review(file.text());
            ReviewResult every = SqlReview.of(file.dialect(), prod)
                    .withJSqlParser(JSqlParserUse.EVERY_STATEMENT)
                    .review(file.text());
            assertThat(fallback.findings()).as(file.relative()).isEqualTo(every.findings());
            statements += fallback.statements().size();
        }
        assertThat(statements).isPositive();
    }

    private static ReviewPolicy everyRule() {
        ReviewPolicy.Builder builder = ReviewPolicy.builder();
        for (ReviewRule rule : ReviewRules.installed().all()) {
            builder.rule(rule.descriptor().id(), io.dbchange.api.review.Level.WARNING);
        }
        return builder.build();
    }

    private static String mutate(String sql, SplittableRandom random) {
        String[] tokens = sql.split("(?<=\\s)|(?=\\s)|(?<=[(),])|(?=[(),])");
        List<String> list = new ArrayList<>(List.of(tokens));
        switch (random.nextInt(4)) {
            case 0 -> {
                return sql.substring(0, random.nextInt(sql.length() + 1)); // truncated anywhere
            }
            case 1 -> {
                if (list.size() > 1) {
                    int a = random.nextInt(list.size());
                    int b = random.nextInt(list.size());
                    String t = list.get(a);
                    list.set(a, list.get(b));
                    list.set(b, t);
                }
            }
            case 2 -> {
                int a = random.nextInt(list.size());
                list.add(a, list.get(a));
            }
            default -> {
                if (list.size() > 1) {
                    list.remove(random.nextInt(list.size()));
                }
            }
        }
        // the splitter cuts at ';', so the mutation must not introduce one: keep statements one each
        return String.join("", list).replace(";", " ");
    }
}
