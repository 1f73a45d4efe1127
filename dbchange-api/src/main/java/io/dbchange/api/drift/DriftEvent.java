package io.dbchange.api.drift;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;

/**
 * What a drift check or a baseline changed. Each event is sent after the anomaly store has committed the change it
 * reports (no transaction is open while listeners run).
 */
public sealed interface DriftEvent {

    /** The database concerned. */
    DatabaseRef database();

    /** A check found a drift on a database that had no OPEN anomaly: a new anomaly. */
    record AnomalyRaised(Anomaly anomaly) implements DriftEvent {
        public AnomalyRaised {
            Checks.notNull("anomaly", anomaly);
        }

        @Override
        public DatabaseRef database() {
            return anomaly.database();
        }
    }

    /** A check found the drift of an OPEN anomaly different from the last time (its report changed). */
    record AnomalyUpdated(Anomaly anomaly) implements DriftEvent {
        public AnomalyUpdated {
            Checks.notNull("anomaly", anomaly);
        }

        @Override
        public DatabaseRef database() {
            return anomaly.database();
        }
    }

    /** A baseline, or a check finding the recorded schema again, resolved an anomaly. */
    record AnomalyResolved(Anomaly anomaly) implements DriftEvent {
        public AnomalyResolved {
            Checks.notNull("anomaly", anomaly);
        }

        @Override
        public DatabaseRef database() {
            return anomaly.database();
        }
    }

    /**
     * A periodic check failed (unreachable database, unreadable catalog, a migration in progress); it runs again at
     * the next interval. Checks called directly throw instead.
     *
     * @param database the database
     * @param code the stable error code
     * @param message what happened and what to do
     */
    record CheckFailed(DatabaseRef database, String code, String message) implements DriftEvent {
        public CheckFailed {
            Checks.notNull("database", database);
            Checks.notBlank("code", code);
            Checks.notNull("message", message);
        }
    }
}
