package io.dbchange.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public void write(List<FileReview> files, PrintWriter out) {
        // streamed with jackson-core's generator, not built as a databind tree: the same bytes, without loading and
        // warming Jackson's databind classes, which took a visible share of a command-line review
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("files");
            for (FileReview file : files) {
                json.writeStartObject();
                json.writeStringField("path", file.path());
                json.writeNumberField("statements", file.statements());
                json.writeArrayFieldStart("findings");
                for (Finding finding : file.findings()) {
                    json.writeStartObject();
                    json.writeStringField("rule", finding.ruleId());
                    json.writeStringField("level", finding.level().name());
                    json.writeStringField("message", finding.message());
                    if (finding.position().isPresent()) {
                        json.writeNumberField("line", finding.position().get().line());
                        json.writeNumberField("column", finding.position().get().column());
                    } else {
                        json.writeNullField("line");
                        json.writeNullField("column");
                    }
                    if (finding.statementIndex().isPresent()) {
                        json.writeNumberField(
                                "statement", finding.statementIndex().getAsInt());
                    } else {
                        json.writeNullField("statement");
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("notices");
                for (var notice : file.notices()) {
                    json.writeStartObject();
                    json.writeStringField("rule", notice.ruleId());
                    json.writeStringField("message", notice.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("summary");
            json.writeNumberField("errors", Report.count(files, Level.ERROR));
            json.writeNumberField("warnings", Report.count(files, Level.WARNING));
            json.writeNumberField("files", files.size());
            json.writeNumberField("statements", Report.statements(files));
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(text);
        out.flush();
    }
}
