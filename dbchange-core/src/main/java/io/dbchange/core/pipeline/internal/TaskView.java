package io.dbchange.core.pipeline.internal;

import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.TaskEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final MetadataStore store;
    private final Map<String, Copy> byRequest = new ConcurrentHashMap<>();
    private final Set<String> unreported = ConcurrentHashMap.newKeySet();

    /**
     * One request's tasks as last read: by sequence, and each id's position in that list, so that a refresh in which a
     * few tasks moved replaces those few in a copy of the array instead of rebuilding, re-indexing and sorting the
     * whole plan (a thousand-task request is refreshed after every task's end).
     */
    private record Copy(TaskEntry[] bySequence, Map<String, Integer> position, List<TaskEntry> list) {}

    public TaskView(MetadataStore store) {
        this.store = store;
    }

    /** The request's tasks as they are in the store now, by sequence. */
    public List<TaskEntry> tasks(String requestId) {
        Map<String, Long> versions = store.taskVersions(requestId);
        if (versions.isEmpty()) {
            byRequest.remove(requestId);
            return List.of();
        }
        Copy known = byRequest.get(requestId);
        List<String> changed = new ArrayList<>();
        boolean sameIds = known != null && known.bySequence().length == versions.size();
        for (Map.Entry<String, Long> v : versions.entrySet()) {
            Integer at = sameIds ? known.position().get(v.getKey()) : null;
            if (at == null) {
                sameIds = false;
                changed.add(v.getKey());
            } else if (known.bySequence()[at].version() != v.getValue()) {
                changed.add(v.getKey());
            }
        }
        if (sameIds && changed.isEmpty()) {
            return known.list();
        }
        List<TaskEntry> read = changed.isEmpty() ? List.of() : store.tasksById(changed);
        if (sameIds) {
            TaskEntry[] next = known.bySequence().clone();
            boolean moved = false;
            for (TaskEntry t : read) {
                Integer at = known.position().get(t.id());
                if (at == null || !t.requestId().equals(requestId) || t.sequence() != next[at].sequence()) {
                    moved = true;
                    break;
                }
                next[at] = t;
            }
            if (!moved && read.size() == changed.size()) {
                Copy copy = new Copy(next, known.position(), Collections.unmodifiableList(Arrays.asList(next)));
                // Two reads of one request may finish in either order: the copy keeps the newer version of each
                // task, so that known() never goes back to an older read.
                byRequest.merge(requestId, copy, TaskView::newer);
                return copy.list();
            }
        }
        return rebuild(requestId, versions, known, read);
    }

    /** The whole list again: the request's set of tasks changed (a new revision) since the last read. */
    private List<TaskEntry> rebuild(String requestId, Map<String, Long> versions, Copy known, List<TaskEntry> read) {
        Map<String, TaskEntry> byId = new HashMap<>(versions.size() * 2);
        if (known != null) {
            for (TaskEntry k : known.bySequence()) {
                Long v = versions.get(k.id());
                if (v != null && v == k.version()) {
                    byId.put(k.id(), k);
                }
            }
        }
        for (TaskEntry t : read) {
            byId.put(t.id(), t);
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
        TaskEntry[] array = list.toArray(new TaskEntry[0]);
        Map<String, Integer> position = new HashMap<>(array.length * 2);
        for (int i = 0; i < array.length; i++) {
            position.put(array[i].id(), i);
        }
        Copy copy = new Copy(array, position, Collections.unmodifiableList(Arrays.asList(array)));
        byRequest.merge(requestId, copy, TaskView::newer);
        return copy.list();
    }

    /** {@code read}, with the entries of {@code kept} that are newer (same task at the same place, higher version). */
    private static Copy newer(Copy kept, Copy read) {
        TaskEntry[] k = kept.bySequence();
        TaskEntry[] r = read.bySequence();
        if (k.length != r.length) {
            return read;
        }
        TaskEntry[] merged = null;
        for (int i = 0; i < r.length; i++) {
            if (k[i].id().equals(r[i].id()) && k[i].version() > r[i].version()) {
                if (merged == null) {
                    merged = r.clone();
                }
                merged[i] = k[i];
            }
        }
        return merged == null
                ? read
                : new Copy(merged, read.position(), Collections.unmodifiableList(Arrays.asList(merged)));
    }

    /**
     * The request's tasks as this node last read them, without asking the store: for what only informs (the progress
     * a TaskStarted event carries), never for a decision. Empty when not read yet.
     */
    public List<TaskEntry> known(String requestId) {
        Copy known = byRequest.get(requestId);
        return known == null ? List.of() : known.list();
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

    /** Whether this node wrote the task's end and has not reported it yet. */
    public boolean unreported(String taskId) {
        return unreported.contains(taskId);
    }

    /** Drops the copy of a request that needs no more scheduling (all its tasks ended). */
    public void forget(String requestId) {
        byRequest.remove(requestId);
    }
}
