package io.dbchange.core.pipeline.internal;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.sql.SqlStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A task's script split into statements and hashed for history, once per engine and script: the tasks of a fan-out
 * share one script, and splitting and hashing it again for each of a thousand databases would do the same work a
 * thousand times. Only the last script of each engine is kept (a node runs one request's tasks after another), so the
 * memory held is one script's. Thread-safe.
 */
public final class Scripts {

    /** A script as a task runs it: its statements and its history checksum ({@link Planner#checksum}). */
    record Script(String text, List<SqlStatement> statements, String checksum) {}

    private final Map<DatabaseEngine, Script> last = new ConcurrentHashMap<>();

    /** {@code script} split by {@code engine}, from the last one of {@code engine} when that was an equal script. */
    Script of(DatabaseEngine engine, String script) {
        Script known = last.get(engine);
        if (known != null && known.text().equals(script)) {
            return known;
        }
        Script made = new Script(script, List.copyOf(engine.split(script)), Planner.checksum(script));
        last.put(engine, made);
        return made;
    }
}
