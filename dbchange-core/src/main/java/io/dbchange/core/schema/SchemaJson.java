package io.dbchange.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.SchemaSnapshot;
import java.util.Objects;

/**
 * The stored form of a {@link SchemaSnapshot}: compact JSON, deterministic (properties in alphabetical order, lists
 * in model order, an empty {@code Optional} written as {@code null}, the instant as ISO-8601 text), so that equal
 * snapshots give byte-identical JSON and {@code read(write(s)).equals(s)} for every snapshot.
 *
 * <pre>{@code
 * String json = SchemaJson.write(snapshot);
 * SchemaSnapshot again = SchemaJson.read(json);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SchemaJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SchemaJson() {}

    /** The snapshot as compact, deterministic JSON. */
    public static String write(SchemaSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "'snapshot' must not be null");
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "snapshot of '" + snapshot.databaseName() + "' could not be written as JSON: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The snapshot a {@link #write(SchemaSnapshot)} wrote.
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} when the text is not a snapshot written by this class; the
     *     message gives the position and the reason
     */
    public static SchemaSnapshot read(String json) {
        Objects.requireNonNull(json, "'json' must not be null");
        try {
            JsonNode tree = MAPPER.readTree(json);
            // A view written before materialized views existed has no "materialized": it is a plain view.
            for (JsonNode schema : tree.path("schemas")) {
                for (JsonNode view : schema.path("views")) {
                    if (view instanceof ObjectNode object && !object.has("materialized")) {
                        object.put("materialized", false);
                    }
                }
            }
            return MAPPER.treeToValue(tree, SchemaSnapshot.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "text is not a schema snapshot written by SchemaJson (" + e.getMessage()
                            + "); store snapshots with SchemaJson.write and read them back unchanged",
                    e);
        }
    }
}
