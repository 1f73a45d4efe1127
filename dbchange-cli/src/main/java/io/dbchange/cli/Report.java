package io.dbchange.cli;

import io.dbchange.api.review.Level;
import java.io.PrintWriter;
import java.util.List;

/** One output format of {@code dbchange review}. */
interface Report {

    /** Writes the reviews of {@code files}, in command-line order, to {@code out}. */
    void write(List<FileReview> files, PrintWriter out);

    static long count(List<FileReview> files, Level level) {
        return files.stream().mapToLong(f -> f.count(level)).sum();
    }

    static int statements(List<FileReview> files) {
        return files.stream().mapToInt(FileReview::statements).sum();
    }
}
