package io.dbchange.core.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.internal.Checks;

/**
 * {@link ApprovalProcess} as JSON, for a store to keep: {@code read(write(p))} equals {@code p}. Instants are ISO-8601
 * strings, absent optionals {@code null}. Unknown properties fail the read, so a state written by a newer version is
 * not silently cut down.
 */
public final class ApprovalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ApprovalJson() {}

    /** The JSON of {@code process}. */
    public static String write(ApprovalProcess process) {
        Checks.notNull("process", process);
        try {
            return MAPPER.writeValueAsString(process);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("approval process of " + process.requestId() + " is not serializable", e);
        }
    }

    /**
     * The process in {@code json}.
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} if it is not an approval process's JSON
     */
    public static ApprovalProcess read(String json) {
        Checks.notNull("json", json);
        try {
            return MAPPER.readValue(json, ApprovalProcess.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT, "not the JSON of an approval process: " + e.getMessage(), e);
        }
    }
}
