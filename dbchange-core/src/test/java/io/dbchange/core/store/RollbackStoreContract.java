package io.dbchange.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.rollback.RollbackCapture;
import io.dbchange.api.rollback.RollbackConsent;
import io.dbchange.api.rollback.RollbackScriptRef;
import io.dbchange.api.rollback.RollbackStore;
import io.dbchange.api.rollback.RollbackWaiver;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link RollbackStore} must do; each implementation runs it. */
abstract class RollbackStoreContract {

    static final DatabaseRef DB = new DatabaseRef("mysql-prod", "shop");
    static final Instant T0 = Instant.parse("2026-11-22T10:15:30.123456789Z");

    /** A store; a second call returns another instance over the same state when the store is persistent. */
    protected abstract RollbackStore store();

    /** Another store instance over the same state, as after a restart. */
    protected abstract RollbackStore reopened();

    @Test
    void keepsCapturesScriptsWaiversAndConsentsByTheirKeys() {
        RollbackStore store = store();
        RollbackCapture capture = new RollbackCapture("t1", "r1", DB, "{\"gtid\":\"0-1-23\"}", 2, T0);
        RollbackScriptRef script = new RollbackScriptRef("r2", "t1", DB, "{\"dir\":\"/x\"}", "ab12", 2, T0);
        RollbackWaiver waiver = new RollbackWaiver("t3", "alice", "a new table", T0);
        store.saveCapture(capture);
        store.saveScript(script);
        store.saveWaiver(waiver);
        RollbackConsent consent = new RollbackConsent("t4", "alice", "audit rows may stay", "h1", T0);
        store.saveConsent(consent);

        RollbackStore after = reopened();
        assertThat(after.consent("t4")).contains(consent);
        assertThat(after.consent("t3")).isEmpty();
        assertThat(after.capture("t1")).contains(capture);
        assertThat(after.script("r2")).contains(script);
        assertThat(after.waiver("t3")).contains(waiver);
        assertThat(after.capture("t3")).isEmpty();
        assertThat(after.script("r1")).isEmpty();
        assertThat(after.waiver("t1")).isEmpty();
    }

    @Test
    void aSecondSaveOfAKeyReplacesTheFirst() {
        RollbackStore store = store();
        store.saveCapture(new RollbackCapture("t1", "r1", DB, "first", 1, T0));
        RollbackCapture second = new RollbackCapture("t1", "r1", DB, "second", 5, T0.plusSeconds(1));
        store.saveCapture(second);
        assertThat(reopened().capture("t1")).contains(second);
    }
}
