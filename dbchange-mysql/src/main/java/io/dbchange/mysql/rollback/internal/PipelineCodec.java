package io.dbchange.mysql.rollback.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.core.schema.SchemaJson;
import io.dbchange.mysql.rollback.BinlogPosition;
import io.dbchange.mysql.rollback.CapturedChange;
import io.dbchange.mysql.rollback.RollbackErrorCode;
import io.dbchange.mysql.rollback.RollbackScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The text forms of a {@link CapturedChange} and a {@link RollbackScript} that the pipeline's rollback store keeps,
 * so that a rollback can be generated and applied after a restart; and the SHA-256 of a script's chunk files, which
 * approval binds to.
 */
public final class PipelineCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineCodec() {}

    public static String writeCapture(CapturedChange c) {
        return toNode(c).toString();
    }

    public static CapturedChange readCapture(String text) {
        return fromNode(parse(text));
    }

    public static String writeScript(RollbackScript s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("directory", s.directory().toAbsolutePath().toString());
        n.put("chunks", s.chunks());
        n.put("statements", s.statementCount());
        n.put("database", s.database());
        n.set("source", toNode(s.source()));
        return n.toString();
    }

    public static RollbackScript readScript(String text) {
        JsonNode n = parse(text);
        return new RollbackScript(
                Path.of(n.get("directory").asText()),
                n.get("chunks").asInt(),
                n.get("statements").asLong(),
                n.get("database").asText(),
                fromNode(n.get("source")));
    }

    /** SHA-256 over the chunk files' bytes in order: what was reviewed is exactly what runs. */
    public static String sha256(RollbackScript s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (Path p : s.chunkFiles()) {
                try (InputStream in = Files.newInputStream(p)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        md.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_SCRIPT_IO,
                    "cannot read rollback script in " + s.directory() + ": " + e.getMessage(),
                    e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode toNode(CapturedChange c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("database", c.database());
        n.put("startFile", c.start().file());
        n.put("startPosition", c.start().position());
        n.put("endFile", c.end().file());
        n.put("endPosition", c.end().position());
        c.gtid().ifPresent(g -> n.put("gtid", g));
        n.put("threadId", c.threadId());
        n.put("statements", c.statements());
        n.put("rowsAffected", c.rowsAffected());
        n.put("schema", SchemaJson.write(c.schema()));
        return n;
    }

    private static CapturedChange fromNode(JsonNode n) {
        return new CapturedChange(
                n.get("database").asText(),
                new BinlogPosition(
                        n.get("startFile").asText(), n.get("startPosition").asLong()),
                new BinlogPosition(
                        n.get("endFile").asText(), n.get("endPosition").asLong()),
                n.hasNonNull("gtid") ? Optional.of(n.get("gtid").asText()) : Optional.empty(),
                n.get("threadId").asLong(),
                n.get("statements").asLong(),
                n.get("rowsAffected").asLong(),
                SchemaJson.read(n.get("schema").asText()));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT, "not a binlog rollback record written by dbchange: " + e, e);
        }
    }
}
