package io.dbchange.core.store;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.rollback.RollbackCapture;
import io.dbchange.api.rollback.RollbackConsent;
import io.dbchange.api.rollback.RollbackScriptRef;
import io.dbchange.api.rollback.RollbackStore;
import io.dbchange.api.rollback.RollbackWaiver;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RollbackStore} in this process's memory, for one-process hosts and tests. Thread-safe. */
public final class InMemoryRollbackStore implements RollbackStore {

    private final Map<String, RollbackCapture> captures = new ConcurrentHashMap<>();
    private final Map<String, RollbackScriptRef> scripts = new ConcurrentHashMap<>();
    private final Map<String, RollbackWaiver> waivers = new ConcurrentHashMap<>();
    private final Map<String, RollbackConsent> consents = new ConcurrentHashMap<>();

    @Override
    public void saveCapture(RollbackCapture capture) {
        captures.put(Checks.notNull("capture", capture).taskId(), capture);
    }

    @Override
    public Optional<RollbackCapture> capture(String taskId) {
        return Optional.ofNullable(captures.get(taskId));
    }

    @Override
    public void saveScript(RollbackScriptRef script) {
        scripts.put(Checks.notNull("script", script).requestId(), script);
    }

    @Override
    public Optional<RollbackScriptRef> script(String requestId) {
        return Optional.ofNullable(scripts.get(requestId));
    }

    @Override
    public void saveWaiver(RollbackWaiver waiver) {
        waivers.put(Checks.notNull("waiver", waiver).taskId(), waiver);
    }

    @Override
    public Optional<RollbackWaiver> waiver(String taskId) {
        return Optional.ofNullable(waivers.get(taskId));
    }

    @Override
    public void saveConsent(RollbackConsent consent) {
        consents.put(Checks.notNull("consent", consent).taskId(), consent);
    }

    @Override
    public Optional<RollbackConsent> consent(String taskId) {
        return Optional.ofNullable(consents.get(taskId));
    }
}
