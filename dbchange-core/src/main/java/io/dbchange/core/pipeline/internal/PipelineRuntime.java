package io.dbchange.core.pipeline.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.RoleResolver;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.pipeline.ApprovalGate;
import io.dbchange.api.pipeline.PipelineAction;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.PipelineListener;
import io.dbchange.api.pipeline.Progress;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskExecutor;
import io.dbchange.api.project.Instance;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.StoreErrorCode;
import io.dbchange.core.engine.DatabaseEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the pipeline's parts share, frozen at build time: the store, the estate, the extension points and the
 * limits. {@code taskView} is this node's cached read of plans ({@link TaskView}), {@code scripts} its last
 * split and hashed script per engine ({@link Scripts}). Immutable apart from the store and
 * the connections it refers to; thread-safe.
 *
 * <p><b>Events.</b> A part that writes a state change builds its event first and passes {@link #outbox} of it to the
 * store write, which appends it to the outbox in the same atomic step when {@code recordEvents} is on (transactional
 * outbox: a node that dies right after the write has recorded the event); after the write it calls {@link #emit},
 * which runs this node's listeners only, so a listener never sees an event whose write failed. An event that reports
 * no write of its own goes through {@link #emitOnce} (a stage's end: see {@link Completion}).
 */
public record PipelineRuntime(
        MetadataStore store,
        Catalog catalog,
        Clock clock,
        String nodeId,
        ApprovalGate approvalGate,
        List<TaskCheck> checks,
        List<TaskExecutor> executors,
        List<PipelineListener> listeners,
        boolean recordEvents,
        RoleResolver roles,
        Map<PipelineAction, Set<String>> permissions,
        Duration leaseDuration,
        int maxConcurrentTasks,
        int maxConcurrentTasksPerInstance,
        boolean captureSchema,
        Connections connections,
        Map<String, Object> completionMonitors,
        Set<String> finished,
        TaskView taskView,
        Scripts scripts) {

    private static final Logger LOG = LoggerFactory.getLogger("io.dbchange.pipeline");

    /** Statuses in which a task has ended for good. */
    static final Set<TaskStatus> ENDED =
            Collections.unmodifiableSet(EnumSet.of(TaskStatus.DONE, TaskStatus.SKIPPED, TaskStatus.CANCELED));

    /** The monitor under which a request's stage and request completion are decided on this node. */
    public Object completionMonitor(String requestId) {
        return completionMonitors.computeIfAbsent(requestId, k -> new Object());
    }

    /**
     * Whether this node recorded or saw recorded the event of {@code key} (a stage of a revision) already, through
     * {@link #emitOnce}.
     */
    public boolean reportedOnce(String key) {
        return finished.contains(key);
    }

    public Instant now() {
        return clock.instant();
    }

    public DatabaseEngine engine(Instance instance) {
        return DatabaseEngines.forName(instance.engine());
    }

    /**
     * The events to write to the outbox with the state change they report: {@code events} when this node records
     * events, none otherwise (then the store makes no outbox write).
     */
    public List<PipelineEvent> outbox(PipelineEvent... events) {
        return recordEvents ? List.of(events) : List.of();
    }

    /** {@link #outbox(PipelineEvent...)} of a list. */
    public List<PipelineEvent> outbox(List<PipelineEvent> events) {
        return recordEvents ? List.copyOf(events) : List.of();
    }

    /**
     * An event that reports no store write of its own and must be recorded once however many nodes find it (a stage's
     * end: see {@link Completion}): appended to the outbox under an id made from {@code key} unless an event with that
     * id is there, and given to this node's listeners only when this call appended it. Without recording, the
     * listeners hear it once per node. Returns whether this call recorded it. A failed append (other than the id being
     * taken) is logged, and the next call for {@code key} (the next scheduling pass) tries again.
     */
    public boolean emitOnce(String key, PipelineEvent event) {
        if (finished.contains(key)) {
            return false;
        }
        if (recordEvents) {
            String id = "once-" + Planner.checksum(key).substring("sha256:".length(), "sha256:".length() + 40);
            try {
                store.appendEvent(id, event);
            } catch (DbChangeException e) {
                if (e.code() == StoreErrorCode.DUPLICATE) {
                    finished.add(key);
                    return false;
                }
                logFailedAppend(event, id, e);
                return false;
            } catch (RuntimeException e) {
                logFailedAppend(event, id, e);
                return false;
            }
        }
        if (!finished.add(key)) {
            return false;
        }
        emit(event);
        return true;
    }

    private static void logFailedAppend(PipelineEvent event, String id, RuntimeException e) {
        LOG.error(
                "request={} event={} type={} - appending the event to the outbox failed; the next scheduling pass"
                        + " tries again: {}",
                event.requestId(),
                id,
                event.getClass().getSimpleName(),
                e.toString());
    }

    /**
     * Gives {@code event} to this node's listeners; called after the write it reports (which carried it to the outbox
     * when recording) has succeeded.
     */
    public void emit(PipelineEvent event) {
        for (PipelineListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn(
                        "request={} listener={} event={} - listener failed, ignored: {}",
                        event.requestId(),
                        l.getClass().getName(),
                        event.getClass().getSimpleName(),
                        e.toString());
            }
        }
    }

    public void audit(String principal, String action, String objectId, String reason, Map<String, String> details) {
        store.audit(new AuditEntry(now(), principal, action, objectId, reason, details));
    }

    /**
     * The progress as of this node's last read of the request's tasks (the scheduling pass that started a task read
     * them a moment before), without reading the store; it only informs (the TaskStarted event), and a thousand-task
     * rollout would otherwise read every task's version once more per task.
     */
    public Progress knownProgress(String requestId) {
        TaskView.Tasks known = taskView.known(requestId);
        return (known.size() == 0 ? taskView.read(requestId) : known).progress();
    }

    /**
     * Throws PERMISSION_DENIED unless {@code principal} holds one of {@code allowed} in the project.
     *
     * @param what the action and its object, for the message, e.g. "skip task 42"
     */
    public void requireRole(String principal, String projectId, Collection<String> allowed, String what) {
        Set<String> held = roles.rolesOf(projectId, principal);
        if (allowed.stream().noneMatch(held::contains)) {
            throw new DbChangeException(
                    PipelineErrorCode.PERMISSION_DENIED,
                    "'" + principal + "' may not " + what + " in project '" + projectId + "': it takes one of the"
                            + " roles " + allowed + ", and '" + principal + "' holds " + held
                            + "; ask someone with one of those roles, or grant one");
        }
    }

    public void requirePermission(String principal, String projectId, PipelineAction action, String what) {
        requireRole(principal, projectId, permissions.getOrDefault(action, Set.of()), what);
    }

    static Logger log() {
        return LOG;
    }
}
