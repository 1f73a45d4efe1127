package io.dbchange.core.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.testing.PropertySeeds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Planner}'s history versions: sortable by creation time, unique per request, safe characters only. */
class PlannerTest {

    private static final DateTimeFormatter EXPECTED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    static LongStream seeds() {
        return PropertySeeds.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theTimestampIsTheCreationTimeInUtcToTheMillisecond(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // years 0 to 9999, any nanosecond
        Instant at = Instant.ofEpochSecond(
                random.nextLong(-62_167_219_200L, 253_402_300_799L), random.nextInt(1_000_000_000));

        assertThat(Planner.timestamp(at)).isEqualTo(EXPECTED.format(at)).hasSize(17);
    }

    @Test
    void versionsSortByCreationTimeAndKeepOnlySafeCharactersOfTheId() {
        ChangeRequest early = request("req.1:a", Instant.parse("2026-03-04T05:06:07.089Z"));
        ChangeRequest late = request("req-2_x", Instant.parse("2026-03-04T05:06:07.090Z"));

        assertThat(Planner.version(early, ChangeOptions.DEFAULTS)).isEqualTo("20260304050607089.req-1-a");
        assertThat(Planner.version(late, ChangeOptions.DEFAULTS)).isEqualTo("20260304050607090.req-2_x");
        assertThat(Planner.version(early, ChangeOptions.DEFAULTS))
                .isLessThan(Planner.version(late, ChangeOptions.DEFAULTS));
    }

    @Test
    void aVersionIsAtMost64CharactersAndAGivenVersionWins() {
        ChangeRequest longId = request("x".repeat(100), Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(Planner.version(longId, ChangeOptions.DEFAULTS)).hasSize(64).startsWith("20260101000000000.xxx");
        assertThat(Planner.version(longId, ChangeOptions.DEFAULTS.withVersion("V42")))
                .isEqualTo("V42");
    }

    private static ChangeRequest request(String id, Instant createdAt) {
        List<DatabaseRef> targets = List.of(new DatabaseRef("mysql-prod", "tenant_1"));
        return new ChangeRequest(
                id,
                "shop",
                "t",
                "",
                ChangeType.SCHEMA,
                "SELECT 1",
                targets,
                "alice",
                ChangeRequestStatus.DRAFT,
                1,
                "sha256:" + id,
                createdAt,
                createdAt);
    }
}
