package io.dbchange.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    static final String LONGEST_DEFINED = "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    @ParameterizedTest
    @ValueSource(strings = {"a", "prod", "billing-db", "eu_west_1", "x9", "a-", LONGEST_DEFINED})
    void acceptsLowerCaseSlugsAsDefinedIds(String id) {
        assertThat(Ids.isDefinedId(id)).isTrue();
        assertThat(Ids.requireDefinedId("environmentId", id)).isSameAs(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Prod", "1prod", "-prod", "_x", "pro d", "prod.eu", "prod/eu", "é", "prod\n"})
    void rejectsOtherDefinedIdsNamingTheFieldAndSyntax(String id) {
        assertThat(Ids.isDefinedId(id)).isFalse();
        assertThatThrownBy(() -> Ids.requireDefinedId("environmentId", id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'environmentId' must be 1 to 64 characters: a lower-case letter, then lower-case letters,"
                        + " digits, '-' or '_' ([a-z][a-z0-9_-]{0,63}), but was '" + id + "'");
    }

    @Test
    void limitsDefinedIdsTo64Characters() {
        assertThat(LONGEST_DEFINED).hasSize(64);
        assertThat(Ids.isDefinedId(LONGEST_DEFINED + "c")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "cr-1", "3f2b8c1e-9d4a-4c1b-8a3e-0123456789ab", "TASK_7", "node:1", "v1.2", "A"})
    void acceptsStoreGeneratedIds(String id) {
        assertThat(Ids.isGeneratedId(id)).isTrue();
        assertThat(Ids.requireGeneratedId("taskId", id)).isSameAs(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", ".x", "a b", "a/b", "a'b", "a\"b", "ü"})
    void rejectsGeneratedIdsThatNeedEscaping(String id) {
        assertThat(Ids.isGeneratedId(id)).isFalse();
        assertThatThrownBy(() -> Ids.requireGeneratedId("taskId", id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'taskId' must be 1 to 128 characters")
                .hasMessageEndingWith("but was '" + id + "'");
    }

    @Test
    void limitsGeneratedIdsTo128Characters() {
        assertThat(Ids.isGeneratedId("a".repeat(128))).isTrue();
        assertThat(Ids.isGeneratedId("a".repeat(129))).isFalse();
    }

    @Test
    void rejectsNullNamingTheField() {
        assertThat(Ids.isDefinedId(null)).isFalse();
        assertThat(Ids.isGeneratedId(null)).isFalse();
        assertThatThrownBy(() -> Ids.requireDefinedId("projectId", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("'projectId' must not be null");
        assertThatThrownBy(() -> Ids.requireGeneratedId("runId", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("'runId' must not be null");
    }
}
