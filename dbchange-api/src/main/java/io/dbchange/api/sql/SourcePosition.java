package io.dbchange.api.sql;

/**
 * A position in a script: a zero-based character {@code offset} (UTF-16 index into the script string) and the
 * one-based {@code line} and {@code column} a person sees in an editor. Lines end at {@code \n}, {@code \r\n} or a
 * lone {@code \r}; a column counts UTF-16 characters from the start of its line.
 */
public record SourcePosition(int offset, int line, int column) implements Comparable<SourcePosition> {

    public static final SourcePosition START = new SourcePosition(0, 1, 1);

    public SourcePosition {
        if (offset < 0 || line < 1 || column < 1) {
            throw new IllegalArgumentException(
                    "invalid source position offset=" + offset + " line=" + line + " column=" + column);
        }
    }

    @Override
    public int compareTo(SourcePosition other) {
        return Integer.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
