package io.dbchange.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewPoliciesTest {

    @Test
    void loadsBytebaseShapedYamlWithLevelsEnginesAndPayloads() {
        ReviewPolicy policy = ReviewPolicies.fromYaml("""
                rules:
                  - type: statement.where.require-update-delete
                    level: ERROR
                    engine: MYSQL
                  - type: naming.table
                    level: WARNING
                    payload:
                      format: "^[a-z_]+$"
                      maxLength: 30
                  - type: table.require-pk
                    level: DISABLED
                  - type: table.require-pk
                    level: ERROR
                    engine: TIDB
                """);
        assertThat(policy.settingsFor(Dialect.MYSQL))
                .extracting(RuleSetting::id)
                .containsExactly("statement.where.require-update-delete", "naming.table");
        assertThat(policy.settingsFor(Dialect.POSTGRESQL))
                .extracting(RuleSetting::id)
                .containsExactly("naming.table");
        RuleSetting naming = policy.settingsFor(Dialect.POSTGRESQL).get(0);
        assertThat(naming.level()).isEqualTo(Level.WARNING);
        assertThat(naming.payload().string("format")).isEqualTo("^[a-z_]+$");
        assertThat(naming.payload().number("maxLength")).isEqualTo(30);
    }

    @Test
    void loadsJsonAndPayloadsGivenAsJsonStrings() {
        ReviewPolicy policy = ReviewPolicies.fromJson("""
                {"rules": [{"type": "column.required", "level": "WARNING", "engine": "POSTGRES",
                            "payload": "{\\"list\\": [\\"id\\"]}"}]}
                """);
        assertThat(policy.settings()).singleElement().satisfies(s -> {
            assertThat(s.payload().list("list")).containsExactly("id");
            assertThat(s.dialects()).containsExactly(Dialect.POSTGRESQL);
        });
    }

    @Test
    void rejectsAnUnknownRuleTypeWithItsLine() {
        assertThatThrownBy(() -> ReviewPolicies.fromYaml("""
                        rules:
                          - type: table.require-pk
                            level: ERROR
                          - type: table.no-such-rule
                            level: ERROR
                        """))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("unknown review rule 'table.no-such-rule'")
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void rejectsABadRegexWithTheFieldAndReason() {
        assertThatThrownBy(() -> ReviewPolicies.fromYaml("""
                        rules:
                          - type: naming.table
                            level: WARNING
                            payload: {format: "^[a-z+$"}
                        """))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("payload field 'format' is not a valid regular expression");
    }

    @Test
    void rejectsAPayloadOfTheWrongTypeAndUnknownFields() {
        assertThatThrownBy(() -> ReviewPolicies.fromYaml("""
                        rules:
                          - type: statement.insert.row-limit
                            level: WARNING
                            payload: {number: "many"}
                        """))
                .hasMessageContaining("payload field 'number' must be a whole number");
        assertThatThrownBy(() -> ReviewPolicies.fromYaml("""
                        rules:
                          - type: table.require-pk
                            level: WARNING
                            payload: {number: 3}
                        """)).hasMessageContaining("unknown payload field 'number'");
    }

    @Test
    void rejectsUnknownLevelsEnginesAndMalformedText() {
        assertThatThrownBy(() -> ReviewPolicies.fromYaml("rules:\n  - type: table.require-pk\n    level: FATAL\n"))
                .hasMessageContaining("level 'FATAL'");
        assertThatThrownBy(() -> ReviewPolicies.fromYaml(
                        "rules:\n  - type: table.require-pk\n    level: ERROR\n    engine: DB2X\n"))
                .hasMessageContaining("unknown engine 'DB2X'");
        assertThatThrownBy(() -> ReviewPolicies.fromJson("{\"rules\": [ {\"type\": }"))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("not well-formed at line 1");
        assertThatThrownBy(() -> ReviewPolicies.fromYaml("rulez: []")).hasMessageContaining("must have a 'rules' list");
    }

    @Test
    void rejectsARuleForADialectItDoesNotServe() {
        assertThatThrownBy(() -> ReviewPolicies.fromYaml(
                        "rules:\n  - type: engine.mysql.use-innodb\n    level: ERROR\n    engine: POSTGRES\n"))
                .hasMessageContaining("does not apply to POSTGRESQL");
    }

    @Test
    void templatesCarryTheCatalogLevels() {
        ReviewPolicy prod = ReviewPolicies.template("prod");
        ReviewPolicy dev = ReviewPolicies.template("dev");
        assertThat(level(prod, Dialect.MYSQL, "table.no-foreign-key")).isEqualTo(Level.ERROR);
        assertThat(level(dev, Dialect.MYSQL, "table.no-foreign-key")).isEqualTo(Level.WARNING);
        assertThat(level(prod, Dialect.POSTGRESQL, "statement.where.require-update-delete"))
                .isEqualTo(Level.ERROR);
        assertThat(prod.settingsFor(Dialect.MYSQL)).extracting(RuleSetting::id).doesNotContain("pg.ban-drop-column");
        assertThat(prod.settingsFor(Dialect.POSTGRESQL))
                .extracting(RuleSetting::id)
                .contains("pg.ban-drop-column");
        assertThat(prod.settings().size()).isGreaterThan(dev.settings().size());
        assertThatThrownBy(() -> ReviewPolicies.template("staging")).hasMessageContaining("'prod' and 'dev'");
    }

    @Test
    void policiesBuiltInCodeValidateAtOnce() {
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule("table.require-pk", Level.ERROR)
                .rule("table.require-pk", Level.WARNING)
                .rule("index.key-number-limit", Level.WARNING, Map.of("number", 3))
                .build();
        assertThat(policy.settingsFor(Dialect.MYSQL))
                .extracting(RuleSetting::id, RuleSetting::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("table.require-pk", Level.WARNING),
                        org.assertj.core.groups.Tuple.tuple("index.key-number-limit", Level.WARNING));
        assertThatThrownBy(() ->
                        ReviewPolicy.builder().rule("index.key-number-limit", Level.ERROR, Map.of("number", List.of())))
                .hasMessageContaining("review rule 'index.key-number-limit'");
    }

    private static Level level(ReviewPolicy policy, Dialect dialect, String id) {
        return policy.settingsFor(dialect).stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow()
                .level();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"prod", "dev"})
    void a_template_read_without_yaml_is_the_policy_the_yaml_parser_reads(String name) throws Exception {
        String text;
        try (java.io.InputStream in = ReviewPolicies.class.getResourceAsStream("templates/" + name + ".yaml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        ReviewPolicy parsed = ReviewPolicies.fromYaml(text);

        assertThat(ReviewPolicies.template(name)).isEqualTo(parsed);
        for (io.dbchange.api.sql.Dialect dialect : io.dbchange.api.sql.Dialect.values()) {
            assertThat(ReviewPolicies.template(name, dialect).settings())
                    .as("%s for %s", name, dialect)
                    .isEqualTo(parsed.settingsFor(dialect))
                    .isNotEmpty();
        }
    }

    @Test
    void a_template_line_of_another_shape_fails_the_template_read() {
        assertThatThrownBy(() -> ReviewPolicies.readTemplate(
                        "broken",
                        "rules:\n  - type: table.require-pk\n    level: ERROR\n    engine: MYSQL\n    payload: {}\n",
                        java.util.EnumSet.allOf(io.dbchange.api.sql.Dialect.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 5");
    }
}
