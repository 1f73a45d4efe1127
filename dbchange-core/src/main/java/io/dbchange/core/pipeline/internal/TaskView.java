package io.dbchange.core.pipeline.internal;

import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.pipeline.Progress;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.api.store.TaskVersions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's copy of the tasks of the requests it schedules, refreshed from the store on every read: the store's
 * task versions (one small query) say which tasks changed, and only those are read again. What it returns is what
 * {@link MetadataStore#tasks(String)} would return (an unchanged version is an unchanged entry), without reading and
 * decoding a whole plan on every scheduling pass and every task end; a thousand-task request that moves one task
 * reads one task.
 *
 * <p>It only saves reads: every decision made from it is still a compare-and-set on the store, as with a plain read.
 * A task changed between the version query and the read of its body is returned at its newer version (as a plain
 * read a moment later would). Thread-safe; a request's entry is dropped with {@link #forget}.
 */
public final class TaskView {

    private static final TaskStatus[] STATUSES = TaskStatus.values();
    private static final long NO_STAMP = -1;

    private final MetadataStore store;
    private final Map<String, Tasks> byRequest = new ConcurrentHashMap<>();
    private final Set<String> unreported = ConcurrentHashMap.newKeySet();

    /**
     * One request's tasks as read at one moment: by sequence, each id's position in that list, and how many tasks of
     * each stage are in each status. A refresh in which a few tasks moved replaces those few in a copy of the array
     * and adjusts the counts, instead of rebuilding, re-indexing, sorting and recounting the whole plan (a
     * thousand-task request is refreshed after every task's end). Immutable.
     */
    public static final class Tasks {

        static final Tasks EMPTY =
                new Tasks(new TaskEntry[0], Map.of(), new byte[0], new int[0][], new int[0], true, NO_STAMP);

        private final TaskEntry[] bySequence;
        private final Map<String, Integer> position;
        private final List<TaskEntry> list;
        /** The status ordinal of each task, by sequence: a pass over a plan tells open from ended tasks in one array. */
        private final byte[] statuses;
        /** [stage index][status ordinal]: how many tasks of the stage are in the status. */
        private final int[][] counts;

        private final int[] stageSize;
        private final int[] stageEnded;
        private final int ended;
        private final boolean distinctDatabases;
        /** The position of each stage's first task (-1 for a stage without tasks). */
        private final int[] firstOfStage;
        /** The store's stamp this read reflects every write up to ({@link MetadataStore#taskVersionsSince}). */
        private final long stamp;

        private Tasks(
                TaskEntry[] bySequence,
                Map<String, Integer> position,
                byte[] statuses,
                int[][] counts,
                int[] firstOfStage,
                boolean distinct,
                long stamp) {
            this.stamp = stamp;
            this.firstOfStage = firstOfStage;
            this.statuses = statuses;
            this.bySequence = bySequence;
            this.position = position;
            this.list = Collections.unmodifiableList(Arrays.asList(bySequence));
            this.counts = counts;
            this.distinctDatabases = distinct;
            this.stageSize = new int[counts.length];
            this.stageEnded = new int[counts.length];
            int total = 0;
            for (int s = 0; s < counts.length; s++) {
                for (TaskStatus status : STATUSES) {
                    int n = counts[s][status.ordinal()];
                    stageSize[s] += n;
                    if (PipelineRuntime.ENDED.contains(status)) {
                        stageEnded[s] += n;
                        total += n;
                    }
                }
            }
            this.ended = total;
        }

        /** The whole list, counted from scratch. */
        static Tasks of(TaskEntry[] bySequence, long stamp) {
            Map<String, Integer> position = new HashMap<>(bySequence.length * 2);
            Set<Object> databases = new java.util.HashSet<>(bySequence.length * 2);
            int stages = 0;
            for (int i = 0; i < bySequence.length; i++) {
                position.put(bySequence[i].id(), i);
                databases.add(bySequence[i].database());
                stages = Math.max(stages, bySequence[i].stageIndex() + 1);
            }
            int[][] counts = new int[stages][STATUSES.length];
            byte[] statuses = new byte[bySequence.length];
            int[] firstOfStage = new int[stages];
            Arrays.fill(firstOfStage, -1);
            for (int i = 0; i < bySequence.length; i++) {
                TaskEntry t = bySequence[i];
                if (firstOfStage[t.stageIndex()] < 0) {
                    firstOfStage[t.stageIndex()] = i;
                }
                counts[t.stageIndex()][t.status().ordinal()]++;
                statuses[i] = (byte) t.status().ordinal();
            }
            return new Tasks(
                    bySequence, position, statuses, counts, firstOfStage, databases.size() == bySequence.length, stamp);
        }

        /**
         * These tasks with {@code replaced[i]} at {@code at[i]} (same task, another version), recounted by the few, as
         * of {@code stamp}.
         */
        Tasks with(int[] at, TaskEntry[] replaced, int n, long stamp) {
            TaskEntry[] next = bySequence.clone();
            byte[] st = statuses.clone();
            int[][] c = new int[counts.length][];
            for (int s = 0; s < counts.length; s++) {
                c[s] = counts[s].clone();
            }
            for (int i = 0; i < n; i++) {
                TaskEntry old = next[at[i]];
                c[old.stageIndex()][old.status().ordinal()]--;
                c[replaced[i].stageIndex()][replaced[i].status().ordinal()]++;
                next[at[i]] = replaced[i];
                st[at[i]] = (byte) replaced[i].status().ordinal();
            }
            return new Tasks(next, position, st, c, firstOfStage, distinctDatabases, stamp);
        }

        /** The tasks by sequence. */
        public List<TaskEntry> list() {
            return list;
        }

        public int size() {
            return bySequence.length;
        }

        /** The status of the task at {@code index} of {@link #list()}, without reading its entry. */
        public TaskStatus statusAt(int index) {
            return STATUSES[statuses[index]];
        }

        /** The task with this id, or null when it is not one of these. */
        public TaskEntry get(String taskId) {
            Integer at = position.get(taskId);
            return at == null ? null : bySequence[at];
        }

        /** How many tasks have ended (DONE, SKIPPED or CANCELED). */
        public int ended() {
            return ended;
        }

        /** Whether every task has ended. */
        public boolean allEnded() {
            return ended == bySequence.length;
        }

        public Progress progress() {
            return new Progress(ended, bySequence.length);
        }

        /** 1 + the highest stage index. */
        public int stages() {
            return counts.length;
        }

        /** How many tasks stage {@code stage} has. */
        public int sizeOf(int stage) {
            return stage < stageSize.length ? stageSize[stage] : 0;
        }

        /** How many tasks of stage {@code stage} have ended. */
        public int endedIn(int stage) {
            return stage < stageEnded.length ? stageEnded[stage] : 0;
        }

        /** The first task of stage {@code stage} (its environment and revision are the stage's), or null. */
        public TaskEntry firstOf(int stage) {
            return stage < firstOfStage.length && firstOfStage[stage] >= 0 ? bySequence[firstOfStage[stage]] : null;
        }

        /** How many tasks of stage {@code stage} are in {@code status}. */
        public int count(int stage, TaskStatus status) {
            return stage < counts.length ? counts[stage][status.ordinal()] : 0;
        }

        /** Whether no two tasks target the same database (then no task waits for an earlier one of its request). */
        public boolean distinctDatabases() {
            return distinctDatabases;
        }
    }

    public TaskView(MetadataStore store) {
        this.store = store;
    }

    /** The request's tasks as they are in the store now, with their counts. */
    public Tasks read(String requestId) {
        Tasks known = byRequest.get(requestId);
        if (known != null && known.stamp != NO_STAMP) {
            // What moved since the last read, from the store's record of writes: a few ids, not every task's version.
            Optional<TaskVersions> since = store.taskVersionsSince(requestId, known.stamp);
            if (since.isPresent()) {
                Tasks read = refresh(
                        requestId, known, since.get().versions(), since.get().stamp(), false);
                if (read != null) {
                    return read;
                }
            }
        }
        Optional<TaskVersions> all = store.taskVersionsSince(requestId, MetadataStore.ALL_TASKS);
        Map<String, Long> versions = all.isPresent() ? all.get().versions() : store.taskVersions(requestId);
        long stamp = all.isPresent() ? all.get().stamp() : NO_STAMP;
        if (versions.isEmpty()) {
            byRequest.remove(requestId);
            return Tasks.EMPTY;
        }
        Tasks read = refresh(requestId, known, versions, stamp, true);
        return read != null ? read : rebuild(requestId, versions, known, stamp);
    }

    /**
     * {@code known} with the tasks whose version differs from {@code versions} read again, as of {@code stamp}; null
     * when the request's set of tasks is not {@code known}'s any more (a revision). {@code complete}: whether
     * {@code versions} lists every task (else only those written since {@code known}'s stamp).
     */
    private Tasks refresh(String requestId, Tasks known, Map<String, Long> versions, long stamp, boolean complete) {
        if (known == null || (complete && known.bySequence.length != versions.size())) {
            return null;
        }
        List<String> changed = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> v : versions.entrySet()) {
            // A complete list comes in sequence order, as the copy keeps it: compare by place first and look the id
            // up only when the places differ.
            TaskEntry k = complete && i < known.bySequence.length ? known.bySequence[i] : null;
            i++;
            if (k == null || !k.id().equals(v.getKey())) {
                Integer at = known.position.get(v.getKey());
                if (at == null) {
                    return null;
                }
                k = known.bySequence[at];
            }
            if (k.version() != v.getValue()) {
                changed.add(v.getKey());
            }
        }
        List<TaskEntry> read = changed.isEmpty() ? List.of() : store.tasksById(changed);
        if (read.size() != changed.size()) {
            return null;
        }
        int[] at = new int[read.size()];
        TaskEntry[] replaced = new TaskEntry[read.size()];
        int n = 0;
        for (TaskEntry t : read) {
            Integer p = known.position.get(t.id());
            if (p == null
                    || !t.requestId().equals(requestId)
                    || t.sequence() != known.bySequence[p].sequence()
                    || t.stageIndex() != known.bySequence[p].stageIndex()) {
                return null;
            }
            at[n] = p;
            replaced[n++] = t;
        }
        if (n == 0 && stamp == known.stamp) {
            return known;
        }
        return keep(requestId, known, known.with(at, replaced, n, stamp));
    }

    /** The whole list again: the request's set of tasks changed (a new revision) since the last read. */
    private Tasks rebuild(String requestId, Map<String, Long> versions, Tasks known, long stamp) {
        Map<String, TaskEntry> byId = new HashMap<>(versions.size() * 2);
        if (known != null) {
            for (TaskEntry k : known.bySequence) {
                Long v = versions.get(k.id());
                if (v != null && v == k.version()) {
                    byId.put(k.id(), k);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String id : versions.keySet()) {
            if (!byId.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            for (TaskEntry t : store.tasksById(missing)) {
                byId.put(t.id(), t);
            }
        }
        List<TaskEntry> list = new ArrayList<>(versions.size());
        for (String id : versions.keySet()) {
            TaskEntry t = byId.get(id);
            // null: removed by a revision between the two queries; a later read has the new plan
            if (t != null && t.requestId().equals(requestId)) {
                list.add(t);
            }
        }
        list.sort(Comparator.comparingInt(TaskEntry::sequence));
        return keep(requestId, known, Tasks.of(list.toArray(new TaskEntry[0]), stamp));
    }

    /**
     * Keeps {@code read}, made from {@code base}, as the request's copy. Two reads of one request may finish in either
     * order: when another read replaced {@code base} meanwhile, the copy keeps the newer version of each task, so that
     * known() never goes back to an older read.
     */
    private Tasks keep(String requestId, Tasks base, Tasks read) {
        return byRequest.compute(requestId, (id, kept) -> kept == null || kept == base ? read : newer(kept, read));
    }

    /** {@code read}, with the entries of {@code kept} that are newer (same task at the same place, higher version). */
    private static Tasks newer(Tasks kept, Tasks read) {
        TaskEntry[] k = kept.bySequence;
        TaskEntry[] r = read.bySequence;
        if (k.length != r.length) {
            return read;
        }
        for (int i = 0; i < r.length; i++) {
            if (!k[i].id().equals(r[i].id())) {
                return read;
            }
        }
        int[] at = null;
        TaskEntry[] replaced = null;
        int n = 0;
        for (int i = 0; i < r.length; i++) {
            if (k[i].version() > r[i].version()) {
                if (at == null) {
                    at = new int[r.length];
                    replaced = new TaskEntry[r.length];
                }
                at[n] = i;
                replaced[n++] = k[i];
            }
        }
        long stamp = Math.max(kept.stamp, read.stamp);
        if (at == null) {
            return stamp == read.stamp ? read : read.with(new int[0], new TaskEntry[0], 0, stamp);
        }
        return read.with(at, replaced, n, stamp);
    }

    /**
     * The request's tasks as this node last read them, without asking the store: for what only informs (the progress
     * an event carries), never for a decision. Empty when not read yet.
     */
    public Tasks known(String requestId) {
        Tasks known = byRequest.get(requestId);
        return known == null ? Tasks.EMPTY : known;
    }

    /**
     * A runner of this node is about to write the end of {@code taskId}: until its report ({@link #reported}), the
     * task's end counts neither in the progress nor in the stage and request completion that other tasks of this node
     * report, so that on this node the progress of TaskFinished events counts up one by one and a stage or a request
     * is reported after the event of its last task, not before it.
     */
    public void ending(String taskId) {
        unreported.add(taskId);
    }

    /** The end of {@code taskId} is reported (or was not written): it counts again. */
    public void reported(String taskId) {
        unreported.remove(taskId);
    }

    /** The tasks whose end this node wrote and has not reported yet (at most one per runner), of any request. */
    public Set<String> unreported() {
        return Collections.unmodifiableSet(unreported);
    }

    /** Drops the copy of a request that needs no more scheduling (all its tasks ended). */
    public void forget(String requestId) {
        byRequest.remove(requestId);
    }
}
