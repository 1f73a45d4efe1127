package io.dbchange.postgres.rollback.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.postgres.rollback.CaptureOptions;
import io.dbchange.postgres.rollback.CapturedChange;
import io.dbchange.postgres.rollback.ConflictingRow;
import io.dbchange.postgres.rollback.RollbackConflictException;
import io.dbchange.postgres.rollback.RollbackErrorCode;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies a generated rollback script in one transaction, through the same capture as any change (so that the
 * rollback can itself be rolled back), with every statement's row count checked against the count it must change.
 * A short count means a row no longer holds what the change wrote: the transaction is rolled back and the backup
 * tables are compared with the live rows to list every conflicting row.
 */
public final class RollbackApplier {

    private final BackupStore store;
    private final CaptureRunner runner;
    private final int maxListed;

    public RollbackApplier(BackupStore store, CaptureRunner runner, int maxListed) {
        this.store = store;
        this.runner = runner;
        this.maxListed = maxListed;
    }

    public CapturedChange apply(Connection c, String id, Optional<String> approvedSha256, CaptureOptions options)
            throws SQLException {
        BackupStore.StoredCapture capture = store.require(c, id);
        if (!capture.status().equals("CAPTURED")) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_REFUSED,
                    "capture '" + id + "' was already rolled back by capture '"
                            + capture.rolledBackBy().orElse("?")
                            + "'; applying it again would overwrite later data. To undo the rollback, generate and"
                            + " apply the rollback of '"
                            + capture.rolledBackBy().orElse("?") + "'");
        }
        if (capture.scriptSha256().isEmpty()) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_REFUSED,
                    "capture '" + id + "' has no generated rollback script; generate it (and have it approved) first");
        }
        String sha = capture.scriptSha256().get();
        if (approvedSha256.isPresent() && !approvedSha256.get().equalsIgnoreCase(sha)) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_REFUSED,
                    "the rollback script of capture '" + id + "' (sha256 " + sha + ") is not the one approved (sha256 "
                            + approvedSha256.get() + "); it was generated again since; review and approve it again");
        }
        for (BackupStore.StoredTable t : capture.tables()) {
            checkUnchanged(c, t);
        }
        CaptureOptions effective = options;
        if (options.coverOnlyNamedTables().isEmpty() && !capture.uncovered().isEmpty()) {
            // The change ran with consent; its rollback touches the same tables under the same consent.
            effective = options.withCoverOnlyNamedTables("inherited from capture " + id);
        }
        List<String> tables = capture.tables().stream()
                .map(BackupStore.StoredTable::qualified)
                .toList();
        ChunkIterator chunks = new ChunkIterator(c, id, sha);
        try {
            return runner.run(c, chunks, tables, effective, Optional.of(id), (conn, newId) -> {
                try (Statement s = conn.createStatement()) {
                    s.execute(Sql.EXACT_TEXT_SETTINGS);
                    // Deferrable foreign keys between the captured tables are checked at commit, so a cycle of them
                    // restores in any statement order; the others are checked at the end of each statement, which
                    // the statement order (parents first, children first for deletes) satisfies.
                    List<String> deferrable = ScriptGenerator.ForeignKeys.read(conn, capture.tables())
                            .deferrable();
                    if (!deferrable.isEmpty()) {
                        s.execute("SET CONSTRAINTS " + String.join(", ", deferrable) + " DEFERRED");
                    }
                }
                // the backup rows the statements read must be the ones hashed when the script was approved
                chunks.data = ScriptGenerator.dataDigest(conn, store, id, capture.tables());
                try (PreparedStatement ps = conn.prepareStatement("UPDATE " + store.table("capture")
                        + " SET status = 'ROLLED_BACK', rolled_back_by = ? WHERE id = ? AND status = 'CAPTURED'")) {
                    ps.setString(1, newId);
                    ps.setString(2, id);
                    if (ps.executeUpdate() != 1) {
                        throw new DbChangeException(
                                RollbackErrorCode.ROLLBACK_REFUSED,
                                "capture '" + id + "' was rolled back meanwhile by another session");
                    }
                }
            });
        } catch (CaptureRunner.CountMismatch e) {
            List<ConflictingRow> conflicts = diagnose(c, capture);
            if (conflicts.isEmpty()) {
                throw new DbChangeException(
                        RollbackErrorCode.ROLLBACK_CONFLICT,
                        "rollback of capture '" + id + "' stopped: " + e.getMessage() + "; everything was rolled back."
                                + " No single conflicting row was found afterwards (a concurrent change may have come"
                                + " and gone); run it again",
                        e);
            }
            throw conflict(id, conflicts);
        } catch (CaptureRunner.StepFailed e) {
            String state = e.error.getSQLState();
            if (state != null && state.startsWith("23")) {
                List<ConflictingRow> conflicts = diagnose(c, capture);
                if (!conflicts.isEmpty()) {
                    throw conflict(id, conflicts);
                }
            }
            throw e.toException();
        } finally {
            chunks.close();
        }
    }

    private RollbackConflictException conflict(String id, List<ConflictingRow> conflicts) {
        String listed =
                conflicts.stream().limit(10).map(ConflictingRow::toString).collect(Collectors.joining("; "));
        return new RollbackConflictException(
                "rollback of capture '" + id + "' refused: " + conflicts.size()
                        + (conflicts.size() >= maxListed ? "+" : "")
                        + " row(s) no longer hold the values the change wrote, and nothing was changed: " + listed
                        + (conflicts.size() > 10 ? "; ..." : "") + ". Fix: look at the later changes to these rows;"
                        + " undo them first or correct the rows by hand, then apply the rollback again",
                conflicts);
    }

    private void checkUnchanged(Connection c, BackupStore.StoredTable t) throws SQLException {
        TableMeta now;
        var oid = Catalog.resolve(c, t.qualified());
        if (oid.isEmpty() || oid.getAsLong() != t.oid()) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_REFUSED,
                    "table " + t.qualified() + " was dropped or replaced since the change; the rollback cannot be"
                            + " applied to it");
        }
        now = Catalog.read(c, t.oid());
        List<String> was = t.columns().stream()
                .map(col -> col.name() + ":" + col.typeOid() + ":" + col.typmod())
                .toList();
        List<String> is = now.columns().stream()
                .map(col -> col.name() + ":" + col.typeOid() + ":" + col.typmod())
                .toList();
        if (!was.equals(is)) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_REFUSED,
                    "the columns of " + t.qualified() + " changed since the change (were " + was + ", are " + is
                            + "); the rollback script no longer fits; restore the columns or undo by hand");
        }
    }

    /** The conflicting rows, read in a transaction of its own after the failed rollback was rolled back. */
    List<ConflictingRow> diagnose(Connection c, BackupStore.StoredCapture capture) throws SQLException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        List<ConflictingRow> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute(Sql.EXACT_TEXT_SETTINGS);
            for (BackupStore.StoredTable t : capture.tables()) {
                String bk = store.table(BackupStore.beforeTable(capture.id(), t.n()));
                String ak = store.table(BackupStore.afterTable(capture.id(), t.n()));
                String live = ScriptGenerator.T;
                if (!t.key().isEmpty()) {
                    String q = "SELECT " + ScriptGenerator.rowText("a", t) + ", " + live + "::text, " + live
                            + ".ctid IS NULL" + ScriptGenerator.texts("a", t.key()) + " FROM " + ak + " a LEFT JOIN "
                            + t.qualified() + " AS " + live + " ON " + ScriptGenerator.keyJoin(live, "a", t.key())
                            + " WHERE (" + live + ".ctid IS NULL OR " + live + "::text IS DISTINCT FROM "
                            + ScriptGenerator.rowText("a", t) + ") AND NOT EXISTS (SELECT 1 FROM " + bk
                            + " b WHERE NOT b." + CaptureRunner.OWN + " AND "
                            + ScriptGenerator.keyJoin("b", "a", t.key())
                            + " AND " + ScriptGenerator.rowText("b", t) + " = " + ScriptGenerator.rowText("a", t)
                            + ") LIMIT " + maxListed;
                    try (ResultSet rs = s.executeQuery(q)) {
                        while (rs.next()) {
                            boolean missing = rs.getBoolean(3);
                            out.add(new ConflictingRow(
                                    t.qualified(),
                                    missing ? ConflictingRow.Kind.MISSING : ConflictingRow.Kind.CHANGED,
                                    key(rs, 4, t.key()),
                                    Optional.of(rs.getString(1)),
                                    Optional.ofNullable(missing ? null : rs.getString(2))));
                        }
                    }
                    String taken = "SELECT " + live + "::text" + ScriptGenerator.texts("b", t.key()) + " FROM " + bk
                            + " b JOIN " + t.qualified() + " AS " + live + " ON "
                            + ScriptGenerator.keyJoin(live, "b", t.key()) + " WHERE NOT b." + CaptureRunner.OWN
                            + " AND NOT EXISTS (SELECT 1 FROM " + ak + " a WHERE "
                            + ScriptGenerator.keyJoin("a", "b", t.key()) + ") LIMIT " + maxListed;
                    try (ResultSet rs = s.executeQuery(taken)) {
                        while (rs.next()) {
                            out.add(new ConflictingRow(
                                    t.qualified(),
                                    ConflictingRow.Kind.KEY_TAKEN,
                                    key(rs, 2, t.key()),
                                    Optional.empty(),
                                    Optional.of(rs.getString(1))));
                        }
                    }
                } else {
                    String diff = ScriptGenerator.multisetQuery(t, bk, ak, false);
                    String q = "SELECT d." + ScriptGenerator.N + ", d." + ScriptGenerator.R + ", coalesce(l.have, 0)"
                            + " FROM (" + diff + ") AS d LEFT JOIN (SELECT " + live + "::text AS r, count(*) AS have"
                            + " FROM " + t.qualified() + " AS " + live + " WHERE " + live + "::text IN (SELECT "
                            + ScriptGenerator.R + " FROM (" + diff + ") AS d2) GROUP BY 1) AS l ON l.r = d."
                            + ScriptGenerator.R + " WHERE coalesce(l.have, 0) < d." + ScriptGenerator.N + " LIMIT "
                            + maxListed;
                    try (ResultSet rs = s.executeQuery(q)) {
                        while (rs.next()) {
                            out.add(new ConflictingRow(
                                    t.qualified(),
                                    ConflictingRow.Kind.MISSING,
                                    rs.getString(2) + " (" + rs.getLong(3) + " of " + rs.getInt(1) + " copies left)",
                                    Optional.of(rs.getString(2)),
                                    Optional.empty()));
                        }
                    }
                }
            }
        } finally {
            c.rollback();
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(auto);
        }
        return out;
    }

    private static String key(ResultSet rs, int first, List<String> key) throws SQLException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(key.get(i)).append('=').append(rs.getString(first + i));
        }
        return b.toString();
    }

    /**
     * Streams the stored chunks inside the rollback's transaction (opened on first use, so the cursor lives in it),
     * hashing them as they go; a script whose hash differs from the stored one fails before its transaction commits.
     */
    private final class ChunkIterator implements Iterator<CaptureRunner.Step>, AutoCloseable {
        private final Connection c;
        private final String id;
        private final String sha;
        private final MessageDigest digest = ScriptGenerator.ScriptHash.newDigest();
        byte[] data;
        private PreparedStatement ps;
        private ResultSet rs;
        private Boolean ahead;

        ChunkIterator(Connection c, String id, String sha) {
            this.c = c;
            this.id = id;
            this.sha = sha;
        }

        @Override
        public boolean hasNext() {
            try {
                if (rs == null) {
                    ps = c.prepareStatement("SELECT seq, expected_rows, sql FROM " + store.table("script_chunk")
                            + " WHERE capture_id = ? ORDER BY seq");
                    ps.setFetchSize(4);
                    ps.setString(1, id);
                    rs = ps.executeQuery();
                }
                if (ahead == null) {
                    ahead = rs.next();
                    if (ahead) {
                        ScriptGenerator.ScriptHash.update(digest, rs.getInt(1), rs.getInt(2), rs.getString(3));
                    } else {
                        ScriptGenerator.ScriptHash.data(digest, data);
                        if (!HexFormat.of().formatHex(digest.digest()).equals(sha)) {
                            throw new DbChangeException(
                                    RollbackErrorCode.ROLLBACK_REFUSED,
                                    "the stored rollback script or backup rows of capture '" + id + "' do not match"
                                            + " its sha256 " + sha + " (edited in the backup schema?); nothing was"
                                            + " changed; generate it again and have it approved");
                        }
                    }
                }
                return ahead;
            } catch (SQLException e) {
                throw new CaptureRunner.StepFailed(-1, "reading the rollback script", e);
            }
        }

        @Override
        public CaptureRunner.Step next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ahead = null;
            try {
                return new CaptureRunner.Step(rs.getString(3), rs.getInt(2));
            } catch (SQLException e) {
                throw new CaptureRunner.StepFailed(-1, "reading the rollback script", e);
            }
        }

        @Override
        public void close() {
            try {
                if (ps != null) {
                    ps.close();
                }
            } catch (SQLException ignored) {
                // the transaction is over; the cursor went with it
            }
        }
    }
}
