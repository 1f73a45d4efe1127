package io.dbchange.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionClauseTest {

    @Test
    void parsesWhatItWrites() {
        PartitionClause sub = new PartitionClause(
                "LIST (region)",
                List.of(
                        new PartitionClause.Partition("m_eu", "FOR VALUES IN ('eu, (x)', 'it''s')", Optional.empty()),
                        new PartitionClause.Partition(
                                "m_rest",
                                "DEFAULT",
                                Optional.empty(),
                                List.of(
                                        "CREATE INDEX a ON public.m_rest USING btree (x) WHERE (y <> 'it''s, (')",
                                        "CREATE INDEX b ON public.m_rest USING btree (z)"),
                                List.of(
                                        "CONSTRAINT \"a \"\"b\"\" c\" CHECK (y <> 'it''s, (')",
                                        "CONSTRAINT k FOREIGN KEY (a) REFERENCES \"x y\".t (id) ON DELETE CASCADE")),
                        new PartitionClause.Partition(
                                "m_only_constraints",
                                "FOR VALUES IN ('z')",
                                Optional.empty(),
                                List.of(),
                                List.of("CONSTRAINT c CHECK (z > 0)"))));
        PartitionClause clause = new PartitionClause(
                "RANGE (lower(name), taken)",
                List.of(
                        new PartitionClause.Partition(
                                "\"a b.c\"",
                                "FOR VALUES FROM (MINVALUE, '2024-01-01') TO ('x', MAXVALUE)",
                                Optional.empty()),
                        new PartitionClause.Partition(
                                "other.m2025",
                                "FOR VALUES FROM ('y', '2025-01-01') TO ('z', MAXVALUE)",
                                Optional.of(sub)),
                        new PartitionClause.Partition(
                                "m_hash", "FOR VALUES WITH (modulus 2, remainder 0)", Optional.empty())));
        assertThat(PartitionClause.parse(clause.text())).isEqualTo(clause);
        PartitionClause.Partition rest = sub.partitions().get(1);
        assertThat(rest.checks()).containsExactly("CONSTRAINT \"a \"\"b\"\" c\" CHECK (y <> 'it''s, (')");
        assertThat(rest.foreignKeys()).singleElement().asString().startsWith("CONSTRAINT k FOREIGN KEY");
        assertThat(PartitionClause.constraintName(rest.checks().get(0))).isEqualTo("\"a \"\"b\"\" c\"");
        assertThat(PartitionClause.constraintName(rest.foreignKeys().get(0))).isEqualTo("k");
        assertThat(PartitionClause.parse("HASH (id)")).isEqualTo(new PartitionClause("HASH (id)", List.of()));
    }
}
