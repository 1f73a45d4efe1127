package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.drift.AnomalyStatus;
import io.dbchange.api.drift.Resolution;
import io.dbchange.api.history.MigrationType;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.core.drift.DriftDetector;
import io.dbchange.core.drift.DriftReport;
import io.dbchange.core.drift.DriftTarget;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.schema.diff.ChangeKind;
import io.dbchange.core.schema.diff.ObjectPath;
import io.dbchange.core.schema.diff.ObjectType;
import io.dbchange.mysql.MySqlEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed scenario of issue 3 with the real pipeline: t1 is created by a change request rolled out through
 * {@link Pipeline} (which records the schema after it in history), the drift detector reads that history from the
 * pipeline's own store.
 */
class PipelineDriftIT {

    private final Estate estate = new Estate();

    @AfterEach
    void dropDatabases() {
        estate.close();
    }

    @Test
    void aTableCreatedThroughThePipelineDriftsBaselinesAndDriftsAgain() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        try (Pipeline pipeline = estate.pipeline().environments("test").build()) {
            ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                            Estate.PROJECT,
                            "Create t1",
                            ChangeType.SCHEMA,
                            "CREATE TABLE t1 (id integer PRIMARY KEY, name varchar(100));",
                            TargetSelector.matching("test", ".*"),
                            "alice")
                    .withOptions(ChangeOptions.DEFAULTS.withVersion("1")));
            pipeline.submit(cr.id(), "alice");
            assertThat(pipeline.awaitIdle(Duration.ofMinutes(2))).isTrue();
            assertThat(pipeline.history(db))
                    .singleElement()
                    .satisfies(h -> assertThat(h.record().schemaAfter()).isPresent());

            DriftDetector drift = DriftDetector.configure()
                    .metadataStore(pipeline.store())
                    .target(DriftTarget.of(db, new MySqlEngine(), estate.test(db)::openConnection))
                    .build();

            assertThat(drift.check(db)).isEmpty();

            estate.execute(db, "ALTER TABLE t1 ADD COLUMN age integer");
            DriftReport report = drift.check(db).orElseThrow();
            assertThat(report.changes())
                    .extracting(c -> c.path(), c -> c.kind())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            new ObjectPath(ObjectType.COLUMN, "", "t1", "age"), ChangeKind.ADDED));
            assertThat(report.restoreDdl()).isEqualTo("ALTER TABLE `t1` DROP COLUMN `age`;\n");

            drift.baseline(db, "alice", "age added by hand");
            assertThat(pipeline.history(db))
                    .extracting(h -> h.record().type())
                    .containsExactly(MigrationType.SCHEMA, MigrationType.BASELINE);
            assertThat(drift.anomalies(db)).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AnomalyStatus.RESOLVED);
                assertThat(a.resolution()).contains(Resolution.BASELINE);
            });
            assertThat(drift.check(db)).isEmpty();

            estate.execute(db, "ALTER TABLE t1 ADD COLUMN email varchar(200)");
            DriftReport second = drift.check(db).orElseThrow();
            assertThat(second.changes()).extracting(c -> c.path().name()).isEqualTo(List.of("email"));
            assertThat(drift.anomalies(db)).hasSize(2);
            assertThat(drift.openAnomaly(db)).contains(second.anomaly());
        }
    }
}
