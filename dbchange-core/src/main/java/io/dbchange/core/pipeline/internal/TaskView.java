package io.dbchange.core.pipeline.internal;

import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.TaskEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, Map<String, TaskEntry>> byRequest = new ConcurrentHashMap<>();

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
        Map<String, TaskEntry> known = byRequest.getOrDefault(requestId, Map.of());
        Map<String, TaskEntry> next = new HashMap<>(versions.size() * 2);
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Long> v : versions.entrySet()) {
            TaskEntry k = known.get(v.getKey());
            if (k != null && k.version() == v.getValue()) {
                next.put(k.id(), k);
            } else {
                changed.add(v.getKey());
            }
        }
        if (!changed.isEmpty()) {
            for (TaskEntry t : store.tasksById(changed)) {
                next.put(t.id(), t);
            }
        }
        List<TaskEntry> list = new ArrayList<>(versions.size());
        for (String id : versions.keySet()) {
            TaskEntry t = next.get(id);
            // null: removed by a revision between the two queries; a later read has the new plan
            if (t != null && t.requestId().equals(requestId)) {
                list.add(t);
            }
        }
        list.sort(Comparator.comparingInt(TaskEntry::sequence));
        // Two reads of one request may finish in either order: the copy keeps the newer version of each task, so that
        // known() never goes back to an older read.
        byRequest.merge(requestId, next, TaskView::newer);
        return List.copyOf(list);
    }

    /**
     * The request's tasks as this node last read them, by sequence, without asking the store; empty if it has not
     * read them (or forgot them). What other nodes wrote since then is missing.
     */
    public List<TaskEntry> known(String requestId) {
        List<TaskEntry> list = new ArrayList<>();
        for (TaskEntry t : byRequest.getOrDefault(requestId, Map.of()).values()) {
            if (t.requestId().equals(requestId)) {
                list.add(t);
            }
        }
        list.sort(Comparator.comparingInt(TaskEntry::sequence));
        return List.copyOf(list);
    }

    private static Map<String, TaskEntry> newer(Map<String, TaskEntry> kept, Map<String, TaskEntry> read) {
        Map<String, TaskEntry> merged = new HashMap<>(read);
        for (TaskEntry t : read.values()) {
            TaskEntry k = kept.get(t.id());
            if (k != null && k.version() > t.version()) {
                merged.put(t.id(), k);
            }
        }
        return merged;
    }

    /** Drops the copy of a request that needs no more scheduling (all its tasks ended). */
    public void forget(String requestId) {
        byRequest.remove(requestId);
    }
}
