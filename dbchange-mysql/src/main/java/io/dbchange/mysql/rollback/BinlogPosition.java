package io.dbchange.mysql.rollback;

import java.util.Objects;

/**
 * A position in a server's binary log.
 *
 * @param file the binary log file name, e.g. {@code mysql-bin.000003}; not blank
 * @param position the byte offset in that file, at least 4 (the size of the magic header)
 */
public record BinlogPosition(String file, long position) implements Comparable<BinlogPosition> {

    public BinlogPosition {
        Objects.requireNonNull(file, "'file' must not be null");
        if (file.isBlank()) {
            throw new IllegalArgumentException("'file' must not be blank");
        }
        if (position < 4) {
            throw new IllegalArgumentException("'position' must be at least 4 but was " + position);
        }
    }

    /** Orders by file (binlog file names sort in the order the server writes them), then position. */
    @Override
    public int compareTo(BinlogPosition other) {
        int byFile = file.compareTo(other.file);
        return byFile != 0 ? byFile : Long.compare(position, other.position);
    }

    @Override
    public String toString() {
        return file + ":" + position;
    }
}
