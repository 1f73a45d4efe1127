package io.dbchange.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.core.review.ReviewResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    static final List<FileReview> SCRIPT_LEVEL = List.of(new FileReview(
            "a.sql",
            new ReviewResult(
                    List.of(Finding.ofScript("statement.max-execution-time", Level.WARNING, "set it first")),
                    List.of())));

    static String write(Report report, List<FileReview> files) {
        StringWriter out = new StringWriter();
        report.write(files, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void textShowsAFindingWithoutPositionWithTheFileNameOnly() {
        assertThat(write(new TextReport(false), SCRIPT_LEVEL).lines())
                .containsExactly(
                        "a.sql: WARNING statement.max-execution-time: set it first",
                        "0 errors, 1 warning in 1 file (0 statements)");
    }

    @Test
    void jsonGivesNullLineColumnAndStatementForAFindingAboutTheWholeScript() throws Exception {
        JsonNode finding = new ObjectMapper()
                .readTree(write(new JsonReport(), SCRIPT_LEVEL))
                .at("/files/0/findings/0");

        assertThat(finding.get("line").isNull()).isTrue();
        assertThat(finding.get("column").isNull()).isTrue();
        assertThat(finding.get("statement").isNull()).isTrue();
        assertThat(finding.get("level").asText()).isEqualTo("WARNING");
    }

    @Test
    void sarifLeavesOutTheRegionOfAFindingWithoutPosition() throws Exception {
        JsonNode location = new ObjectMapper()
                .readTree(write(new SarifReport(), SCRIPT_LEVEL))
                .at("/runs/0/results/0/locations/0/physicalLocation");

        assertThat(location.at("/artifactLocation/uri").asText()).isEqualTo("a.sql");
        assertThat(location.has("region")).isFalse();
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        assertThat(DbChangeCli.colour(true, Map.of())).isTrue();
        assertThat(DbChangeCli.colour(true, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(DbChangeCli.colour(false, Map.of())).isFalse();
    }
}
