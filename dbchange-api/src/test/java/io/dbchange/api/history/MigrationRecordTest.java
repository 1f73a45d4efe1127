package io.dbchange.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.sql.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationRecordTest {

    static final DatabaseRef SHOP = new DatabaseRef("prod-pg", "shop");
    static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

    static MigrationRecord record(
            String version,
            MigrationStatus status,
            Optional<Instant> endedAt,
            Duration duration,
            long affectedRows,
            Optional<String> requestId,
            Optional<String> taskId) {
        return new MigrationRecord(
                SHOP,
                version,
                MigrationType.SCHEMA,
                "add orders.note",
                "ALTER TABLE orders ADD note text",
                "sha256:ab12",
                Optional.empty(),
                Optional.empty(),
                status,
                START,
                endedAt,
                duration,
                affectedRows,
                "alice",
                requestId,
                taskId);
    }

    static MigrationRecord done(String version) {
        return record(
                version,
                MigrationStatus.DONE,
                Optional.of(START.plusSeconds(2)),
                Duration.ofSeconds(2),
                0,
                Optional.of("cr-1"),
                Optional.of("7"));
    }

    @Test
    void holdsSchemaBeforeAndAfter() {
        SchemaSnapshot before =
                new SchemaSnapshot(Dialect.POSTGRESQL, "shop", START, List.of(Schema.of("public", List.of())));
        MigrationRecord record = new MigrationRecord(
                SHOP,
                "1",
                MigrationType.BASELINE,
                "",
                "",
                "sha256:0",
                Optional.of(before),
                Optional.of(before),
                MigrationStatus.DONE,
                START,
                Optional.of(START),
                Duration.ZERO,
                0,
                "bob",
                Optional.empty(),
                Optional.empty());

        assertThat(record.schemaAfter()).contains(before);
        assertThat(record.requestId()).isEmpty();
    }

    @Test
    void aPendingMigrationHasNotEnded() {
        MigrationRecord pending = record(
                "1", MigrationStatus.PENDING, Optional.empty(), Duration.ZERO, 0, Optional.empty(), Optional.empty());
        assertThat(pending.endedAt()).isEmpty();

        assertThatThrownBy(() -> record(
                        "1",
                        MigrationStatus.PENDING,
                        Optional.of(START),
                        Duration.ZERO,
                        0,
                        Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("'endedAt' is present exactly when the migration has ended");
        assertThatThrownBy(() -> record(
                        "1",
                        MigrationStatus.PENDING,
                        Optional.empty(),
                        Duration.ofMillis(1),
                        0,
                        Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("'duration' of a PENDING migration must be zero");
    }

    @ParameterizedTest
    @EnumSource(value = MigrationStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void anEndedMigrationHasAnEndNotBeforeItsStart(MigrationStatus status) {
        assertThatThrownBy(() ->
                        record("1", status, Optional.empty(), Duration.ZERO, 0, Optional.empty(), Optional.empty()))
                .hasMessageContaining("'endedAt' is present exactly when the migration has ended");
        assertThatThrownBy(() -> record(
                        "1",
                        status,
                        Optional.of(START.minusSeconds(1)),
                        Duration.ZERO,
                        0,
                        Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("must not be before 'startedAt'");
    }

    @Test
    void rejectsNegativeCountsAndDurations() {
        assertThatThrownBy(() -> record(
                        "1",
                        MigrationStatus.DONE,
                        Optional.of(START),
                        Duration.ofSeconds(-1),
                        0,
                        Optional.empty(),
                        Optional.empty()))
                .hasMessage("'duration' must not be negative but was PT-1S");
        assertThatThrownBy(() -> record(
                        "1",
                        MigrationStatus.DONE,
                        Optional.of(START),
                        Duration.ZERO,
                        -1,
                        Optional.empty(),
                        Optional.empty()))
                .hasMessage("'affectedRows' must not be negative but was -1");
    }

    @Test
    void aTaskIdRequiresARequestId() {
        assertThatThrownBy(() -> record(
                        "1",
                        MigrationStatus.DONE,
                        Optional.of(START),
                        Duration.ZERO,
                        0,
                        Optional.empty(),
                        Optional.of("7")))
                .hasMessage("'taskId' 7 requires a 'requestId'");
        assertThatThrownBy(() -> record(
                        "1",
                        MigrationStatus.DONE,
                        Optional.of(START),
                        Duration.ZERO,
                        0,
                        Optional.of("cr 1"),
                        Optional.empty()))
                .hasMessageContaining("'requestId' must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "20250101120000", "1.2.10", "0042_add_orders", "v2-rc.1"})
    void acceptsVersions(String version) {
        assertThat(done(version).version()).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".1", "-1", "1 2", "1/2", "ü"})
    void rejectsVersionsThatAreNotSortableTokens(String version) {
        assertThatThrownBy(() -> done(version))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("but was '" + version + "'");
    }

    @Test
    void requiresAChecksumAndAPrincipal() {
        assertThatThrownBy(() -> new MigrationRecord(
                        SHOP,
                        "1",
                        MigrationType.DATA,
                        "",
                        "DELETE FROM t WHERE id = 1",
                        "",
                        Optional.empty(),
                        Optional.empty(),
                        MigrationStatus.PENDING,
                        START,
                        Optional.empty(),
                        Duration.ZERO,
                        0,
                        "alice",
                        Optional.empty(),
                        Optional.empty()))
                .hasMessage("'checksum' must not be blank");
        assertThatThrownBy(() -> new MigrationRecord(
                        SHOP,
                        "1",
                        MigrationType.DATA,
                        "",
                        "DELETE FROM t WHERE id = 1",
                        "c",
                        Optional.empty(),
                        Optional.empty(),
                        MigrationStatus.PENDING,
                        START,
                        Optional.empty(),
                        Duration.ZERO,
                        0,
                        "",
                        Optional.empty(),
                        Optional.empty()))
                .hasMessage("'principal' must not be blank");
    }
}
