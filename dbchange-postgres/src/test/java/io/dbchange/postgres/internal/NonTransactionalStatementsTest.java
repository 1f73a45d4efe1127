package io.dbchange.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NonTransactionalStatementsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            CREATE INDEX CONCURRENTLY i ON t (c)
            create unique index concurrently if not exists i on t (c)
            ~-- build online\n/* really */ CREATE INDEX CONCURRENTLY i ON t (c)~
            DROP INDEX CONCURRENTLY IF EXISTS i
            REINDEX INDEX CONCURRENTLY i
            REINDEX TABLE CONCURRENTLY public.t
            REINDEX (VERBOSE) TABLE CONCURRENTLY t
            REINDEX (CONCURRENTLY) TABLE t
            REINDEX (CONCURRENTLY true, VERBOSE) SCHEMA s
            REINDEX DATABASE app
            REINDEX SYSTEM
            VACUUM
            vacuum (verbose, analyze) t
            CLUSTER
            CLUSTER VERBOSE
            CREATE DATABASE app
            DROP DATABASE IF EXISTS app WITH (FORCE)
            ALTER DATABASE app SET TABLESPACE fast
            CREATE TABLESPACE fast LOCATION '/ssd'
            DROP TABLESPACE fast
            ALTER SYSTEM SET work_mem = '64MB'
            ALTER TABLE orders DETACH PARTITION orders_2020 CONCURRENTLY
            ALTER TABLE IF EXISTS ONLY "Sales".orders DETACH PARTITION "Sales"."Orders 2020" CONCURRENTLY
            CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p
            ALTER SUBSCRIPTION s REFRESH PUBLICATION
            DROP SUBSCRIPTION s
            DISCARD ALL
            COMMIT PREPARED 'tx1'
            ROLLBACK PREPARED 'tx1'
            """)
    void recognisesAStatementThatCannotRunInATransactionBlock(String sql) {
        assertThat(NonTransactionalStatements.mustRunOutsideTransaction(sql)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            CREATE INDEX i ON t (c)
            CREATE INDEX concurrently_named ON t (c)
            DROP INDEX i
            REINDEX INDEX i
            REINDEX (CONCURRENTLY false) TABLE t
            REINDEX TABLE t
            CLUSTER t USING i
            CLUSTER VERBOSE t
            ANALYZE t
            CREATE TABLE t (id INT)
            ALTER DATABASE app SET work_mem = '64MB'
            ALTER TABLE orders DETACH PARTITION orders_2020
            ALTER TABLE orders DETACH PARTITION orders_2020 FINALIZE
            ALTER TABLE t ADD COLUMN concurrently INT
            DISCARD PLANS
            COMMIT
            REFRESH MATERIALIZED VIEW CONCURRENTLY v
            INSERT INTO log VALUES ('CREATE INDEX CONCURRENTLY i ON t (c)')
            SELECT $$VACUUM$$
            ~/* VACUUM */ SELECT 1~
            ~-- DROP DATABASE app\nSELECT 1~
            ~~
            """)
    void letsEveryOtherStatementRunInTheScriptsTransaction(String sql) {
        assertThat(NonTransactionalStatements.mustRunOutsideTransaction(sql)).isFalse();
    }
}
