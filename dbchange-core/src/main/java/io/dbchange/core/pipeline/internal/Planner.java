package io.dbchange.core.pipeline.internal;

import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.Plan;
import io.dbchange.api.change.Stage;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Environment;
import io.dbchange.api.store.TaskEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Expands a request revision into its plan (stages in environment order, one task per database) and hashes it. */
public final class Planner {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final Catalog catalog;

    public Planner(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The tasks of a revision: grouped by environment in pipeline order (stage index), and within a stage in the
     * order of {@code targets}; sequence numbers run over the whole plan.
     */
    public List<TaskEntry> plan(
            String requestId, int revision, String statement, List<DatabaseRef> targets, Supplier<String> ids) {
        Map<String, List<DatabaseRef>> byEnvironment = new LinkedHashMap<>();
        for (Environment e : catalog.environmentsInOrder()) {
            byEnvironment.put(e.id(), new ArrayList<>());
        }
        for (DatabaseRef ref : targets) {
            Database d = catalog.database(ref);
            byEnvironment.get(d.environmentId()).add(ref);
        }
        List<TaskEntry> tasks = new ArrayList<>();
        int stage = 0;
        int sequence = 0;
        for (Map.Entry<String, List<DatabaseRef>> e : byEnvironment.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            for (DatabaseRef ref : e.getValue()) {
                Task task = new Task(ids.get(), ref, statement, TaskState.NOT_STARTED);
                tasks.add(TaskEntry.planned(task, requestId, revision, e.getKey(), stage, sequence++));
            }
            stage++;
        }
        return tasks;
    }

    /** The plan view of stored tasks. */
    public static Plan toPlan(String requestId, int revision, List<TaskEntry> tasks) {
        Map<String, List<Task>> stages = new LinkedHashMap<>();
        tasks.stream()
                .sorted(java.util.Comparator.comparingInt(TaskEntry::stageIndex).thenComparingInt(TaskEntry::sequence))
                .forEach(t -> stages.computeIfAbsent(t.environmentId(), k -> new ArrayList<>())
                        .add(t.task()));
        return new Plan(
                requestId,
                revision,
                stages.entrySet().stream()
                        .map(e -> new Stage(e.getKey(), e.getValue()))
                        .toList());
    }

    /**
     * The hash approvals are bound to: the type, the statements and the expanded targets (in order). A different
     * title or description does not change it; a different target or a changed character of a statement does.
     */
    public static String contentHash(ChangeType type, String statement, List<DatabaseRef> targets) {
        MessageDigest digest = sha256();
        update(digest, type.name());
        update(digest, statement);
        for (DatabaseRef t : targets) {
            update(digest, t.instanceId());
            update(digest, t.name());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** The checksum of a script in history. */
    public static String checksum(String statement) {
        MessageDigest digest = sha256();
        digest.update(statement.getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The history version of a request's tasks: the given one, else the request's creation time
     * ({@code yyyyMMddHHmmssSSS}, UTC) and its id, so versions sort by time and two requests of the same millisecond
     * still differ.
     */
    public static String version(ChangeRequest request, ChangeOptions options) {
        if (options.version().isPresent()) {
            return options.version().get();
        }
        // Asked once per task run: built by hand, without a formatter or a regular expression.
        String id = request.id();
        StringBuilder v = new StringBuilder(18 + id.length())
                .append(timestamp(request.createdAt()))
                .append('.');
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean kept =
                    (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
            v.append(kept ? c : '-');
        }
        return v.length() > 64 ? v.substring(0, 64) : v.toString();
    }

    /** Creation time of a request as the version timestamp ({@code yyyyMMddHHmmssSSS}, UTC); visible for tests. */
    static String timestamp(Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return TIMESTAMP.format(at);
        }
        StringBuilder b = new StringBuilder(17);
        pad(b, t.getYear(), 4);
        pad(b, t.getMonthValue(), 2);
        pad(b, t.getDayOfMonth(), 2);
        pad(b, t.getHour(), 2);
        pad(b, t.getMinute(), 2);
        pad(b, t.getSecond(), 2);
        pad(b, t.getNano() / 1_000_000, 3);
        return b.toString();
    }

    private static void pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        b.append(digits);
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently.
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
