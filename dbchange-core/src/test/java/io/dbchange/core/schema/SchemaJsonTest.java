package io.dbchange.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.testing.PropertySeeds;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaJsonTest {

    static LongStream seeds() {
        return PropertySeeds.seeds(300);
    }

    @Test
    void readsJsonWrittenBeforeTheRelationKindFieldsExisted() {
        SchemaSnapshot snapshot = SampleSnapshots.everyKind();
        String json = SchemaJson.write(snapshot);
        String old = json.replace(",\"materialized\":false", "")
                .replace("\"indexes\":[],\"materialized\":false,", "")
                .replace("\"inherits\":[],", "")
                .replace(",\"exclusionOperators\":[]", "")
                .replace("\"exclusionOperators\":[],", "");
        assertThat(old).doesNotContain("materialized", "inherits", "exclusionOperators");
        assertThat(SchemaJson.read(old)).isEqualTo(snapshot);
    }

    @Test
    void readsBackEveryKindOfObjectExactly() {
        SchemaSnapshot snapshot = SampleSnapshots.everyKind();

        assertThat(SchemaJson.read(SchemaJson.write(snapshot))).isEqualTo(snapshot);
    }

    @Test
    void writesEqualSnapshotsByteIdentically() {
        String first = SchemaJson.write(SampleSnapshots.everyKind());
        String second = SchemaJson.write(SampleSnapshots.everyKind());

        assertThat(first).isEqualTo(second);
        assertThat(first).startsWith("{\"databaseName\":\"app\",\"dialect\":\"POSTGRESQL\",\"schemas\":[");
        assertThat(first).contains("\"takenAt\":\"2026-01-02T03:04:05.123456Z\"");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void roundTripsRandomSnapshotsAndRewritesThemIdentically(long seed) {
        SchemaSnapshot snapshot = SampleSnapshots.random(new SplittableRandom(seed));

        String json = SchemaJson.write(snapshot);
        SchemaSnapshot read = SchemaJson.read(json);

        assertThat(read).isEqualTo(snapshot);
        assertThat(SchemaJson.write(read)).isEqualTo(json);
    }

    @Test
    void rejectsTextThatIsNotASnapshot() {
        assertThatThrownBy(() -> SchemaJson.read("{\"dialect\":\"MYSQL\",\"bogus\":1}"))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("not a schema snapshot")
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
    }
}
