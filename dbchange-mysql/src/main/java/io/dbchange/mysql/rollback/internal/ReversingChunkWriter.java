package io.dbchange.mysql.rollback.internal;

import io.dbchange.mysql.rollback.RollbackScript;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes statements produced in binlog order as a script that runs them in exactly the reverse order, in bounded
 * memory: statements are buffered up to {@link #CHUNK_CHARS} characters, each full buffer is written reversed to
 * the next part file, and at the end the parts are renamed so that the last part written is chunk 0. Reading chunk
 * 0, 1, ... then yields the statements last-first, whatever the size of the change.
 *
 * <p>Compression runs on one background thread while the next chunk fills: at most two chunks are in memory (one
 * filling, one being written), so memory stays bounded while decoding and compressing overlap.
 */
final class ReversingChunkWriter implements AutoCloseable {

    /** Characters buffered per chunk: about 4 MB of heap for ASCII statements. */
    static final int CHUNK_CHARS = 4 << 20;

    private final Path directory;
    private List<String> buffer = new ArrayList<>();
    private final ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dbchange-rollback-chunk-writer");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> writing;
    private long buffered;
    private int parts;
    private long statements;

    ReversingChunkWriter(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            try (var existing = Files.list(directory)) {
                if (existing.findAny().isPresent()) {
                    throw Errors.io(
                            "rollback script directory " + directory + " is not empty; give a new or empty"
                                    + " directory",
                            null);
                }
            }
        } catch (IOException e) {
            throw Errors.io("cannot create rollback script directory " + directory + ": " + e.getMessage(), e);
        }
    }

    void add(String statement) {
        buffer.add(statement);
        buffered += statement.length() + 1;
        statements++;
        if (buffered >= CHUNK_CHARS) {
            flush();
        }
    }

    long statements() {
        return statements;
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        awaitWrite();
        Path part = part(parts++);
        List<String> full = buffer;
        buffer = new ArrayList<>(full.size());
        buffered = 0;
        writing = compressor.submit(() -> write(part, full));
    }

    private static void write(Path part, List<String> statements) {
        try (OutputStream out = new FastGzip(Files.newOutputStream(part));
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = statements.size() - 1; i >= 0; i--) {
                writer.write(statements.get(i));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw Errors.io("cannot write rollback chunk " + part + ": " + e.getMessage(), e);
        }
    }

    private void awaitWrite() {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.io("interrupted while writing a rollback chunk", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw Errors.io("cannot write a rollback chunk: " + e.getCause(), e.getCause());
        } finally {
            writing = null;
        }
    }

    /** Writes what is buffered and renames the parts into run order; returns the number of chunks. */
    int finish() {
        flush();
        awaitWrite();
        try {
            for (int i = 0; i < parts; i++) {
                Files.move(part(i), RollbackScript.chunkFile(directory, parts - 1 - i), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw Errors.io("cannot rename rollback chunks in " + directory + ": " + e.getMessage(), e);
        }
        return parts;
    }

    private Path part(int index) {
        return directory.resolve(String.format(Locale.ROOT, "part-%06d.tmp", index));
    }

    @Override
    public void close() {
        buffer.clear();
        compressor.shutdownNow();
    }

    /** gzip at the fastest level: chunks are written once, read once, and compress well anyway. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
