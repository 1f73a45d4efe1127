package io.dbchange.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven rule tests from {@code src/test/resources/review-cases/*.cases}. A case reads:
 *
 * <pre>
 * === DELETE without WHERE is flagged
 * rule: statement.where.require-update-delete
 * dialect: MYSQL
 * payload: {"number": 2}          (optional, JSON)
 * sql:
 * DELETE FROM book;
 * expect: 1                        (lines, or line:column, of the rule's findings; "none" for no finding)
 * message: has no WHERE clause     (optional: text every finding's message contains)
 * </pre>
 *
 * The script runs through {@link SqlReview} with only that rule on, so walk-through cases (CREATE TABLE, then an
 * ALTER) see earlier statements.
 */
class RuleCasesTest {

    record Case(
            String file,
            String name,
            String rule,
            Dialect dialect,
            Map<String, Object> payload,
            String sql,
            List<String> expect,
            String message) {}

    @TestFactory
    Stream<DynamicTest> everyRuleCaseGivesExactlyTheExpectedFindings() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.rule() + ": " + c.name(), () -> run(c)));
    }

    @Test
    void everyInstalledRuleHasAFlaggingAndANonFlaggingCase() {
        Set<String> flagged = new HashSet<>();
        Set<String> passed = new HashSet<>();
        for (Case c : cases()) {
            String id = ReviewRules.installed()
                    .find(c.rule())
                    .orElseThrow()
                    .descriptor()
                    .id();
            (c.expect().isEmpty() ? passed : flagged).add(id);
        }
        List<String> ids = ReviewRules.installed().all().stream()
                .map(r -> r.descriptor().id())
                .toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(80);
        // builtin.walk-through-check acts only with a base snapshot, which cases do not have: SqlReviewTest covers
        // it; the rules that need a live database are covered on both servers by LiveReviewContract's subclasses
        // (statement.object-owner-check, PostgreSQL only, by PostgresLiveReviewIT)
        Set<String> elsewhere = Set.of(
                "builtin.walk-through-check",
                "statement.affected-row-limit",
                "statement.dml-dry-run",
                "table.limit-size",
                "advice.online-migration",
                "statement.object-owner-check");
        assertThat(ids.stream().filter(id -> !elsewhere.contains(id))).allSatisfy(id -> {
            assertThat(flagged).as("a case where %s flags", id).contains(id);
            assertThat(passed).as("a case where %s does not flag", id).contains(id);
        });
    }

    private static void run(Case c) {
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule(c.rule(), Level.WARNING, c.payload())
                .build();
        ReviewResult result = SqlReview.of(c.dialect(), policy).review(c.sql());
        assertThat(result.findings(SqlReview.UNRECOGNIZED))
                .as("unrecognized statements")
                .isEmpty();
        assertThat(result.findings(SqlReview.RULE_FAILED)).as("rule failures").isEmpty();
        // Findings carry the rule's canonical id, whichever spelling (id or legacy alias) the policy used.
        String id = ReviewRules.installed()
                .find(c.rule())
                .orElseThrow()
                .descriptor()
                .id();
        List<Finding> findings = result.findings(id);
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            boolean withColumn = i < c.expect().size() && c.expect().get(i).contains(":");
            actual.add(f.position()
                    .map(p -> withColumn ? p.line() + ":" + p.column() : "" + p.line())
                    .orElse("script"));
        }
        assertThat(actual)
                .as("finding lines of %s in %s; findings: %s", c.rule(), c.file(), findings)
                .isEqualTo(c.expect());
        if (c.message() != null) {
            assertThat(findings).allSatisfy(f -> assertThat(f.message()).contains(c.message()));
        }
        assertThat(findings).allSatisfy(f -> assertThat(f.level()).isEqualTo(Level.WARNING));
    }

    static List<Case> cases() {
        try {
            Path dir = Path.of(Objects.requireNonNull(RuleCasesTest.class.getResource("/review-cases"))
                    .toURI());
            List<Case> cases = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".cases"))
                        .sorted()
                        .toList()) {
                    cases.addAll(parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
            return cases;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Case> parse(String file, String text) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String block : text.split("(?m)^=== ")) {
            if (block.isBlank() || block.startsWith("#")) {
                continue;
            }
            String name = block.lines().findFirst().orElseThrow().strip();
            String rule = field(block, "rule");
            Dialect dialect = Dialect.valueOf(field(block, "dialect"));
            String payloadText = optionalField(block, "payload");
            Map<String, Object> payload =
                    payloadText == null ? Map.of() : new ObjectMapper().readValue(payloadText, Map.class);
            int sqlStart = block.indexOf("\nsql:\n") + 6;
            int sqlEnd = block.indexOf("\nexpect:");
            if (sqlStart < 6 || sqlEnd < sqlStart) {
                throw new IllegalStateException(file + ": case '" + name + "' needs 'sql:' and 'expect:'");
            }
            String sql = block.substring(sqlStart, sqlEnd + 1);
            String expectText = field(block, "expect");
            List<String> expect = expectText.equals("none") ? List.of() : List.of(expectText.split("\\s*,\\s*"));
            cases.add(new Case(file, name, rule, dialect, payload, sql, expect, optionalField(block, "message")));
        }
        return cases;
    }

    private static String field(String block, String key) {
        String value = optionalField(block, key);
        if (value == null) {
            throw new IllegalStateException("a case lacks '" + key + ":' in\n" + block);
        }
        return value;
    }

    private static String optionalField(String block, String key) {
        return block.lines()
                .filter(l -> l.startsWith(key + ":"))
                .findFirst()
                .map(l -> l.substring(key.length() + 1).strip())
                .orElse(null);
    }
}
