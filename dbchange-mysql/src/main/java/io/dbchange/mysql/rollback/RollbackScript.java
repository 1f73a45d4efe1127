package io.dbchange.mysql.rollback;

import io.dbchange.api.DbChangeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * A generated rollback script, stored as gzip-compressed chunk files {@code chunk-000000.sql.gz}, {@code
 * chunk-000001.sql.gz}, ... in one directory, so that no script is ever held in memory as one string. Each chunk
 * holds whole statements, one a line, each ending with {@code ;}; reading the chunks in name order gives the
 * statements in the order they must run. {@code zcat chunk-*.sql.gz} after the {@link #SESSION_SETTINGS} is a
 * script the {@code mariadb}/{@code mysql} client can run inside one transaction (but without the verification of
 * affected rows that {@link BinlogRollback#apply} does).
 *
 * @param directory the directory holding the chunk files (and nothing the script does not own)
 * @param chunks how many chunk files there are
 * @param statementCount how many inverse statements there are in all (one per changed row)
 * @param database the database the statements run in
 * @param source the change this script undoes
 */
public record RollbackScript(Path directory, int chunks, long statementCount, String database, CapturedChange source) {

    /**
     * The session settings every rollback runs with, before its transaction: literals of {@code TIMESTAMP} columns
     * are UTC wall-clock times, zero dates are accepted, and an explicit 0 in an {@code AUTO_INCREMENT} column stays
     * 0.
     */
    public static final List<String> SESSION_SETTINGS = List.of(
            "SET SESSION time_zone = '+00:00'",
            "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'");

    public RollbackScript {
        Objects.requireNonNull(directory, "'directory' must not be null");
        Objects.requireNonNull(database, "'database' must not be null");
        Objects.requireNonNull(source, "'source' must not be null");
        if (chunks < 0 || statementCount < 0) {
            throw new IllegalArgumentException(
                    "'chunks' and 'statementCount' must not be negative but were " + chunks + " and " + statementCount);
        }
    }

    /** The chunk files in the order they run. */
    public List<Path> chunkFiles() {
        List<Path> files = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            files.add(chunkFile(directory, i));
        }
        return files;
    }

    /** The path of chunk {@code index} in {@code directory}. */
    public static Path chunkFile(Path directory, int index) {
        return directory.resolve(String.format(Locale.ROOT, "chunk-%06d.sql.gz", index));
    }

    /**
     * The statements in the order they run (without the {@link #SESSION_SETTINGS} and without the terminating
     * {@code ;}), read lazily one chunk file at a time. Close the stream.
     *
     * @throws DbChangeException {@link RollbackErrorCode#ROLLBACK_SCRIPT_IO} while reading, if a chunk file cannot be
     *     read
     */
    public Stream<String> statements() {
        ChunkIterator iterator = new ChunkIterator(chunkFiles());
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(iterator::close);
    }

    private static final class ChunkIterator implements Iterator<String> {
        private final List<Path> files;
        private int nextFile;
        private BufferedReader reader;
        private String next;

        ChunkIterator(List<Path> files) {
            this.files = files;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                try {
                    if (reader == null) {
                        if (nextFile == files.size()) {
                            return false;
                        }
                        Path file = files.get(nextFile++);
                        reader = new BufferedReader(new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8));
                    }
                    String line = reader.readLine();
                    if (line == null) {
                        reader.close();
                        reader = null;
                    } else if (!line.isEmpty() && !line.startsWith("--")) {
                        next = line.endsWith(";") ? line.substring(0, line.length() - 1) : line;
                    }
                } catch (IOException e) {
                    throw new DbChangeException(
                            RollbackErrorCode.ROLLBACK_SCRIPT_IO,
                            "cannot read rollback chunk " + files.get(nextFile - 1) + ": " + e.getMessage(),
                            new UncheckedIOException(e));
                }
            }
            return true;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String result = next;
            next = null;
            return result;
        }

        void close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // reading is over; nothing was written
                }
                reader = null;
            }
        }
    }
}
