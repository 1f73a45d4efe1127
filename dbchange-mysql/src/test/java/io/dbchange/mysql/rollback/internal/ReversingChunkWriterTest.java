package io.dbchange.mysql.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.sql.Dialect;
import io.dbchange.mysql.rollback.BinlogPosition;
import io.dbchange.mysql.rollback.CapturedChange;
import io.dbchange.mysql.rollback.RollbackScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReversingChunkWriterTest {

    @TempDir
    Path temp;

    private static CapturedChange change() {
        return new CapturedChange(
                "db",
                new BinlogPosition("b.000001", 4),
                new BinlogPosition("b.000001", 4),
                Optional.empty(),
                1,
                0,
                0,
                new SchemaSnapshot(Dialect.MYSQL, "db", Instant.EPOCH, List.of(Schema.of("", List.of()))));
    }

    @Test
    void readsBackEveryStatementInExactlyReverseOrderAcrossChunks() throws Exception {
        Path directory = temp.resolve("script");
        int count = 150_000; // about 5 MB of text: more than one chunk
        int chunks;
        try (ReversingChunkWriter writer = new ReversingChunkWriter(directory)) {
            for (int i = 0; i < count; i++) {
                // Non-ASCII identifiers take the UTF-8 path; the rest the ASCII one.
                writer.add(
                        i % 1000 == 0
                                ? "DELETE FROM `tä😀` WHERE `id` = " + i + ";"
                                : "DELETE FROM `t` WHERE `id` = " + i + ";");
            }
            chunks = writer.finish();
        }
        assertThat(chunks).isGreaterThan(1);
        RollbackScript script = new RollbackScript(directory, chunks, count, "db", change());
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(script.chunkFiles().stream()
                            .map(p -> p.getFileName().toString())
                            .toList());
        }
        try (Stream<String> statements = script.statements()) {
            List<String> read = statements.toList();
            assertThat(read).hasSize(count);
            for (int i = 0; i < count; i++) {
                int id = count - 1 - i;
                String table = id % 1000 == 0 ? "tä😀" : "t";
                assertThat(read.get(i)).isEqualTo("DELETE FROM `" + table + "` WHERE `id` = " + id);
            }
        }
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws Exception {
        Files.writeString(temp.resolve("other.txt"), "x");
        assertThatThrownBy(() -> new ReversingChunkWriter(temp)).hasMessageContaining("is not empty");
    }
}
