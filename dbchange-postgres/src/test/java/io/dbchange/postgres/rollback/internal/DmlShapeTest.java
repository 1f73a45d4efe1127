package io.dbchange.postgres.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmlShapeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UPDATE t SET a = 1 WHERE id = 2                                   | t        | false |      |                | id = 2
            UPDATE ONLY s."T" AS x SET a = b IS DISTINCT FROM c FROM u WHERE x.id = u.id RETURNING * | s."T" | true | x | u | x.id = u.id
            DELETE FROM t                                                     | t        | false |      |                |
            DELETE FROM t tt USING (SELECT 1 AS id) v WHERE tt.id = v.id      | t        | false | tt   | (SELECT 1 AS id) v | tt.id = v.id
            UPDATE t SET a = (SELECT max(x) FROM y WHERE z) WHERE a > 'WHERE' | t        | false |      |                | a > 'WHERE'
            DELETE FROM t WHERE $$ RETURNING $$ = b /* WHERE */ RETURNING id  | t        | false |      |                | $$ RETURNING $$ = b
            """)
    void cutsTheTargetAliasListAndConditionFromTheStatementText(
            String sql, String table, boolean only, String alias, String from, String where) {
        DmlShape.Recognized r = DmlShape.recognize(sql);
        assertThat(r.refused()).isNull();
        DmlShape.Modify m = (DmlShape.Modify) r.shape();
        assertThat(m.table()).isEqualTo(table);
        assertThat(m.only()).isEqualTo(only);
        assertThat(m.alias()).isEqualTo(alias == null ? "" : alias);
        assertThat(m.from()).isEqualTo(from == null ? "" : from);
        assertThat(m.where()).isEqualTo(where == null ? "" : where);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET v = 2 | ON CONFLICT DO UPDATE
            WITH x AS (SELECT 1) UPDATE t SET a = 1                       | WITH
            UPDATE t SET a = 1 WHERE CURRENT OF c                         | CURRENT OF
            DELETE FROM t USING u TABLESAMPLE SYSTEM (5) WHERE t.id = u.id | TABLESAMPLE
            MERGE INTO t USING u ON true WHEN MATCHED THEN DELETE          | MERGE
            SELECT 1                                                       | only INSERT, UPDATE and DELETE
            SAVEPOINT a                                                    | transaction control
            """)
    void refusesShapesItCannotRetarget(String sql, String reason) {
        assertThat(DmlShape.recognize(sql).refused().reason()).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            INSERT INTO t SELECT random() FROM u ON CONFLICT DO NOTHING | t
            INSERT INTO "s"."t" (a) VALUES ('ON CONFLICT DO UPDATE')   | "s"."t"
            """)
    void acceptsInsertsWhoseRowsAreReadAfterwards(String sql, String table) {
        assertThat(DmlShape.recognize(sql).shape().table()).isEqualTo(table);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UPDATE t SET a = random() WHERE id = 1                      |
            UPDATE t SET a = 1 WHERE id = floor(random() * 10)          | floor,random
            DELETE FROM t USING generate_series(1, 3) g WHERE t.id = g  | generate_series
            DELETE FROM t WHERE "Odd"(id) AND 'f(x)' = b                | Odd
            """)
    void collectsTheFunctionsTheCaptureReEvaluates(String sql, String names) {
        assertThat(DmlShape.sorted(DmlShape.recognize(sql).shape().calledNames()))
                .containsExactly(names == null ? new String[0] : names.split(","));
    }
}
