package io.dbchange.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.ReviewRules;
import io.dbchange.core.review.SqlReview;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 (OASIS, <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">spec</a>) for code
 * scanning tools: one run whose {@code tool.driver} is dbchange with the rules that fired (id and short description),
 * and one result per finding with {@code ruleId}, {@code ruleIndex}, {@code level} ({@code error}/{@code warning}),
 * {@code message.text} and a physical location: the file as a relative URI reference (an absolute path under the
 * working directory is made relative to it, another absolute path becomes a {@code file:} URI; standard input is
 * {@code %3Cstdin%3E}) and, when the finding has a position, {@code region.startLine}/{@code startColumn}. Columns
 * count UTF-16 code units, as {@link io.dbchange.api.sql.SourcePosition} does, and the run says so in {@code
 * columnKind}.
 */
final class SarifReport implements Report {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The OASIS SARIF 2.1.0 JSON schema. */
    static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /** Descriptions of the ids the review engine reports itself, which are not rules of the policy. */
    private static final Map<String, String> ENGINE_IDS = Map.of(
            SqlReview.UNRECOGNIZED, "a statement review does not understand",
            SqlReview.SCRIPT_INVALID, "a script that cannot be split into statements",
            SqlReview.RULE_FAILED, "a review rule that failed on a statement");

    private final Path workingDirectory;

    SarifReport() {
        this(Path.of("").toAbsolutePath());
    }

    SarifReport(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public void write(List<FileReview> files, PrintWriter out) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dbchange");
        driver.put("version", DbChangeCli.Version.version());
        driver.put("informationUri", DbChangeCli.Version.informationUri(System.getenv()));
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (FileReview file : files) {
            String uri = uri(file.path());
            for (Finding finding : file.findings()) {
                Integer index = ruleIndex.computeIfAbsent(finding.ruleId(), id -> {
                    ObjectNode rule = rules.addObject();
                    rule.put("id", id);
                    rule.putObject("shortDescription").put("text", describe(id));
                    return ruleIndex.size();
                });
                ObjectNode result = results.addObject();
                result.put("ruleId", finding.ruleId());
                result.put("ruleIndex", index);
                result.put("level", finding.level() == Level.ERROR ? "error" : "warning");
                result.putObject("message").put("text", finding.message());
                ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri);
                finding.position().ifPresent(p -> {
                    ObjectNode region = physical.putObject("region");
                    region.put("startLine", p.line());
                    region.put("startColumn", p.column());
                });
            }
        }
        // 3.20 invocation: what review could not check is a tool execution notification of level "note"
        ArrayNode notifications = MAPPER.createArrayNode();
        for (FileReview file : files) {
            for (var notice : file.notices()) {
                ObjectNode notification = notifications.addObject();
                notification.putObject("message").put("text", file.path() + ": " + notice.message());
                notification.put("level", "note");
                notification.putObject("descriptor").put("id", notice.ruleId());
            }
        }
        if (!notifications.isEmpty()) {
            ObjectNode invocation = run.putArray("invocations").addObject();
            invocation.put("executionSuccessful", true);
            invocation.set("toolExecutionNotifications", notifications);
        }
        run.put("columnKind", "utf16CodeUnits");
        print(root, out);
    }

    private static String describe(String id) {
        String engine = ENGINE_IDS.get(id);
        if (engine != null) {
            return engine;
        }
        String description = ReviewRules.installed()
                .find(id)
                .map(ReviewRule::descriptor)
                .map(d -> d.description())
                .orElse("");
        return description.isBlank() ? id : description;
    }

    /** The artifact URI of a file name as given on the command line. */
    String uri(String name) {
        if (name.equals(ReviewCommand.STDIN_NAME)) {
            return "%3Cstdin%3E";
        }
        Path path = Path.of(name);
        if (path.isAbsolute()) {
            Path normal = path.normalize();
            if (!normal.startsWith(workingDirectory)) {
                return normal.toUri().toString();
            }
            path = workingDirectory.relativize(normal);
        }
        String slashed =
                path.normalize().toString().replace(path.getFileSystem().getSeparator(), "/");
        try {
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make a URI of " + name, e);
        }
    }

    static void print(ObjectNode root, PrintWriter out) {
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
