package io.dbchange.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnAndObjectsTest {

    static Column column(
            Optional<String> defaultExpression, Optional<Column.Generated> generated, Column.Identity identity) {
        return new Column(
                "c", "bigint", false, defaultExpression, generated, identity, Optional.empty(), Optional.empty(), "");
    }

    @Test
    void aColumnHasAtMostOneOfDefaultGeneratedAndIdentity() {
        Optional<String> zero = Optional.of("0");
        Optional<Column.Generated> twice = Optional.of(new Column.Generated("a * 2", Column.Storage.STORED));

        assertThat(column(zero, Optional.empty(), Column.Identity.NONE).defaultExpression())
                .isEqualTo(zero);
        assertThat(column(Optional.empty(), twice, Column.Identity.NONE).generated())
                .isEqualTo(twice);
        assertThat(column(Optional.empty(), Optional.empty(), Column.Identity.AUTO_INCREMENT)
                        .identity())
                .isEqualTo(Column.Identity.AUTO_INCREMENT);
        assertThatThrownBy(() -> column(zero, twice, Column.Identity.NONE)).hasMessageContaining("at most one of");
        assertThatThrownBy(() -> column(zero, Optional.empty(), Column.Identity.ALWAYS))
                .hasMessageContaining("at most one of");
        assertThatThrownBy(() -> column(Optional.empty(), twice, Column.Identity.BY_DEFAULT))
                .hasMessageContaining("at most one of");
    }

    @Test
    void aColumnHasANameAndAType() {
        assertThatThrownBy(() -> Column.of("", "int", true)).hasMessage("'name' must not be empty");
        assertThatThrownBy(() -> Column.of("a", " ", true)).hasMessage("'type' must not be blank");
        assertThatThrownBy(() -> column(Optional.of(""), Optional.empty(), Column.Identity.NONE))
                .hasMessage("'defaultExpression' must not be blank");
        assertThat(Column.of(" ", "int", true).name()).isEqualTo(" ");
    }

    @Test
    void aSequenceStepsAndStartsWithinItsBounds() {
        assertThat(new Sequence("s", "bigint", 1, 1, 1, Long.MAX_VALUE, false).start())
                .isEqualTo(1);
        assertThat(new Sequence("down", "bigint", -1, -1, Long.MIN_VALUE, -1, false).increment())
                .isEqualTo(-1);
        assertThatThrownBy(() -> new Sequence("s", "bigint", 1, 0, 1, 10, false))
                .hasMessage("sequence 's' must have a non-zero 'increment'");
        assertThatThrownBy(() -> new Sequence("s", "bigint", 1, 1, 10, 1, false))
                .hasMessage("sequence 's' has 'minValue' 10 greater than 'maxValue' 1");
        assertThatThrownBy(() -> new Sequence("s", "bigint", 0, 1, 1, 10, false))
                .hasMessage("sequence 's' has 'start' 0 outside [1, 10]");
    }

    @Test
    void anEnumTypeHasEachLabelOnce() {
        assertThat(new EnumType("mood", List.of("sad", "ok", "happy")).values()).containsExactly("sad", "ok", "happy");
        assertThatThrownBy(() -> new EnumType("mood", List.of("ok", "ok")))
                .hasMessage("'values' holds label 'ok' more than once");
    }

    @Test
    void aTriggerFiresOnEachOperationOnce() {
        assertThatThrownBy(() -> new Trigger("t", "a", Trigger.Timing.BEFORE, List.of(), "..."))
                .hasMessage("'operations' must not be empty");
        assertThatThrownBy(() -> new Trigger(
                        "t",
                        "a",
                        Trigger.Timing.BEFORE,
                        List.of(Trigger.Operation.UPDATE, Trigger.Operation.UPDATE),
                        "..."))
                .hasMessage("'operations' holds operation 'UPDATE' more than once");
    }

    @Test
    void objectsRequireTheirDefinitions() {
        assertThatThrownBy(() -> new View("v", "")).hasMessage("'definition' must not be blank");
        assertThatThrownBy(() -> new Routine(Routine.Kind.PROCEDURE, "p", "", "BEGIN END"))
                .hasMessage("'signature' must not be blank");
        assertThatThrownBy(() -> new Event("e", " ", "DELETE FROM log", true))
                .hasMessage("'schedule' must not be blank");
        assertThatThrownBy(() -> new CheckConstraint("c", "")).hasMessage("'expression' must not be blank");
        assertThatThrownBy(() -> new DomainType(
                        "d",
                        "text",
                        true,
                        Optional.empty(),
                        List.of(new CheckConstraint("c", "1"), new CheckConstraint("c", "2"))))
                .hasMessage("'checks' holds check constraint name 'c' more than once");
    }

    @Test
    void tableOptionsAreOptionalButNotBlank() {
        assertThat(TableOptions.NONE.comment()).isEmpty();
        assertThatThrownBy(() -> new TableOptions(
                        Optional.of(""), Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.empty()))
                .hasMessage("'engine' must not be blank");
    }
}
