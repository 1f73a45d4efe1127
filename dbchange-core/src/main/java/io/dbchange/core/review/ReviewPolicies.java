package io.dbchange.core.review;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads {@link ReviewPolicy policies} in Bytebase's configuration shape, from YAML or JSON:
 *
 * <pre>{@code
 * rules:
 *   - type: statement.where.require-update-delete
 *     level: ERROR            # ERROR, WARNING or DISABLED
 *     engine: POSTGRES        # optional: MYSQL, MARIADB, POSTGRES; absent = every engine the rule supports
 *   - type: naming.table
 *     level: WARNING
 *     payload: {format: "^[a-z]+(_[a-z]+)*$", maxLength: 64}
 * }</pre>
 *
 * An unknown rule type, level or engine, and a bad payload (wrong type, a regular expression that does not compile)
 * fail the load with a {@link DbChangeException} ({@code INVALID_ARGUMENT}) naming the line, column and reason.
 * Entries for engines dbchange does not serve (TIDB, ORACLE, ...) are skipped, so Bytebase files load as they are.
 */
public final class ReviewPolicies {

    private static final Set<String> OTHER_BYTEBASE_ENGINES = Set.of(
            "TIDB",
            "ORACLE",
            "OCEANBASE",
            "OCEANBASE_ORACLE",
            "SNOWFLAKE",
            "MSSQL",
            "REDSHIFT",
            "CLICKHOUSE",
            "MONGODB",
            "REDIS",
            "SPANNER",
            "STARROCKS",
            "HIVE",
            "ELASTICSEARCH",
            "BIGQUERY",
            "DYNAMODB",
            "DATABRICKS",
            "COCKROACHDB",
            "COSMOSDB",
            "CASSANDRA",
            "TRINO",
            "DORIS",
            "SQLITE",
            "DM",
            "RISINGWAVE");

    private ReviewPolicies() {}

    /** A policy from YAML text, with the installed rules. */
    public static ReviewPolicy fromYaml(String yaml) {
        return load(new YAMLFactory(), yaml, ReviewRules.installed());
    }

    /** A policy from JSON text, with the installed rules. */
    public static ReviewPolicy fromJson(String json) {
        return load(new JsonFactory(), json, ReviewRules.installed());
    }

    /** A policy from YAML text, with {@code rules}. */
    public static ReviewPolicy fromYaml(String yaml, ReviewRules rules) {
        return load(new YAMLFactory(), yaml, rules);
    }

    /**
     * A built-in template: {@code prod} (Bytebase's production levels) or {@code dev} (its development levels),
     * restricted to the rules dbchange implements.
     *
     * @throws DbChangeException ({@code INVALID_ARGUMENT}) for another name
     */
    public static ReviewPolicy template(String name) {
        return template(name, EnumSet.allOf(Dialect.class));
    }

    /**
     * A built-in template's settings for {@code dialect} only; creates only the rules those settings switch on, which
     * is what a command-line review of one engine needs.
     *
     * @throws DbChangeException ({@code INVALID_ARGUMENT}) for another name than {@code prod} or {@code dev}
     */
    public static ReviewPolicy template(String name, Dialect dialect) {
        Objects.requireNonNull(dialect, "'dialect' must not be null");
        return template(name, EnumSet.of(dialect));
    }

    private static ReviewPolicy template(String name, Set<Dialect> dialects) {
        Objects.requireNonNull(name, "'name' must not be null");
        if (!name.equals("prod") && !name.equals("dev")) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "unknown review template '" + name + "'; the templates are 'prod' and 'dev'");
        }
        try (InputStream in = ReviewPolicies.class.getResourceAsStream("templates/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("review template resource " + name + ".yaml is missing");
            }
            return readTemplate(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), dialects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a built-in template without a YAML parser: the templates are our own files in one fixed shape (a {@code
     * rules} list of {@code type}, {@code level} and {@code engine} lines, no payloads), and loading Jackson's YAML
     * stack was the largest single cost of a command-line review's start. {@code ReviewPoliciesTest} checks that
     * this gives the same policy as {@link #fromYaml}; a line of another shape fails here, not silently.
     */
    static ReviewPolicy readTemplate(String name, String text, Set<Dialect> dialects) {
        ReviewPolicy.Builder builder = ReviewPolicy.builder();
        String type = null;
        String level = null;
        String engine = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i].strip() : "- type:";
            if (line.isEmpty() || line.startsWith("#") || line.equals("rules:")) {
                continue;
            }
            if (line.startsWith("- type:")) {
                if (type != null) {
                    if (level == null || engine == null) {
                        throw new IllegalStateException("template " + name + ": rule '" + type + "' above line "
                                + (i + 1) + " needs a level and an engine");
                    }
                    Dialect dialect = engine.equals("MYSQL") ? Dialect.MYSQL : Dialect.POSTGRESQL;
                    if (!level.equals("DISABLED") && dialects.contains(dialect)) {
                        builder.rule(type, Level.valueOf(level), Map.of(), Set.of(dialect));
                    }
                }
                type = line.substring("- type:".length()).strip();
                level = null;
                engine = null;
            } else if (line.startsWith("level:")) {
                level = line.substring("level:".length()).strip();
            } else if (line.startsWith("engine:")) {
                engine = line.substring("engine:".length()).strip();
                if (!engine.equals("MYSQL") && !engine.equals("POSTGRES")) {
                    throw new IllegalStateException("template " + name + ", line " + (i + 1) + ": engine " + engine);
                }
            } else {
                throw new IllegalStateException(
                        "template " + name + ", line " + (i + 1) + " is not of the template shape: " + line);
            }
        }
        return builder.build();
    }

    private static ReviewPolicy load(JsonFactory factory, String text, ReviewRules rules) {
        Objects.requireNonNull(text, "policy text must not be null");
        ObjectMapper mapper = new ObjectMapper(factory);
        ReviewPolicy.Builder builder = ReviewPolicy.builder(rules);
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw fail(parser.currentTokenLocation(), "a policy must be a mapping with a 'rules' list");
            }
            boolean sawRules = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!field.equals("rules")) {
                    parser.skipChildren();
                    continue;
                }
                sawRules = true;
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw fail(parser.currentTokenLocation(), "'rules' must be a list");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonLocation at = parser.currentTokenLocation();
                    JsonNode entry = parser.readValueAsTree();
                    rule(builder, entry, at);
                }
            }
            if (!sawRules) {
                throw fail(parser.currentTokenLocation(), "a policy must have a 'rules' list");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "review policy is not well-formed"
                            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                            + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.build();
    }

    private static void rule(ReviewPolicy.Builder builder, JsonNode entry, JsonLocation at) {
        if (!entry.isObject()) {
            throw fail(at, "a rule entry must be a mapping with 'type' and 'level'");
        }
        JsonNode type = entry.get("type");
        if (type == null || !type.isTextual()) {
            throw fail(at, "a rule entry needs a 'type' string");
        }
        JsonNode levelNode = entry.get("level");
        String levelText = levelNode == null ? "" : levelNode.asText().toUpperCase(Locale.ROOT);
        if (levelText.equals("DISABLED")) {
            return;
        }
        Level level;
        try {
            level = Level.valueOf(levelText);
        } catch (IllegalArgumentException e) {
            throw fail(
                    at,
                    "rule '" + type.asText() + "' has level '" + levelText
                            + "'; the levels are ERROR, WARNING and DISABLED");
        }
        Set<Dialect> dialects = EnumSet.noneOf(Dialect.class);
        JsonNode engine = entry.get("engine");
        if (engine != null && !engine.isNull()) {
            String name = engine.asText().toUpperCase(Locale.ROOT);
            switch (name) {
                case "MYSQL", "MARIADB" -> dialects.add(Dialect.MYSQL);
                case "POSTGRES", "POSTGRESQL" -> dialects.add(Dialect.POSTGRESQL);
                default -> {
                    if (OTHER_BYTEBASE_ENGINES.contains(name)) {
                        return;
                    }
                    throw fail(
                            at,
                            "rule '" + type.asText() + "' has unknown engine '" + engine.asText()
                                    + "'; dbchange serves MYSQL, MARIADB and POSTGRES");
                }
            }
        }
        Map<String, Object> payload = Map.of();
        JsonNode payloadNode = entry.get("payload");
        if (payloadNode != null && !payloadNode.isNull()) {
            if (payloadNode.isTextual()) {
                // Bytebase stores payloads as JSON strings in its API
                try {
                    payloadNode = new ObjectMapper().readTree(payloadNode.asText());
                } catch (JsonProcessingException e) {
                    throw fail(at, "rule '" + type.asText() + "' has a payload string that is not JSON");
                }
            }
            if (!payloadNode.isObject()) {
                throw fail(at, "rule '" + type.asText() + "' has a payload that is not a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> converted = new ObjectMapper().convertValue(payloadNode, Map.class);
            payload = converted;
        }
        try {
            builder.rule(type.asText(), level, payload, dialects);
        } catch (DbChangeException e) {
            throw fail(at, e.getMessage());
        }
    }

    private static DbChangeException fail(JsonLocation at, String reason) {
        return new DbChangeException(
                CoreErrorCode.INVALID_ARGUMENT,
                "review policy, line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + reason);
    }
}
