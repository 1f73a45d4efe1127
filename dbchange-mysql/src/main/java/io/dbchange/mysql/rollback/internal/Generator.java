package io.dbchange.mysql.rollback.internal;

import io.dbchange.mysql.rollback.CapturedChange;
import io.dbchange.mysql.rollback.RollbackScript;
import java.nio.file.Path;

/** Reads a captured transaction from the binary log and writes its inverse as a chunked script, streaming. */
public final class Generator {

    private final BinlogReader reader;

    public Generator(String host, int port, String user, String password) {
        this.reader = new BinlogReader(new BinlogReader.Endpoint(host, port, user, password));
    }

    /** Generates the script undoing {@code change} into {@code directory} (created; must be new or empty). */
    public RollbackScript generate(CapturedChange change, Path directory) {
        InverseSql inverse = new InverseSql(change.schema(), change.database());
        try (ReversingChunkWriter writer = new ReversingChunkWriter(directory)) {
            reader.read(change, (table, before, after) -> {
                CharSequence statement = inverse.invert(table, before, after);
                if (statement != null) {
                    writer.add(statement);
                }
            });
            int chunks = writer.finish();
            return new RollbackScript(directory, chunks, writer.statements(), change.database(), change);
        }
    }
}
