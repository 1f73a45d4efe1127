package io.dbchange.mysql.rollback.internal;

import io.dbchange.mysql.rollback.RollbackScript;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes statements produced in binlog order as a script that runs them in exactly the reverse order, in bounded
 * memory: statements are buffered up to {@link #CHUNK_BYTES} bytes, each full buffer is written reversed to
 * the next part file, and at the end the parts are renamed so that the last part written is chunk 0. Reading chunk
 * 0, 1, ... then yields the statements last-first, whatever the size of the change.
 *
 * <p>Compression runs on one background thread while the next chunk fills: at most two chunks are in memory (one
 * filling, one being written), so memory stays bounded while decoding and compressing overlap.
 */
final class ReversingChunkWriter implements AutoCloseable {

    /** Bytes buffered per chunk: statements are UTF-8 (ASCII but for identifiers), so about 4 MB of heap. */
    static final int CHUNK_BYTES = 4 << 20;

    private final Path directory;
    /** The filling chunk: statements' UTF-8 bytes back to back, and where each ends. */
    private Chunk chunk = new Chunk();
    /** The other chunk, handed to the compressor and recycled when it is done: two chunks in memory at most. */
    private Chunk spare = new Chunk();

    private final ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dbchange-rollback-chunk-writer");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> writing;
    private int parts;
    private long statements;

    private static final class Chunk {
        byte[] bytes = new byte[CHUNK_BYTES + (64 << 10)];
        int length;
        int[] ends = new int[1 << 14];
        int count;
        private char[] chars = new char[512];

        void add(CharSequence statement) {
            int n = statement.length();
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n * 3));
            }
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            // One bulk copy instead of a CharSequence call per character.
            if (statement instanceof StringBuilder builder) {
                builder.getChars(0, n, chars, 0);
            } else {
                statement.toString().getChars(0, n, chars, 0);
            }
            int at = length;
            for (int i = 0; i < n; i++) {
                char c = chars[i];
                if (c >= 0x80) {
                    // Not ASCII (an identifier): encode the whole statement properly.
                    byte[] utf8 = statement.toString().getBytes(StandardCharsets.UTF_8);
                    if (length + utf8.length > bytes.length) {
                        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + utf8.length));
                    }
                    System.arraycopy(utf8, 0, bytes, length, utf8.length);
                    at = length + utf8.length;
                    break;
                }
                bytes[at++] = (byte) c;
            }
            length = at;
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
            }
            ends[count++] = length;
        }

        void clear() {
            length = 0;
            count = 0;
        }
    }

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

    /** Adds one statement (one line, no line break inside). */
    void add(CharSequence statement) {
        chunk.add(statement);
        statements++;
        if (chunk.length >= CHUNK_BYTES) {
            flush();
        }
    }

    long statements() {
        return statements;
    }

    private void flush() {
        if (chunk.count == 0) {
            return;
        }
        awaitWrite();
        Path part = part(parts++);
        Chunk full = chunk;
        chunk = spare;
        spare = full;
        writing = compressor.submit(() -> {
            write(part, full);
            full.clear();
        });
    }

    private static void write(Path part, Chunk chunk) {
        try (OutputStream out = new BufferedOutputStream(new FastGzip(Files.newOutputStream(part)), 1 << 16)) {
            for (int i = chunk.count - 1; i >= 0; i--) {
                int start = i == 0 ? 0 : chunk.ends[i - 1];
                out.write(chunk.bytes, start, chunk.ends[i] - start);
                out.write('\n');
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
