package io.dbchange.cli;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.core.review.ReviewResult;
import java.util.List;

/**
 * The review of one input: its name as the user gave it ({@code <stdin>} for {@code -}) and the result.
 *
 * @param path the file name as given on the command line, or {@value ReviewCommand#STDIN_NAME}
 * @param result the review of that file alone
 */
record FileReview(String path, ReviewResult result) {

    List<io.dbchange.core.review.Notice> notices() {
        return result.notices();
    }

    List<Finding> findings() {
        return result.findings();
    }

    int statements() {
        return result.statements().size();
    }

    long count(Level level) {
        return result.findings().stream().filter(f -> f.level() == level).count();
    }
}
