package io.dbchange.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary directory owned by one embedded server of this JVM, e.g. {@code /tmp/dbchange-mariadb-123}: binaries,
 * data directory and socket live under it, so that concurrent test JVMs never share files.
 *
 * <p>The JVM holds an OS file lock on {@code .owner-lock} inside it for as long as the server runs. A directory
 * whose lock anyone can take was left by a JVM that died without running its shutdown hooks (e.g. killed with
 * SIGKILL); {@link #create} deletes such directories, so crashed runs do not fill the disk (MariaDB's binaries
 * alone take about 400 MB). Because another JVM may be between creating the directory, creating the lock file and
 * locking it, an unlocked lock file must be a minute old, and a directory without one a day old, to count as
 * abandoned.
 */
public final class ServerDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDirectory.class);
    private static final String LOCK_FILE = ".owner-lock";
    private static final Duration UNLOCKED_GRACE = Duration.ofDays(1);
    private static final Duration LOCK_GRACE = Duration.ofMinutes(1);
    private static final int DELETE_ATTEMPTS = 3;

    /**
     * The directories of this JVM's live servers, never probed: closing the channel of a probe on a lock file releases
     * every lock the process holds on that file (POSIX record locks belong to the process, see
     * {@link java.nio.channels.FileLock}), so probing our own directory while a second server starts would leave it
     * unlocked, and another JVM would then delete it under the running server.
     */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ServerDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Deletes stale directories of earlier JVMs, then creates and locks a new one named {@code dbchange-<name>-*}. */
    public static ServerDirectory create(String name) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String prefix = "dbchange-" + name + "-";
        deleteStale(tmp, prefix);
        try {
            Path path = Files.createTempDirectory(tmp, prefix);
            OWNED.add(path);
            FileChannel channel =
                    FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new ServerDirectory(path, channel, channel.lock());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a server directory under " + tmp, e);
        }
    }

    /** The directory, never {@code null}. */
    public Path path() {
        return path;
    }

    /** Releases the lock and deletes the directory with everything in it; failures are logged, not thrown. */
    public void delete() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("cannot release lock of {}", path, e);
        }
        deleteTree(path);
        OWNED.remove(path);
    }

    private static void deleteStale(Path tmp, String prefix) {
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(tmp)) {
            candidates = entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !OWNED.contains(p))
                    .filter(Files::isDirectory)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            LOG.debug("cannot list {} for stale server directories", tmp, e);
            return;
        }
        for (Path candidate : candidates) {
            if (isStale(candidate)) {
                LOG.info("deleting server directory {} left by a test JVM that did not shut down", candidate);
                deleteTree(candidate);
            }
        }
    }

    private static boolean isStale(Path dir) {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            try {
                FileTime modified = Files.getLastModifiedTime(dir);
                return modified.toInstant().isBefore(Instant.now().minus(UNLOCKED_GRACE));
            } catch (IOException e) {
                return false;
            }
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            // A lock file that nobody holds may also be one that its JVM has created but not yet locked.
            return Files.getLastModifiedTime(lockFile)
                    .toInstant()
                    .isBefore(Instant.now().minus(LOCK_GRACE));
        } catch (OverlappingFileLockException e) {
            return false; // locked by this very JVM: a live server of ours
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes a tree, retrying briefly: a server that has just stopped may still be closing files when the walk
     * starts, and a file created during the walk leaves its directory non-empty.
     */
    static void deleteTree(Path root) {
        for (int attempt = 1; attempt <= DELETE_ATTEMPTS && Files.exists(root); attempt++) {
            if (attempt > 1) {
                pause();
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(ServerDirectory::deleteQuietly);
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("attempt {} to delete {} failed: {}", attempt, root, e.toString());
            }
        }
        if (Files.exists(root)) {
            LOG.warn("cannot delete {} completely; still there: {}", root, firstEntries(root));
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", path, e.toString());
        }
    }

    private static List<Path> firstEntries(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.limit(5).collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
