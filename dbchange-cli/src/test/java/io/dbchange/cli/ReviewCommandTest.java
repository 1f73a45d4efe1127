package io.dbchange.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReviewCommandTest {

    static final String CLEAN = "SELECT 1;\n";
    static final String DELETE_ALL = "SELECT 1;\nDELETE FROM book;\n";
    /** Only the DELETE-without-WHERE rule, so that {@link #CLEAN} has no finding on either engine. */
    static final String ONLY_DELETE_RULE = """
            rules:
              - type: statement.where.require-update-delete
                level: ERROR
                engine: MYSQL
              - type: statement.where.require-update-delete
                level: ERROR
                engine: POSTGRES
            """;

    static final String WARN_ON_DELETE = """
            rules:
              - type: statement.where.require-update-delete
                level: WARNING
                engine: MYSQL
            """;

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String stdin, boolean colour, String... args) {
        CommandLine commandLine =
                DbChangeCli.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), colour);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run("", false, args);
    }

    Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void cleanScriptExitsZeroWithSummaryOnly() throws IOException {
        Path clean = file("clean.sql", CLEAN);
        Path policy = file("delete-only.yaml", ONLY_DELETE_RULE);

        Run run = run("review", "--engine", "mysql", "--policy", policy.toString(), clean.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("0 errors, 0 warnings in 1 file (1 statement)" + System.lineSeparator());
        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_CLEAN);
    }

    @Test
    void errorFindingExitsTwoWithOneTextLinePerFindingAndSummary() throws IOException {
        Path script = file("delete.sql", DELETE_ALL);

        Run run = run("review", "--engine", "mariadb", script.toString());

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_ERRORS);
        assertThat(run.out().lines())
                .anySatisfy(line ->
                        assertThat(line).startsWith(script + ":2:1: ERROR statement.where.require-update-delete: "))
                .last()
                .asString()
                .matches("\\d+ errors?, \\d+ warnings? in 1 file \\(2 statements\\)");
        assertThat(run.out()).doesNotContain("\u001B[");
    }

    @Test
    void textIsColouredOnlyWhenAskedFor() throws IOException {
        Path script = file("delete.sql", DELETE_ALL);

        Run run = run("", true, "review", "--engine", "mysql", script.toString());

        assertThat(run.out()).contains("\u001B[31mERROR\u001B[0m");
    }

    @Test
    void warningsOnlyExitZeroByDefaultAndOneWithFailOnWarning() throws IOException {
        Path script = file("delete.sql", DELETE_ALL);
        Path policy = file("warn.yaml", WARN_ON_DELETE);

        Run lenient = run("review", "--engine", "mysql", "--policy", policy.toString(), script.toString());
        Run strict = run(
                "review",
                "--engine",
                "mysql",
                "--policy",
                policy.toString(),
                "--fail-on",
                "warning",
                script.toString());

        assertThat(lenient.exitCode()).isEqualTo(DbChangeCli.EXIT_CLEAN);
        assertThat(lenient.out())
                .contains(script + ":2:1: WARNING statement.where.require-update-delete: ")
                .contains("0 errors, 1 warning in 1 file (2 statements)");
        assertThat(strict.exitCode()).isEqualTo(DbChangeCli.EXIT_WARNINGS);
    }

    @Test
    void jsonPolicyFileIsReadByItsExtension() throws IOException {
        Path script = file("delete.sql", DELETE_ALL);
        Path policy = file(
                "warn.json",
                "{\"rules\": [{\"type\": \"statement.where.require-update-delete\", \"level\": \"WARNING\","
                        + " \"engine\": \"MYSQL\"}]}");

        Run run = run("review", "--engine", "mysql", "--policy", policy.toString(), script.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("0 errors, 1 warning in 1 file");
    }

    @Test
    void readsStandardInputForDash() {
        Run run = run(DELETE_ALL, false, "review", "--engine", "postgres", "-");

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_ERRORS);
        assertThat(run.out()).contains("<stdin>:2:1: ERROR statement.where.require-update-delete: ");
    }

    @Test
    void jsonGroupsFindingsByFileInCommandLineOrder() throws IOException {
        Path clean = file("clean.sql", CLEAN);
        Path script = file("delete.sql", DELETE_ALL);

        Path policy = file("delete-only.yml", ONLY_DELETE_RULE);

        Run run = run(
                "review",
                "--engine",
                "postgresql",
                "--policy",
                policy.toString(),
                "--format",
                "json",
                clean.toString(),
                script.toString());

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_ERRORS);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("files")).hasSize(2);
        assertThat(json.at("/files/0/path").asText()).isEqualTo(clean.toString());
        assertThat(json.at("/files/0/statements").asInt()).isEqualTo(1);
        assertThat(json.at("/files/0/findings")).isEmpty();
        JsonNode file = json.at("/files/1");
        assertThat(file.get("path").asText()).isEqualTo(script.toString());
        assertThat(file.get("statements").asInt()).isEqualTo(2);
        JsonNode delete = null;
        for (JsonNode finding : file.get("findings")) {
            if (finding.get("rule").asText().equals("statement.where.require-update-delete")) {
                delete = finding;
            }
        }
        assertThat(delete).isNotNull();
        assertThat(delete.get("level").asText()).isEqualTo("ERROR");
        assertThat(delete.get("message").asText()).contains("WHERE");
        assertThat(delete.get("line").asInt()).isEqualTo(2);
        assertThat(delete.get("column").asInt()).isEqualTo(1);
        assertThat(delete.get("statement").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/files").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/statements").asInt()).isEqualTo(3);
        assertThat(json.at("/summary/errors").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/warnings").asInt()).isZero();
    }

    @Test
    void missingFileExitsThreeNamingTheFileAndPrintsNoReport() throws IOException {
        Path script = file("delete.sql", DELETE_ALL);
        Path missing = dir.resolve("missing.sql");

        Run run = run("review", "--engine", "mysql", script.toString(), missing.toString());

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().contains(missing.toString(), "no such file");
    }

    @Test
    void unknownEngineExitsThreeListingTheEngines() throws IOException {
        Path script = file("clean.sql", CLEAN);

        Run run = run("review", "--engine", "oracle", script.toString());

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .contains("unknown engine 'oracle'", "mysql, mariadb, postgres or postgresql");
    }

    @Test
    void badPolicyExitsThreeWithTheParsersPosition() throws IOException {
        Path script = file("clean.sql", CLEAN);
        Path policy = file("bad.yaml", "rules:\n  - type: no.such-rule\n    level: ERROR\n    engine: MYSQL\n");

        Run run = run("review", "--engine", "mysql", "--policy", policy.toString(), script.toString());

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .contains("invalid policy file " + policy, "no.such-rule", "--policy prod");
    }

    @Test
    void policyWithoutKnownExtensionExitsThree() throws IOException {
        Path script = file("clean.sql", CLEAN);

        Run run = run("review", "--engine", "mysql", "--policy", "strict", script.toString());

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(run.err()).contains("policy 'strict'", ".yaml, .yml or .json");
    }

    @Test
    void badUsageExitsThreeWithOneLine() {
        Run noEngine = run("review", "x.sql");
        Run badFormat = run("review", "--engine", "mysql", "--format", "xml", "x.sql");
        Run noFiles = run("review", "--engine", "mysql");
        Run noCommand = run();

        for (Run run : new Run[] {noEngine, badFormat, noFiles, noCommand}) {
            assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines()).singleElement().asString().startsWith("dbchange: ");
        }
        assertThat(noEngine.err()).contains("--engine");
        assertThat(badFormat.err()).contains("xml");
    }

    @Test
    void helpAndVersionExitZero() {
        Run help = run("review", "--help");
        Run version = run("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--engine", "--policy", "--format", "--fail-on", "Exit codes");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out())
                .startsWith("dbchange ")
                .doesNotContain("unknown")
                .doesNotContain("${");
    }
}
