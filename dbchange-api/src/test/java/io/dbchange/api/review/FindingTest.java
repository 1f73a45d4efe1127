package io.dbchange.api.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FindingTest {

    static final SqlStatement SECOND = new SqlStatement(
            1, "CREATE TABLE t (a int)", new SourcePosition(10, 3, 1), new SourcePosition(32, 3, 23), ";");

    @Test
    void aStatementFindingPointsAtTheStatement() {
        Finding finding = Finding.at("table.require-pk", Level.ERROR, "table 't' has no primary key", SECOND);

        assertThat(finding.statementIndex()).hasValue(1);
        assertThat(finding.position()).contains(new SourcePosition(10, 3, 1));
        assertThat(finding).hasToString("ERROR table.require-pk at 3:1 (statement #2): table 't' has no primary key");
    }

    @Test
    void aFindingMayPointInsideTheStatement() {
        Finding finding = Finding.at(
                "column.no-null", Level.WARNING, "column 'a' is nullable", SECOND, new SourcePosition(26, 3, 17));

        assertThat(finding.position()).contains(new SourcePosition(26, 3, 17));
        assertThat(finding.statementIndex()).hasValue(1);
    }

    @Test
    void aScriptFindingPointsNowhere() {
        Finding finding = Finding.ofScript(
                "statement.maximum-statements-in-transaction", Level.WARNING, "12 statements; at most 10");

        assertThat(finding.statementIndex()).isEmpty();
        assertThat(finding.position()).isEmpty();
        assertThat(finding)
                .hasToString("WARNING statement.maximum-statements-in-transaction: 12 statements; at most 10");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "table.require-pk",
                "statement.where.require-update-delete",
                "engine.mysql.use-innodb",
                "syntax",
                "naming.index.uk",
                "acme.no-drop-2"
            })
    void acceptsDottedRuleIds(String ruleId) {
        assertThat(Finding.ofScript(ruleId, Level.ERROR, "m").ruleId()).isEqualTo(ruleId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Table.require-pk", "table..pk", ".table", "table.", "table.require_pk", "table pk"})
    void rejectsOtherRuleIds(String ruleId) {
        assertThatThrownBy(() -> Finding.ofScript(ruleId, Level.ERROR, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("but was '" + ruleId + "'");
    }

    @Test
    void rejectsOverlongRuleIds() {
        String ruleId = "a".repeat(129);
        assertThatThrownBy(() -> Finding.ofScript(ruleId, Level.ERROR, "m")).hasMessageContaining("at most 128");
    }

    @Test
    void requiresAMessageALevelAndANonNegativeIndex() {
        assertThatThrownBy(() -> Finding.ofScript("syntax", Level.ERROR, " "))
                .hasMessage("'message' must not be blank");
        assertThatThrownBy(() -> Finding.ofScript("syntax", null, "m")).hasMessage("'level' must not be null");
        assertThatThrownBy(() -> new Finding("syntax", Level.ERROR, "m", OptionalInt.of(-1), Optional.empty()))
                .hasMessage("'statementIndex' must not be negative but was -1");
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "WARNING, WARNING, WARNING, true",
        "WARNING, ERROR,   ERROR,   false",
        "ERROR,   WARNING, ERROR,   true",
        "ERROR,   ERROR,   ERROR,   true",
    })
    void errorIsMoreSevereThanWarning(Level a, Level b, Level max, boolean aIsAtLeastB) {
        assertThat(a.max(b)).isEqualTo(max);
        assertThat(a.isAtLeast(b)).isEqualTo(aIsAtLeastB);
        assertThat(a.compareTo(b) >= 0).isEqualTo(aIsAtLeastB);
    }
}
