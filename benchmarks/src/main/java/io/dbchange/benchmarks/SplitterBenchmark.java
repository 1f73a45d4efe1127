package io.dbchange.benchmarks;

import io.dbchange.api.sql.Dialect;
import io.dbchange.core.sql.StatementSplitter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link StatementSplitter} per dialect: {@code corpus} splits every corpus file of the dialect (and
 * lists its statements) once per operation; {@code generated} splits a generated script of about 1 MB that uses every
 * construct the splitter knows (strings with delimiters inside, comments, bodies, dollar quotes). Without a corpus,
 * {@code corpus} falls back to the generated script. Run with {@code benchmarks/run jmh SplitterBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SplitterBenchmark {

    /** Which dialect's scripts to split. */
    @Param({"MYSQL", "POSTGRESQL"})
    public Dialect dialect;

    private StatementSplitter splitter;
    private List<String> corpus;
    private String generated;

    @Setup
    public void load() {
        splitter = StatementSplitter.forDialect(dialect);
        generated = generate(dialect, 1_000_000);
        corpus = Corpus.locate().map(Corpus::load).orElse(List.of()).stream()
                .filter(file -> file.dialect() == dialect)
                .map(Corpus.SqlFile::text)
                .toList();
        if (corpus.isEmpty()) {
            corpus = List.of(generated);
        }
    }

    @Benchmark
    public int corpus() {
        int statements = 0;
        for (String script : corpus) {
            statements += splitter.split(script).statements().size();
        }
        return statements;
    }

    @Benchmark
    public int generated() {
        return splitter.split(generated).statements().size();
    }

    /** A script of at least {@code length} characters made of the constructs of one dialect. */
    static String generate(Dialect dialect, int length) {
        StringBuilder script = new StringBuilder(length + 1024);
        for (int i = 0; script.length() < length; i++) {
            if (dialect == Dialect.MYSQL) {
                script.append("-- round ")
                        .append(i)
                        .append('\n')
                        .append("CREATE TABLE IF NOT EXISTS orders_")
                        .append(i)
                        .append(" (id BIGINT PRIMARY KEY, note VARCHAR(200) DEFAULT 'a;b', `key;` INT);\n")
                        .append("INSERT INTO orders_")
                        .append(i)
                        .append(" VALUES (1, 'it''s; here', 2), (2, \"say \\\"hi\\\";\", 3); # done\n")
                        .append("/*!40101 SET @saved_mode = @@sql_mode */;\n")
                        .append("DELIMITER $$\n")
                        .append("CREATE PROCEDURE touch_")
                        .append(i)
                        .append("() BEGIN IF 1 > 0 THEN SELECT 1; END IF; END$$\n")
                        .append("DELIMITER ;\n")
                        .append("CREATE TRIGGER note_")
                        .append(i)
                        .append(" BEFORE INSERT ON orders_")
                        .append(i)
                        .append(" FOR EACH ROW BEGIN SET NEW.note = CONCAT(NEW.note, ';'); END;\n");
            } else {
                script.append("-- round ")
                        .append(i)
                        .append('\n')
                        .append("CREATE TABLE orders_")
                        .append(i)
                        .append(" (id bigint PRIMARY KEY, note text DEFAULT 'a;b', \"key;\" int);\n")
                        .append("INSERT INTO orders_")
                        .append(i)
                        .append(" VALUES (1, E'it\\'s; here'), (2, 'x'); /* a /* nested; */ comment */\n")
                        .append("CREATE FUNCTION touch_")
                        .append(i)
                        .append("() RETURNS int AS $body$ BEGIN RETURN 1; END $body$ LANGUAGE plpgsql;\n")
                        .append("CREATE FUNCTION plus_")
                        .append(i)
                        .append("(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + 1; END;\n");
            }
        }
        return script.toString();
    }
}
