package io.dbchange.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged {@code target/dbchange.jar} as its own process: main class, shading and services files. */
class ShadedJarIT {

    static final Path JAR = Path.of("target", "dbchange.jar");

    record Run(int exitCode, String out, String err) {}

    static Run java(String stdin, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void shadedJarReviewsStandardInputWithTheRulesFoundByServiceLoader() throws Exception {
        assertThat(JAR).isRegularFile();

        Run run = java("SELECT 1;\nDELETE FROM book;\n", "review", "--engine", "mysql", "-");

        assertThat(run.err()).as("stderr, including any SLF4J warning").isEmpty();
        assertThat(run.out()).contains("<stdin>:2:1: ERROR statement.where.require-update-delete: ");
        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_ERRORS);
    }

    @Test
    void shadedJarWritesSarifWithTheDescriptionsOfTheRulesThatFired() throws Exception {
        Run run = java("DELETE FROM book;\n", "review", "--engine", "postgres", "--format", "sarif", "-");

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_ERRORS);
        JsonNode driver = new ObjectMapper().readTree(run.out()).at("/runs/0/tool/driver");
        assertThat(driver.get("version").asText()).isEqualTo(DbChangeCli.Version.version());
        JsonNode rule = null;
        for (JsonNode candidate : driver.get("rules")) {
            if (candidate.get("id").asText().equals("statement.where.require-update-delete")) {
                rule = candidate;
            }
        }
        assertThat(rule).isNotNull();
        assertThat(rule.at("/shortDescription/text").asText())
                .isNotEqualTo(rule.get("id").asText());
    }

    @Test
    void shadedJarExitsThreeOnAMissingFile() throws Exception {
        Path missing = Files.createTempDirectory("dbchange-cli").resolve("missing.sql");

        Run run = java("", "review", "--engine", "postgres", missing.toString());

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(run.err()).startsWith("dbchange: cannot read " + missing);
    }
}
