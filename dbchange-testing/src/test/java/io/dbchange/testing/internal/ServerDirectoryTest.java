package io.dbchange.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerDirectoryTest {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void createsALockedDirectoryAndDeletesItWithItsContents() throws IOException {
        ServerDirectory directory = ServerDirectory.create("unittest");
        Files.writeString(directory.path().resolve("data.txt"), "x");

        assertThat(directory.path())
                .isDirectory()
                .hasFileName(directory.path().getFileName().toString());
        assertThat(directory.path().getFileName().toString()).startsWith("dbchange-unittest-");
        assertThat(directory.path().resolve(".owner-lock")).exists();

        directory.delete();
        assertThat(directory.path()).doesNotExist();
    }

    @Test
    void deletesDirectoriesLeftByDeadJvmsButNotLiveOnes() throws IOException {
        ServerDirectory live = ServerDirectory.create("unittest");
        Path abandoned = Files.createTempDirectory(TMP, "dbchange-unittest-");
        Path abandonedLock = Files.createFile(abandoned.resolve(".owner-lock")); // nobody holds it: its JVM died
        Files.setLastModifiedTime(abandonedLock, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Path justCreated = Files.createTempDirectory(TMP, "dbchange-unittest-");
        Files.createFile(justCreated.resolve(".owner-lock")); // its JVM is about to lock it
        Files.createDirectories(abandoned.resolve("data/db"));
        Path beingCreated = Files.createTempDirectory(TMP, "dbchange-unittest-"); // no lock file yet
        Path ancient = Files.createTempDirectory(TMP, "dbchange-unittest-");
        Files.setLastModifiedTime(ancient, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        try {
            ServerDirectory created = ServerDirectory.create("unittest");
            created.delete();

            assertThat(abandoned).doesNotExist();
            assertThat(ancient).doesNotExist();
            assertThat(live.path()).exists();
            assertThat(beingCreated).exists();
            assertThat(justCreated).exists();
        } finally {
            ServerDirectory.deleteTree(justCreated);
            live.delete();
            ServerDirectory.deleteTree(abandoned);
            ServerDirectory.deleteTree(beingCreated);
            ServerDirectory.deleteTree(ancient);
        }
    }
}
