package io.dbchange.core.pipeline.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.pipeline.TaskExecutor;
import io.dbchange.api.rollback.RollbackCapture;
import io.dbchange.api.rollback.RollbackConsent;
import io.dbchange.api.rollback.RollbackScriptRef;
import io.dbchange.api.rollback.RollbackStore;
import io.dbchange.api.rollback.RollbackSupport;
import io.dbchange.api.rollback.RollbackWaiver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline side of rollback: the executor that captures DATA tasks with {@code rollbackEnabled} and applies
 * ROLLBACK tasks, and the pre-task check of the capture's prerequisites. Both ask the {@link RollbackStore} so that
 * their decisions survive a restart.
 */
public final class RollbackTasks {

    /** The id of the prerequisite check; its results carry it as {@code checkId}. */
    public static final String CHECK_ID = "rollback-prerequisites";

    private static final Logger LOG = LoggerFactory.getLogger(RollbackTasks.class);

    private final RollbackStore store;
    private final List<RollbackSupport> supports;
    private final Clock clock;

    public RollbackTasks(RollbackStore store, List<RollbackSupport> supports, Clock clock) {
        this.store = store;
        this.supports = List.copyOf(supports);
        this.clock = clock;
    }

    public Optional<RollbackSupport> support(io.dbchange.api.engine.DatabaseEngine engine) {
        return supports.stream().filter(s -> s.supports(engine)).findFirst();
    }

    /** A DATA task that asked for rollback and was not let run without it. */
    private boolean capturing(TaskContext c) {
        return c.request().type() == ChangeType.DATA
                && c.options().rollbackEnabled()
                && store.waiver(c.task().id()).isEmpty();
    }

    /** The task's "covers only the named tables" consent, if given for the request's current content. */
    private Optional<RollbackConsent> consent(TaskContext c) {
        return store.consent(c.task().id())
                .filter(consent -> consent.contentHash().equals(c.request().contentHash()));
    }

    private boolean applying(TaskContext c) {
        return c.request().type() == ChangeType.ROLLBACK
                && store.script(c.request().id()).isPresent();
    }

    public TaskCheck check() {
        return new TaskCheck() {
            @Override
            public String id() {
                return CHECK_ID;
            }

            @Override
            public List<CheckResult> check(TaskContext c) {
                if (c.request().type() == ChangeType.ROLLBACK && !applying(c)) {
                    return List.of(CheckResult.error(
                            CHECK_ID,
                            "ROLLBACK_SCRIPT_MISSING",
                            "request " + c.request().id() + " is a ROLLBACK request without a generated script;"
                                    + " create ROLLBACK requests with Rollbacks.generate"));
                }
                if (c.request().type() != ChangeType.DATA || !c.options().rollbackEnabled()) {
                    return List.of();
                }
                Optional<RollbackWaiver> waiver = store.waiver(c.task().id());
                if (waiver.isPresent()) {
                    RollbackWaiver w = waiver.get();
                    return List.of(CheckResult.warning(
                            CHECK_ID,
                            "ROLLBACK_WAIVED",
                            "runs without rollback, as " + w.principal() + " chose at " + w.at() + ": " + w.reason()));
                }
                Optional<RollbackSupport> support = support(c.engine());
                if (support.isEmpty()) {
                    return List.of(CheckResult.error(
                            CHECK_ID,
                            "ROLLBACK_UNSUPPORTED",
                            "no rollback support for engine " + c.engine().name() + " of database "
                                    + c.database().ref() + "; register one, or let the creator run it without"
                                    + " rollback"));
                }
                Optional<RollbackConsent> consent = consent(c);
                List<String> problems = support.get().problems(c, consent.isPresent());
                if (problems.isEmpty()) {
                    return List.of(
                            consent.isPresent()
                                    ? CheckResult.warning(
                                            CHECK_ID,
                                            "ROLLBACK_NAMED_TABLES_ONLY",
                                            "rollback covers only the named tables, as "
                                                    + consent.get().principal() + " accepted at "
                                                    + consent.get().at() + ": "
                                                    + consent.get().reason())
                                    : CheckResult.success(CHECK_ID, "rollback can be captured"));
                }
                boolean consentLifts =
                        consent.isEmpty() && support.get().problems(c, true).isEmpty();
                return List.of(CheckResult.error(
                        CHECK_ID,
                        "ROLLBACK_PREREQUISITE_FAILED",
                        "rollback cannot be captured on " + c.database().ref() + ": " + String.join("; ", problems)
                                + (consentLifts
                                        ? ". The rollback would cover only the named tables: the request's creator"
                                                + " may accept that (Rollbacks.acceptNamedTablesOnly) and retry,"
                                        : ". Fix it and retry,")
                                + " or the request's creator may choose to run without rollback"
                                + " (Rollbacks.runWithoutRollback)"));
            }
        };
    }

    public TaskExecutor executor() {
        return new TaskExecutor() {
            @Override
            public boolean handles(TaskContext c) {
                return (capturing(c) || applying(c)) && support(c.engine()).isPresent();
            }

            @Override
            public ScriptResult execute(TaskContext c, int fromStatement, Consumer<StatementResult> progress) {
                if (fromStatement > 1) {
                    // the capture is one transaction: a part of it never took effect, so a resume makes no sense
                    throw new DbChangeException(
                            PipelineErrorCode.ILLEGAL_ACTION,
                            "task " + c.task().id() + " runs in one transaction with rollback capture; retry it"
                                    + " from the start instead of resuming from statement " + fromStatement);
                }
                RollbackSupport support = support(c.engine()).orElseThrow();
                long start = System.nanoTime();
                RollbackSupport.Captured captured;
                if (c.request().type() == ChangeType.ROLLBACK) {
                    RollbackScriptRef ref = store.script(c.request().id()).orElseThrow();
                    // approval binds to the request's text; the hash in it binds the text to the stored script
                    if (!c.request().statement().contains(ref.sha256())) {
                        throw new DbChangeException(
                                PipelineErrorCode.ILLEGAL_ACTION,
                                "request " + c.request().id() + " no longer names script sha256=" + ref.sha256()
                                        + " (was it edited?); generate the rollback again");
                    }
                    captured = support.apply(c, ref.script(), ref.sha256());
                } else {
                    captured = support.execute(c, consent(c).map(RollbackConsent::reason));
                }
                store.saveCapture(new RollbackCapture(
                        c.task().id(),
                        c.request().id(),
                        c.database().ref(),
                        captured.capture(),
                        captured.rows(),
                        clock.instant()));
                LOG.info(
                        "request={} task={} database={} rows={} - captured for rollback",
                        c.request().id(),
                        c.task().id(),
                        c.database().ref(),
                        captured.rows());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                // one transaction: every statement took effect; the capture counts rows for the whole
                // transaction, so the total is reported on the last statement
                List<StatementResult> results = new ArrayList<>();
                for (int i = 0; i < c.statements().size(); i++) {
                    boolean last = i == c.statements().size() - 1;
                    StatementResult r = new StatementResult(
                            c.statements().get(i),
                            StatementOutcome.SUCCEEDED,
                            last ? took : Duration.ZERO,
                            last ? captured.rows() : -1,
                            List.of(),
                            Optional.empty());
                    results.add(r);
                    progress.accept(r);
                }
                return new ScriptResult(results, took);
            }
        };
    }
}
