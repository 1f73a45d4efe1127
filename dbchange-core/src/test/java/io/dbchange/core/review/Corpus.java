package io.dbchange.core.review;

import io.dbchange.api.sql.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The shared SQL corpus for review tests: the directory named by {@code dbchange.corpus.dir}, else skipped. */
public final class Corpus {

    /** One corpus file with its dialect. */
    public record CorpusFile(Path path, String relative, Dialect dialect, String text) {}

    private Corpus() {}

    /** Every {@code .sql} file of the corpus; skips the calling test when the corpus is not there. */
    public static List<CorpusFile> files() {
        String property = System.getProperty("dbchange.corpus.dir");
        Assumptions.assumeTrue(
                property != null && Files.isDirectory(Path.of(property)),
                "the SQL corpus is not available: set -Ddbchange.corpus.dir to /work/shared/corpus (was " + property
                        + ")");
        Path root = Path.of(property);
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(".sql"))
                    .sorted()
                    .map(p -> {
                        String relative = root.relativize(p).toString().replace('\\', '/');
                        Dialect dialect = relative.contains("mysql") ? Dialect.MYSQL : Dialect.POSTGRESQL;
                        try {
                            return new CorpusFile(p, relative, dialect, Files.readString(p, StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
