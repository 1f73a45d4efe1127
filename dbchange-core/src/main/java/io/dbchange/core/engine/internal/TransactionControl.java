package io.dbchange.core.engine.internal;

import io.dbchange.api.sql.Dialect;
import java.util.List;

/**
 * What a statement of a script does to the transaction it runs in, judged by its leading keywords.
 *
 * <p>The script executor learns <em>whether</em> a transaction is open from the server (the session's status);
 * this classification only tells <em>how</em> an open transaction ended, which the status cannot: a
 * {@code ROLLBACK} discards the statements before it, a {@code COMMIT} keeps them.
 */
public enum TransactionControl {
    /** {@code START TRANSACTION} or {@code BEGIN [WORK | TRANSACTION]}. */
    BEGIN,
    /** {@code COMMIT [WORK] ...} (also {@code END} in PostgreSQL); not {@code COMMIT PREPARED}. */
    COMMIT,
    /** {@code ROLLBACK [WORK] ...} (also {@code ABORT} in PostgreSQL); not {@code ROLLBACK TO SAVEPOINT}, nor
     * {@code ROLLBACK PREPARED}. */
    ROLLBACK,
    /** Any other statement. */
    OTHER;

    /** Classifies a statement by its leading keywords, skipping comments and white space. */
    public static TransactionControl of(String sql, Dialect dialect) {
        List<String> words = SqlWords.leading(sql, dialect, 3);
        if (words.isEmpty()) {
            return OTHER;
        }
        String second = words.size() > 1 ? words.get(1) : "";
        String third = words.size() > 2 ? words.get(2) : "";
        // WORK / TRANSACTION are noise words after BEGIN, COMMIT, ROLLBACK, END and ABORT.
        String afterNoise = second.equals("WORK") || second.equals("TRANSACTION") ? third : second;
        switch (words.get(0)) {
            case "START":
                return second.equals("TRANSACTION") ? BEGIN : OTHER;
            case "BEGIN":
                // MariaDB's "BEGIN NOT ATOMIC ... END" is a compound statement, not a transaction start.
                return second.equals("NOT") ? OTHER : BEGIN;
            case "COMMIT":
                return second.equals("PREPARED") ? OTHER : COMMIT;
            case "END":
                return dialect == Dialect.POSTGRESQL ? COMMIT : OTHER;
            case "ROLLBACK":
                return afterNoise.equals("TO") || second.equals("PREPARED") ? OTHER : ROLLBACK;
            case "ABORT":
                return dialect == Dialect.POSTGRESQL ? ROLLBACK : OTHER;
            default:
                return OTHER;
        }
    }
}
