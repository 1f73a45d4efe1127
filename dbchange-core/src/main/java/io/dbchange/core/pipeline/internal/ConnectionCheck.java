package io.dbchange.core.pipeline.internal;

import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskContext;
import java.sql.SQLException;
import java.util.List;

/**
 * The built-in check every task passes first: the target database answers on the task's connection. A connection that
 * could not even be opened is reported by the runner with the same check id, before any other check runs. A
 * connection whose opening already got the server's answer (MySQL selects the task's database on it) is not pinged
 * again: that answer, a moment ago, is the proof.
 */
public final class ConnectionCheck implements TaskCheck {

    public static final String ID = "connection";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<CheckResult> check(TaskContext context) {
        if (context instanceof TaskRunner.Ctx ctx && ctx.connectionAnswered()) {
            return List.of(
                    CheckResult.success(ID, "connected to " + context.database().ref()));
        }
        try {
            if (context.connection().isValid(10)) {
                return List.of(CheckResult.success(
                        ID, "connected to " + context.database().ref()));
            }
            return List.of(CheckResult.error(
                    ID,
                    "CONNECTION_FAILED",
                    context.database().ref() + " did not answer within 10 s; check the server, then retry"));
        } catch (SQLException e) {
            return List.of(CheckResult.error(
                    ID, "CONNECTION_FAILED", context.database().ref() + ": " + e.getMessage()));
        }
    }
}
