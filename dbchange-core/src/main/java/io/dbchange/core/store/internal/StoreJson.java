package io.dbchange.core.store.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.core.schema.SchemaJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The JSON form of the store's entries (requests, tasks, runs, check results, history, audit). The domain records of
 * dbchange-api carry no Jackson annotations, so the two sealed hierarchies get their type ids here, as mix-ins; the
 * names are the stored form and must never change (add new ones instead). Instants and durations are ISO-8601 text,
 * so they come back to the nanosecond and entries compare equal after a round trip.
 *
 * <p>Schema snapshots are written by {@link SchemaJson} (the model's own deterministic form) and gzip-compressed:
 * they are the largest values the store keeps (a few MB of JSON for thousands of tables, compressed about tenfold).
 *
 * <p>Thread-safe.
 */
public final class StoreJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addMixIn(TaskState.class, TaskStateMixin.class)
            .addMixIn(TargetSelector.class, TargetSelectorMixin.class)
            .addMixIn(PipelineEvent.class, PipelineEventMixin.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // A newer node may add a field; an older node that reads the row must not fail on it.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private StoreJson() {}

    /** The value as compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The value a {@link #write(Object)} wrote. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored " + type.getSimpleName() + " is not readable: " + e.getMessage(), e);
        }
    }

    /** The value a {@link #write(Object)} wrote, for generic types such as lists. */
    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getType() + " is not readable: " + e.getMessage(), e);
        }
    }

    /** The snapshot as gzip-compressed {@link SchemaJson}. */
    public static byte[] compressSnapshot(SchemaSnapshot snapshot) {
        byte[] json = SchemaJson.write(snapshot).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The snapshot {@link #compressSnapshot} wrote. */
    public static SchemaSnapshot decompressSnapshot(byte[] stored) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return SchemaJson.read(new String(gzip.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("stored schema snapshot is not gzip data", e);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = TaskState.NotStarted.class, name = "NOT_STARTED"),
        @JsonSubTypes.Type(value = TaskState.Waiting.class, name = "WAITING"),
        @JsonSubTypes.Type(value = TaskState.Running.class, name = "RUNNING"),
        @JsonSubTypes.Type(value = TaskState.Done.class, name = "DONE"),
        @JsonSubTypes.Type(value = TaskState.Failed.class, name = "FAILED"),
        @JsonSubTypes.Type(value = TaskState.Skipped.class, name = "SKIPPED"),
        @JsonSubTypes.Type(value = TaskState.Canceled.class, name = "CANCELED"),
        @JsonSubTypes.Type(value = TaskState.Interrupted.class, name = "INTERRUPTED")
    })
    private abstract static class TaskStateMixin {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = TargetSelector.Databases.class, name = "databases"),
        @JsonSubTypes.Type(value = TargetSelector.Matching.class, name = "matching"),
        @JsonSubTypes.Type(value = TargetSelector.Group.class, name = "group")
    })
    private abstract static class TargetSelectorMixin {}

    // The outbox's event kinds (store migration 6); also the value of the event table's kind column.
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = PipelineEvent.RequestCreated.class, name = "request_created"),
        @JsonSubTypes.Type(value = PipelineEvent.RequestUpdated.class, name = "request_updated"),
        @JsonSubTypes.Type(value = PipelineEvent.CheckFinished.class, name = "check_finished"),
        @JsonSubTypes.Type(value = PipelineEvent.TaskStarted.class, name = "task_started"),
        @JsonSubTypes.Type(value = PipelineEvent.TaskFinished.class, name = "task_finished"),
        @JsonSubTypes.Type(value = PipelineEvent.TaskFailed.class, name = "task_failed"),
        @JsonSubTypes.Type(value = PipelineEvent.TaskInterrupted.class, name = "task_interrupted"),
        @JsonSubTypes.Type(value = PipelineEvent.StageFinished.class, name = "stage_finished"),
        @JsonSubTypes.Type(value = PipelineEvent.RequestDone.class, name = "request_done")
    })
    private abstract static class PipelineEventMixin {}
}
