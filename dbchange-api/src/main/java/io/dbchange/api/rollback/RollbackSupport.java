package io.dbchange.api.rollback;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.project.DatabaseRef;
import java.sql.Connection;
import java.util.List;

/**
 * Data rollback of one engine, as the pipeline uses it: one implementation per engine module (MySQL/MariaDB from
 * the binary log, PostgreSQL from before-images captured in the change's own transaction).
 */
public interface RollbackSupport {

    /** Whether this support serves databases of {@code engine}. */
    boolean supports(DatabaseEngine engine);

    /**
     * What stops the task's statements from being captured (settings, privileges, statement shapes), each with its
     * fix; empty when capture can run. Must not change the database.
     */
    List<String> problems(TaskContext context);

    /**
     * The problems left when the user accepts that the rollback covers only the tables the statements name (writes
     * of triggers and cascading foreign keys to other tables not undone); must not change the database. Default:
     * {@link #problems(TaskContext)}, for engines that offer no such consent.
     */
    default List<String> problems(TaskContext context, boolean coverOnlyNamedTables) {
        return problems(context);
    }

    /**
     * Runs the task's statements with capture, in one transaction on {@code context.connection()}.
     *
     * @throws io.dbchange.api.DbChangeException when nothing was committed (a statement failed, a refusal)
     */
    Captured execute(TaskContext context);

    /**
     * {@link #execute(TaskContext)}, with the user's consent (its reason) that the rollback covers only the named
     * tables when present. Default: ignores the consent.
     */
    default Captured execute(TaskContext context, java.util.Optional<String> coverOnlyNamedTables) {
        return execute(context);
    }

    /**
     * Generates the script undoing {@code capture} and keeps it in the engine's storage.
     *
     * @param connection a connection to {@code database}, in auto-commit mode
     * @param key a unique key for the script (e.g. the source task id), usable as a file or row name
     */
    Generated generate(DatabaseRef database, Connection connection, String capture, String key);

    /**
     * Applies a generated script in one transaction, verified (each row must still hold what the change wrote) and
     * itself captured.
     *
     * @param sha256 the approved script's hash; a different script is refused
     * @throws io.dbchange.api.DbChangeException {@code ROLLBACK_CONFLICT} listing the rows when rows changed
     *     since; nothing changed then
     */
    Captured apply(TaskContext context, String script, String sha256);

    /**
     * A capture.
     *
     * @param capture the serialized capture, see {@link RollbackCapture#capture()}
     * @param rows the rows written
     */
    record Captured(String capture, long rows) {
        public Captured {
            Checks.notBlank("capture", capture);
        }
    }

    /**
     * A generated script.
     *
     * @param script the reference to it, see {@link RollbackScriptRef#script()}
     * @param sha256 its hash (hex)
     * @param statements its statement count
     * @param head its first statements, for review
     */
    record Generated(String script, String sha256, long statements, List<String> head) {
        public Generated {
            Checks.notBlank("script", script);
            Checks.notBlank("sha256", sha256);
            head = List.copyOf(head);
        }
    }
}
