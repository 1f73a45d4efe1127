package io.dbchange.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The SARIF output checked by hand against the required properties and value sets of SARIF 2.1.0 (OASIS standard,
 * sections 3.13 sarifLog, 3.14 run, 3.18 tool, 3.19 toolComponent, 3.49 reportingDescriptor, 3.27 result, 3.11
 * message, 3.28 location, 3.29 physicalLocation, 3.4 artifactLocation, 3.30 region). The official JSON schema is not
 * available to the build, so this is a structural test written from the spec, not a schema validation.
 */
class SarifReportTest {

    @TempDir
    Path dir;

    JsonNode sarif(String stdin, String... files) throws Exception {
        CommandLine commandLine =
                DbChangeCli.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("review", "--engine", "mysql", "--format", "sarif"));
        args.addAll(List.of(files));
        int exitCode = commandLine.execute(args.toArray(String[]::new));
        assertThat(err.toString()).isEmpty();
        assertThat(exitCode).isEqualTo(DbChangeCli.EXIT_ERRORS);
        return new ObjectMapper().readTree(out.toString());
    }

    static void hasOnlyKnownProperties(JsonNode node, String... allowed) {
        assertThat(node.isObject()).as("%s is an object", node).isTrue();
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("properties of %s", node).isSubsetOf(allowed);
    }

    @Test
    void sarifLogHasTheRequiredStructureOfSarif210() throws Exception {
        Path script = Files.writeString(dir.resolve("delete.sql"), "SELECT 1;\nDELETE FROM book;\n");

        JsonNode log = sarif("UPDATE book SET title = 'x';\n", script.toString(), "-");

        // 3.13 sarifLog: version "2.1.0" and runs required; $schema the 2.1.0 schema
        hasOnlyKnownProperties(log, "$schema", "version", "runs");
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText())
                .isEqualTo(
                        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
        assertThat(log.get("runs").isArray()).isTrue();
        assertThat(log.get("runs")).hasSize(1);

        // 3.14 run: tool required; columnKind one of two values
        JsonNode run = log.at("/runs/0");
        hasOnlyKnownProperties(run, "tool", "results", "invocations", "columnKind");
        assertThat(run.get("columnKind").asText()).isIn("utf16CodeUnits", "unicodeCodePoints");

        // 3.18 tool: driver required; 3.19 toolComponent: name required
        hasOnlyKnownProperties(run.get("tool"), "driver");
        JsonNode driver = run.at("/tool/driver");
        hasOnlyKnownProperties(driver, "name", "version", "informationUri", "rules");
        assertThat(driver.get("name").asText()).isEqualTo("dbchange");
        assertThat(driver.get("version").asText()).isNotBlank().doesNotContain("${");
        // 3.19.17 informationUri: an absolute URI; the build's value, never an unfilled placeholder
        assertThat(driver.get("informationUri").asText()).doesNotContain("${");
        assertThat(URI.create(driver.get("informationUri").asText()).isAbsolute())
                .isTrue();

        // 3.49 reportingDescriptor: id required, shortDescription a multiformatMessageString (text required)
        JsonNode rules = driver.get("rules");
        assertThat(rules.isArray()).isTrue();
        Set<String> ruleIds = new LinkedHashSet<>();
        for (JsonNode rule : rules) {
            hasOnlyKnownProperties(rule, "id", "shortDescription");
            assertThat(ruleIds.add(rule.get("id").asText()))
                    .as("rule ids are unique")
                    .isTrue();
            hasOnlyKnownProperties(rule.get("shortDescription"), "text");
            assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
        }

        // 3.27 result: message required; level from the spec's set; ruleIndex points at the rule with ruleId
        JsonNode results = run.get("results");
        assertThat(results).isNotEmpty();
        for (JsonNode result : results) {
            hasOnlyKnownProperties(result, "ruleId", "ruleIndex", "level", "message", "locations");
            assertThat(result.get("level").asText()).isIn("error", "warning");
            hasOnlyKnownProperties(result.get("message"), "text");
            assertThat(result.at("/message/text").asText()).isNotBlank();
            int index = result.get("ruleIndex").asInt();
            assertThat(rules.get(index).get("id").asText())
                    .isEqualTo(result.get("ruleId").asText());

            // 3.28 location, 3.29 physicalLocation (artifactLocation or address), 3.4 artifactLocation.uri a URI
            // reference, 3.30 region: startLine and startColumn at least 1
            assertThat(result.get("locations")).hasSize(1);
            JsonNode location = result.at("/locations/0");
            hasOnlyKnownProperties(location, "physicalLocation");
            JsonNode physical = location.get("physicalLocation");
            hasOnlyKnownProperties(physical, "artifactLocation", "region");
            hasOnlyKnownProperties(physical.get("artifactLocation"), "uri");
            URI.create(physical.at("/artifactLocation/uri").asText());
            hasOnlyKnownProperties(physical.get("region"), "startLine", "startColumn");
            assertThat(physical.at("/region/startLine").asInt()).isPositive();
            assertThat(physical.at("/region/startColumn").asInt()).isPositive();
        }
        Set<String> firedIds = new LinkedHashSet<>();
        results.forEach(r -> firedIds.add(r.get("ruleId").asText()));
        assertThat(ruleIds).as("rules are those that fired").isEqualTo(firedIds);
    }

    @Test
    void resultsCarryTheFindingsOfEachFileWithTheirPositions() throws Exception {
        Path script = Files.writeString(dir.resolve("delete.sql"), "SELECT 1;\nDELETE FROM book;\n");

        JsonNode log = sarif("UPDATE book SET title = 'x';\n", script.toString(), "-");

        List<JsonNode> missingWhere = StreamSupport.stream(
                        log.at("/runs/0/results").spliterator(), false)
                .filter(r -> r.get("ruleId").asText().equals("statement.where.require-update-delete"))
                .toList();
        assertThat(missingWhere).hasSize(2);
        assertThat(missingWhere.get(0).get("level").asText()).isEqualTo("error");
        assertThat(missingWhere.get(0).at("/message/text").asText()).contains("DELETE FROM book");
        assertThat(missingWhere
                        .get(0)
                        .at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo(script.toUri().toString());
        assertThat(missingWhere
                        .get(0)
                        .at("/locations/0/physicalLocation/region/startLine")
                        .asInt())
                .isEqualTo(2);
        assertThat(missingWhere
                        .get(0)
                        .at("/locations/0/physicalLocation/region/startColumn")
                        .asInt())
                .isEqualTo(1);
        assertThat(missingWhere.get(1).at("/message/text").asText()).contains("UPDATE book");
        assertThat(missingWhere
                        .get(1)
                        .at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("%3Cstdin%3E");
    }

    @Test
    void sarifLogIsValidAgainstTheOfficialSarif210Schema() throws Exception {
        Path script = Files.writeString(dir.resolve("delete.sql"), "SELECT 1;\nDELETE FROM book;\n");
        JsonNode log = sarif("UPDATE book SET title = 'x';\nCREATE TABLE t (a int);\n", script.toString(), "-");

        JsonSchema schema;
        // the OASIS schema as published, from a test-scoped Maven artifact (not copied into this repository)
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF 2.1.0 schema on the test class path").isNotNull();
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
        }
        assertThat(schema.validate(log)).as("schema violations").isEmpty();
        assertThat(log.at("/runs/0/invocations/0/toolExecutionNotifications"))
                .as("the log validated includes notifications")
                .isNotEmpty();

        // and the validator does reject a log that breaks the schema, so the check above can fail
        ((com.fasterxml.jackson.databind.node.ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");
        assertThat(schema.validate(log)).isNotEmpty();
    }

    @Test
    void whatReviewCouldNotCheckIsAToolExecutionNotification() throws Exception {
        // the prod template's statement.dml-dry-run needs a connection, which the command line does not give
        JsonNode log = sarif("DELETE FROM book;\n", "-");

        // 3.20 invocation: executionSuccessful required; 3.58 notification: message required, level "note"
        JsonNode invocation = log.at("/runs/0/invocations/0");
        hasOnlyKnownProperties(invocation, "executionSuccessful", "toolExecutionNotifications");
        assertThat(invocation.get("executionSuccessful").asBoolean()).isTrue();
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode notification : invocation.get("toolExecutionNotifications")) {
            hasOnlyKnownProperties(notification, "message", "level", "descriptor");
            assertThat(notification.get("level").asText()).isEqualTo("note");
            assertThat(notification.at("/message/text").asText()).contains("not checked: no connection");
            ids.add(notification.at("/descriptor/id").asText());
        }
        assertThat(ids).contains("statement.dml-dry-run", "statement.affected-row-limit");
    }

    @Test
    void theInformationUriComesFromTheEnvironmentThenTheBuild() {
        assertThat(DbChangeCli.Version.informationUri(Map.of("DBCHANGE_INFORMATION_URI", "https://db.example/rules")))
                .isEqualTo("https://db.example/rules");
        assertThat(DbChangeCli.Version.informationUri(Map.of())).startsWith("https://");
        assertThat(DbChangeCli.Version.informationUri(Map.of("DBCHANGE_INFORMATION_URI", "not a uri")))
                .isEqualTo(DbChangeCli.Version.informationUri(Map.of()));
    }

    @Test
    void artifactUrisAreRelativeReferencesUnderTheWorkingDirectory() {
        Path workingDirectory = dir.toAbsolutePath();
        SarifReport report = new SarifReport(workingDirectory);

        assertThat(report.uri("migrations/V1 add book.sql")).isEqualTo("migrations/V1%20add%20book.sql");
        assertThat(report.uri("./migrations/../V2.sql")).isEqualTo("V2.sql");
        assertThat(report.uri(workingDirectory.resolve("db/V3.sql").toString())).isEqualTo("db/V3.sql");
        Path outside = workingDirectory.getParent().resolve("elsewhere.sql");
        assertThat(report.uri(outside.toString())).isEqualTo(outside.toUri().toString());
        assertThat(report.uri("<stdin>")).isEqualTo("%3Cstdin%3E");
    }
}
