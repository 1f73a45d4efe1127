package io.dbchange.benchmarks;

import io.dbchange.api.sql.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shared SQL corpus ({@code shared/corpus} next to the repository): real migration scripts used as benchmark
 * input. Found from the system property {@code dbchange.corpus.dir}, else by walking up from the working directory
 * to the directory holding {@code mvnw} and taking {@code ../shared/corpus} next to it.
 */
final class Corpus {

    /** The system property naming the corpus directory. */
    static final String PROPERTY = "dbchange.corpus.dir";

    private Corpus() {}

    /** One {@code .sql} file of the corpus; the dialect comes from its path ({@code mysql} or {@code postgres}). */
    record SqlFile(String name, String group, Dialect dialect, String text, long bytes) {}

    /** Where the corpus is expected: the property's value, or {@code ../shared/corpus} next to the repository. */
    static Path expectedLocation() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw"))) {
                return d.resolve("../shared/corpus").normalize();
            }
        }
        return dir.resolve("../shared/corpus").normalize();
    }

    /** The corpus directory, if it exists. */
    static Optional<Path> locate() {
        Path location = expectedLocation();
        return Files.isDirectory(location) ? Optional.of(location) : Optional.empty();
    }

    /** Every {@code .sql} file under {@code root} whose path names a dialect, sorted by path. */
    static List<SqlFile> load(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> Files.isRegularFile(path)
                            && path.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .flatMap(path -> read(root, path).stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SQL corpus under " + root, e);
        }
    }

    private static Optional<SqlFile> read(Path root, Path path) {
        String name = root.relativize(path).toString().replace('\\', '/');
        String lower = name.toLowerCase(Locale.ROOT);
        Dialect dialect;
        if (lower.contains("mysql")) {
            dialect = Dialect.MYSQL;
        } else if (lower.contains("postgres")) {
            dialect = Dialect.POSTGRESQL;
        } else {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            int slash = name.indexOf('/');
            String group = (slash < 0 ? "." : name.substring(0, slash)) + " "
                    + dialect.name().toLowerCase(Locale.ROOT);
            return Optional.of(
                    new SqlFile(name, group, dialect, new String(bytes, StandardCharsets.UTF_8), bytes.length));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus file " + path, e);
        }
    }
}
