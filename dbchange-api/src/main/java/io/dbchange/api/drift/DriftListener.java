package io.dbchange.api.drift;

/**
 * Receives {@link DriftEvent}s. Called synchronously on the thread that ran the check (the caller's, or a scheduler
 * thread): keep it quick. An exception thrown by a listener is logged and otherwise ignored.
 */
@FunctionalInterface
public interface DriftListener {

    void onEvent(DriftEvent event);
}
