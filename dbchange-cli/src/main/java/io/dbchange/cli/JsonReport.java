package io.dbchange.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON for tools. The shape is stable (fields are only ever added):
 *
 * <pre>{@code
 * {
 *   "files": [
 *     { "path": "migrations/V2.sql",            // as given; "<stdin>" for -
 *       "statements": 3,                        // statements in the file
 *       "findings": [
 *         { "rule": "table.require-pk", "level": "ERROR",   // or "WARNING"
 *           "message": "...",
 *           "line": 4, "column": 1,             // 1-based; null for a finding about the whole script
 *           "statement": 1 }                    // 0-based statement index in the file; null when not about one
 *       ],
 *       "notices": [                            // what review could not check, e.g. rules needing a connection
 *         { "rule": "statement.dml-dry-run", "message": "not checked: no connection; ..." } ] }
 *   ],
 *   "summary": { "errors": 1, "warnings": 0, "files": 1, "statements": 3 }
 * }
 * }</pre>
 */
final class JsonReport implements Report {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(List<FileReview> files, PrintWriter out) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode fileNodes = root.putArray("files");
        for (FileReview file : files) {
            ObjectNode fileNode = fileNodes.addObject();
            fileNode.put("path", file.path());
            fileNode.put("statements", file.statements());
            ArrayNode findings = fileNode.putArray("findings");
            for (Finding finding : file.findings()) {
                ObjectNode node = findings.addObject();
                node.put("rule", finding.ruleId());
                node.put("level", finding.level().name());
                node.put("message", finding.message());
                if (finding.position().isPresent()) {
                    node.put("line", finding.position().get().line());
                    node.put("column", finding.position().get().column());
                } else {
                    node.putNull("line");
                    node.putNull("column");
                }
                if (finding.statementIndex().isPresent()) {
                    node.put("statement", finding.statementIndex().getAsInt());
                } else {
                    node.putNull("statement");
                }
            }
            ArrayNode notices = fileNode.putArray("notices");
            for (var notice : file.notices()) {
                notices.addObject().put("rule", notice.ruleId()).put("message", notice.message());
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("errors", Report.count(files, Level.ERROR));
        summary.put("warnings", Report.count(files, Level.WARNING));
        summary.put("files", files.size());
        summary.put("statements", Report.statements(files));
        print(root, out);
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
