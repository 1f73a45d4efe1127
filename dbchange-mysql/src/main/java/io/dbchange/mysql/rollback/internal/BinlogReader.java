package io.dbchange.mysql.rollback.internal;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import io.dbchange.api.DbChangeException;
import io.dbchange.mysql.rollback.CapturedChange;
import java.io.IOException;
import java.io.Serializable;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads the row events of exactly one captured transaction from the binary log, as a replica would: a {@link
 * BinaryLogClient} starts at the captured start position and stops at the transaction's commit or at the captured
 * end, whichever comes first. Transactions of other sessions in the same range are skipped: on MariaDB the
 * transaction is the one whose GTID event carries the captured GTID; on MySQL the one whose {@code BEGIN} query event
 * carries the captured thread id.
 *
 * <p>Hazards handled: the library logs and swallows exceptions thrown by listeners and skips events it cannot
 * deserialize, so both are recorded here and turn into a failure after the client stops, never into a silently
 * shorter rollback; row events that are compressed ({@code TRANSACTION_PAYLOAD}) or partial ({@code
 * PARTIAL_UPDATE_ROWS_EVENT}) and row images that are not full are refused.
 */
final class BinlogReader {

    /** Receives the rows of the transaction in binlog order. */
    interface RowSink {
        /**
         * One row change.
         *
         * @param before the row before the change ({@code null} for an insert)
         * @param after the row after it ({@code null} for a delete)
         */
        void row(TableMapEventData table, Serializable[] before, Serializable[] after);
    }

    /** Where the replication client connects. */
    record Endpoint(String host, int port, String user, String password) {}

    private final Endpoint endpoint;

    BinlogReader(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Streams the captured transaction's rows into {@code sink}.
     *
     * @return how many rows were read
     */
    long read(CapturedChange change, RowSink sink) {
        if (change.loggedNothing()) {
            return 0;
        }
        BinaryLogClient client =
                new BinaryLogClient(endpoint.host(), endpoint.port(), endpoint.user(), endpoint.password());
        // A replica id nobody else uses: two readers with one id would disconnect each other.
        client.setServerId(ThreadLocalRandom.current().nextLong(1_000_000_000L, 4_000_000_000L));
        client.setKeepAlive(false);
        // The server sends a heartbeat only when it has nothing more to send: we are at the end of its log, past the
        // captured end, so reading stops there even if no event of the range carried a next position.
        client.setHeartbeatInterval(1000);
        client.setBlocking(true);
        client.setBinlogFilename(change.start().file());
        client.setBinlogPosition(change.start().position());
        Map<Long, TableMapEventData> tables = new HashMap<>();
        client.setEventDeserializer(deserializer(tables));
        Listener listener = new Listener(client, change, sink, tables);
        client.registerEventListener(listener);
        client.registerLifecycleListener(listener);
        try {
            client.connect();
        } catch (IOException | RuntimeException e) {
            throw Errors.unavailable(
                    "cannot read the binary log of " + endpoint.host() + ":" + endpoint.port() + " from "
                            + change.start() + " as " + endpoint.user() + ": " + e.getMessage()
                            + "; check that the log is still retained (SHOW BINARY LOGS) and that the user has"
                            + " REPLICATION SLAVE",
                    e);
        }
        if (listener.failure != null) {
            throw listener.failure;
        }
        if (!listener.committed) {
            throw Errors.unavailable(
                    "the transaction " + identity(change) + " was not found in the binary log between "
                            + change.start() + " and " + change.end() + " (read up to " + listener.file + ":"
                            + listener.position + "); the log may have been purged or rewritten",
                    null);
        }
        return listener.rows;
    }

    private static String identity(CapturedChange change) {
        return change.gtid().map(g -> "with GTID " + g).orElse("of thread " + change.threadId());
    }

    /** A deserializer whose row events decode values exactly (see {@link ExactValues}). */
    private static EventDeserializer deserializer(Map<Long, TableMapEventData> tables) {
        EventDeserializer defaults = new EventDeserializer();
        Map<EventType, EventDataDeserializer> deserializers = new IdentityHashMap<>();
        for (EventType type : EventType.values()) {
            EventDataDeserializer d = defaults.getEventDataDeserializer(type);
            if (!(d instanceof NullEventDataDeserializer)) {
                deserializers.put(type, d);
            }
        }
        deserializers.put(EventType.WRITE_ROWS, new ExactValues.Write(tables));
        deserializers.put(EventType.EXT_WRITE_ROWS, new ExactValues.Write(tables).setMayContainExtraInformation(true));
        deserializers.put(EventType.UPDATE_ROWS, new ExactValues.Update(tables));
        deserializers.put(
                EventType.EXT_UPDATE_ROWS, new ExactValues.Update(tables).setMayContainExtraInformation(true));
        deserializers.put(EventType.DELETE_ROWS, new ExactValues.Delete(tables));
        deserializers.put(
                EventType.EXT_DELETE_ROWS, new ExactValues.Delete(tables).setMayContainExtraInformation(true));
        return new EventDeserializer(
                new EventHeaderV4Deserializer(), new NullEventDataDeserializer(), deserializers, tables);
    }

    private static final class Listener extends BinaryLogClient.AbstractLifecycleListener
            implements BinaryLogClient.EventListener {
        private final BinaryLogClient client;
        private final CapturedChange change;
        private final RowSink sink;
        private final Map<Long, TableMapEventData> tables;
        private final long[] gtid;
        private String file;
        private long position;
        private boolean inOurs;
        private boolean committed;
        private long rows;
        private DbChangeException failure;

        Listener(BinaryLogClient client, CapturedChange change, RowSink sink, Map<Long, TableMapEventData> tables) {
            this.client = client;
            this.tables = tables;
            this.change = change;
            this.sink = sink;
            this.gtid = change.gtid().map(Listener::parseGtid).orElse(null);
            this.file = change.start().file();
            this.position = change.start().position();
        }

        private static long[] parseGtid(String gtid) {
            String[] parts = gtid.split("-");
            if (parts.length != 3) {
                throw Errors.unsupported("GTID '" + gtid + "' is not a MariaDB GTID (domain-server-sequence)");
            }
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        }

        @Override
        public void onEvent(Event event) {
            if (failure != null || committed) {
                return;
            }
            try {
                handle(event);
            } catch (DbChangeException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(Errors.unsupported("cannot invert event at " + file + ":" + position + ": " + e));
            }
        }

        private void handle(Event event) {
            EventType type = event.getHeader().getEventType();
            if (type == EventType.ROTATE) {
                file = ((RotateEventData) event.getData()).getBinlogFilename();
                return;
            }
            long next = event.getHeader() instanceof EventHeaderV4 h ? h.getNextPosition() : 0;
            switch (type) {
                case MARIADB_GTID -> {
                    MariadbGtidEventData data = (MariadbGtidEventData) event.getData();
                    inOurs = gtid != null
                            && data.getDomainId() == gtid[0]
                            // The library leaves the event data's server id 0; the header carries it.
                            && event.getHeader().getServerId() == gtid[1]
                            && data.getSequence() == gtid[2];
                }
                case QUERY -> query((QueryEventData) event.getData());
                case WRITE_ROWS, EXT_WRITE_ROWS -> {
                    if (inOurs) {
                        WriteRowsEventData data = (WriteRowsEventData) event.getData();
                        TableMapEventData table = table(data.getTableId());
                        requireFull(table, data.getIncludedColumns());
                        for (Serializable[] row : data.getRows()) {
                            sink.row(table, null, row);
                            rows++;
                        }
                    }
                }
                case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                    if (inOurs) {
                        UpdateRowsEventData data = (UpdateRowsEventData) event.getData();
                        TableMapEventData table = table(data.getTableId());
                        requireFull(table, data.getIncludedColumnsBeforeUpdate());
                        requireFull(table, data.getIncludedColumns());
                        for (Map.Entry<Serializable[], Serializable[]> row : data.getRows()) {
                            sink.row(table, row.getKey(), row.getValue());
                            rows++;
                        }
                    }
                }
                case DELETE_ROWS, EXT_DELETE_ROWS -> {
                    if (inOurs) {
                        DeleteRowsEventData data = (DeleteRowsEventData) event.getData();
                        TableMapEventData table = table(data.getTableId());
                        requireFull(table, data.getIncludedColumns());
                        for (Serializable[] row : data.getRows()) {
                            sink.row(table, row, null);
                            rows++;
                        }
                    }
                }
                case PARTIAL_UPDATE_ROWS_EVENT, TRANSACTION_PAYLOAD -> {
                    if (inOurs || gtid == null) {
                        throw Errors.unsupported("the binary log at " + file + ":" + position + " holds a " + type
                                + " event, which is not inverted exactly; set binlog_row_value_options='' and"
                                + " binlog_transaction_compression=OFF for changes that need rollback");
                    }
                }
                case XID -> {
                    if (inOurs) {
                        commit();
                    }
                }
                case HEARTBEAT -> stop();
                default -> {
                    // TABLE_MAP is kept by the deserializer; other events carry no rows.
                }
            }
            if (next > 0) {
                position = next;
            }
            if (!committed
                    && file.equals(change.end().file())
                    && position >= change.end().position()) {
                stop();
            }
        }

        private void query(QueryEventData data) {
            String sql = data.getSql().strip().toUpperCase(Locale.ROOT);
            if (sql.equals("BEGIN")) {
                if (gtid == null) {
                    inOurs = data.getThreadId() == change.threadId();
                }
            } else if (sql.equals("COMMIT")) {
                if (inOurs) {
                    commit();
                }
            } else if (inOurs) {
                throw Errors.unsupported("the transaction " + identity(change) + " holds the statement '"
                        + abbreviate(data.getSql()) + "' at " + file + ":" + position
                        + ", which row events cannot undo");
            }
        }

        private TableMapEventData table(long tableId) {
            // The rows deserializer already needed this table map, so it is there.
            return tables.get(tableId);
        }

        private void requireFull(TableMapEventData table, BitSet included) {
            if (included.cardinality() != table.getColumnTypes().length) {
                throw Errors.unsupported("a row image of `" + table.getDatabase() + "`.`" + table.getTable()
                        + "` at " + file + ":" + position + " holds " + included.cardinality() + " of "
                        + table.getColumnTypes().length + " columns; set binlog_row_image=FULL");
            }
        }

        private void commit() {
            committed = true;
            inOurs = false;
            stop();
        }

        private void fail(DbChangeException e) {
            failure = e;
            stop();
        }

        private void stop() {
            try {
                client.disconnect();
            } catch (IOException e) {
                // Disconnecting a channel we are done with; the read's outcome is already decided.
            }
        }

        @Override
        public void onEventDeserializationFailure(BinaryLogClient client, Exception ex) {
            fail(Errors.unsupported("cannot decode the event after " + file + ":" + position + ": " + ex));
        }

        @Override
        public void onCommunicationFailure(BinaryLogClient client, Exception ex) {
            if (failure == null && !committed) {
                fail(Errors.unavailable(
                        "reading the binary log failed after " + file + ":" + position + ": " + ex.getMessage()
                                + "; check that the log is still retained (SHOW BINARY LOGS)",
                        ex));
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
