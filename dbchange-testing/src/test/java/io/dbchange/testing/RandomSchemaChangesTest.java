package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.sql.Dialect;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RandomSchemaChangesTest {

    private static final Pattern REFERENCE = Pattern.compile("REFERENCES \"public\"\\.(\\w+) \\(");

    private static SchemaSnapshot start() {
        Table t0 = new Table(
                "t0",
                List.of(Column.of("id", "bigint", false), Column.of("c0", "integer", true)),
                Optional.of(PrimaryKey.of("t0_pkey", "id")),
                List.of(),
                List.of(),
                List.of(),
                TableOptions.NONE);
        Schema pub = new Schema(
                "public", List.of(t0), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        return new SchemaSnapshot(Dialect.POSTGRESQL, "db", Instant.EPOCH, List.of(pub));
    }

    /**
     * Along chains of changes, PostgreSQL partitioned tables and their partitions, the partitions' own indexes,
     * checks and foreign keys, and inheriting tables are made and changed, and what they refer to exists.
     */
    @Test
    void chainsOfPostgresChangesReachPartitionsAndInheritanceAndStayConsistent() {
        Set<String> seen = new HashSet<>();
        for (long seed : PropertySeeds.seeds(40).toArray()) {
            SplittableRandom random = new SplittableRandom(seed);
            SchemaSnapshot current = start();
            for (int step = 0; step < 8; step++) {
                current = RandomSchemaChanges.mutate(current, random, 1 + random.nextInt(3));
                Schema pub = current.schemas().get(0);
                for (Table t : pub.tables()) {
                    for (TableOptions.Parent p : t.options().inherits()) {
                        seen.add("child");
                        assertThat(pub.table(p.table()))
                                .as("parent of " + t.name())
                                .isPresent();
                    }
                    String partitioning = t.options().partitioning().orElse("");
                    if (partitioning.isEmpty()) {
                        continue;
                    }
                    seen.add("partitioned");
                    int partitions = partitioning.split("PARTITION ", -1).length - 1;
                    if (partitions != 2) {
                        seen.add("partitions added or dropped");
                    }
                    if (partitioning.contains(" INDEXES (")) {
                        seen.add("partition index");
                    }
                    if (partitioning.contains(" CHECK (")) {
                        seen.add("partition check");
                    }
                    Matcher m = REFERENCE.matcher(partitioning);
                    while (m.find()) {
                        seen.add("partition foreign key");
                        assertThat(pub.table(m.group(1)))
                                .as("table a partition of " + t.name() + " refers to")
                                .isPresent();
                    }
                }
            }
        }
        assertThat(seen)
                .contains(
                        "child",
                        "partitioned",
                        "partitions added or dropped",
                        "partition index",
                        "partition check",
                        "partition foreign key");
    }
}
