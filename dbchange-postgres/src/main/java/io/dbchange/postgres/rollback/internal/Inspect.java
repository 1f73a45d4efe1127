package io.dbchange.postgres.rollback.internal;

import io.dbchange.postgres.rollback.CapturedChange;
import io.dbchange.postgres.rollback.RollbackCheck;
import io.dbchange.postgres.rollback.ScriptChunk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The read-only and housekeeping entry points of the front door, kept out of the public package. */
public final class Inspect {

    private Inspect() {}

    public static RollbackCheck check(Connection c, List<String> statements) throws SQLException {
        return CaptureRunner.analyze(c, statements, true).check();
    }

    public static String settingsScript() {
        return Sql.EXACT_TEXT_SETTINGS_SCRIPT;
    }

    public static Optional<CapturedChange> find(Connection c, BackupStore store, String id) throws SQLException {
        return store.find(c, id).map(BackupStore.StoredCapture::toChange);
    }

    public static void readScript(Connection c, BackupStore store, String id, Consumer<ScriptChunk> consumer)
            throws SQLException {
        store.require(c, id);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, expected_rows, sql FROM "
                + store.table("script_chunk") + " WHERE capture_id = ? ORDER BY seq")) {
            ps.setFetchSize(16);
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(new ScriptChunk(rs.getInt(1), rs.getString(3), rs.getInt(2)));
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    public static int purgeExpired(Connection c, BackupStore store) throws SQLException {
        int removed = 0;
        for (String id : store.expired(c)) {
            if (discard(c, store, id)) {
                removed++;
            }
        }
        return removed;
    }

    public static boolean discard(Connection c, BackupStore store, String id) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            boolean existed = store.discard(c, id);
            c.commit();
            return existed;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
