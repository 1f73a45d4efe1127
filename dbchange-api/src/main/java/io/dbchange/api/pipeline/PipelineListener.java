package io.dbchange.api.pipeline;

/**
 * Receives {@link PipelineEvent}s. Called synchronously on the pipeline's threads: keep it quick and hand slow work
 * to your own executor. An exception thrown by a listener is logged and otherwise ignored; it never changes the
 * rollout.
 */
@FunctionalInterface
public interface PipelineListener {

    void onEvent(PipelineEvent event);
}
