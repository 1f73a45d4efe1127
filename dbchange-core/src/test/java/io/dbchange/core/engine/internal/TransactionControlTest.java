package io.dbchange.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.sql.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionControlTest {

    @ParameterizedTest(name = "{0}: {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            MYSQL      | START TRANSACTION                          | BEGIN
            MYSQL      | start transaction read only                | BEGIN
            MYSQL      | BEGIN                                      | BEGIN
            MYSQL      | begin work                                 | BEGIN
            MYSQL      | BEGIN NOT ATOMIC SELECT 1; END             | OTHER
            MYSQL      | COMMIT                                     | COMMIT
            MYSQL      | commit work and no chain                   | COMMIT
            MYSQL      | ROLLBACK                                   | ROLLBACK
            MYSQL      | /* undo */ rollback work                   | ROLLBACK
            MYSQL      | ROLLBACK TO SAVEPOINT s                    | OTHER
            MYSQL      | ROLLBACK WORK TO s                         | OTHER
            MYSQL      | END                                        | OTHER
            MYSQL      | START SLAVE                                | OTHER
            MYSQL      | INSERT INTO t VALUES ('COMMIT')            | OTHER
            POSTGRESQL | BEGIN ISOLATION LEVEL SERIALIZABLE         | BEGIN
            POSTGRESQL | begin transaction                          | BEGIN
            POSTGRESQL | END                                        | COMMIT
            POSTGRESQL | end transaction                            | COMMIT
            POSTGRESQL | COMMIT PREPARED 'x'                        | OTHER
            POSTGRESQL | ABORT                                      | ROLLBACK
            POSTGRESQL | ROLLBACK PREPARED 'x'                      | OTHER
            POSTGRESQL | ROLLBACK TRANSACTION TO SAVEPOINT s        | OTHER
            POSTGRESQL | -- done\\nCOMMIT                           | OTHER
            POSTGRESQL | SELECT 'ROLLBACK'                          | OTHER
            """)
    void classifiesTransactionStatementsByTheirKeywords(Dialect dialect, String sql, TransactionControl expected) {
        assertThat(TransactionControl.of(sql, dialect)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void skipsLeadingComments() {
        assertThat(TransactionControl.of("-- done\nCOMMIT", Dialect.POSTGRESQL)).isEqualTo(TransactionControl.COMMIT);
        assertThat(TransactionControl.of("# done\nROLLBACK", Dialect.MYSQL)).isEqualTo(TransactionControl.ROLLBACK);
    }
}
