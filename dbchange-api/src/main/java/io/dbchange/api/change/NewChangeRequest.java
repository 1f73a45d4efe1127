package io.dbchange.api.change;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;

/**
 * What a person asks for when creating a change request: the statements (one script, as text; read files with
 * {@code Files.readString}), the type, the targets and who asks.
 *
 * @param projectId the project the targets belong to
 * @param title a one-line title
 * @param description free text, may be empty
 * @param type what kind of change the statements make
 * @param statement the script, run on every target database
 * @param targets the databases, or a selector expanded into them
 * @param creator the principal creating the request
 * @param options version, rollout time, rollback capture
 */
public record NewChangeRequest(
        String projectId,
        String title,
        String description,
        ChangeType type,
        String statement,
        TargetSelector targets,
        String creator,
        ChangeOptions options) {

    public NewChangeRequest {
        Ids.requireDefinedId("projectId", projectId);
        Checks.notBlank("title", title);
        Checks.notNull("description", description);
        Checks.notNull("type", type);
        Checks.notBlank("statement", statement);
        Checks.notNull("targets", targets);
        Checks.notBlank("creator", creator);
        Checks.notNull("options", options);
    }

    /** A request with an empty description and default options. */
    public static NewChangeRequest of(
            String projectId, String title, ChangeType type, String statement, TargetSelector targets, String creator) {
        return new NewChangeRequest(projectId, title, "", type, statement, targets, creator, ChangeOptions.DEFAULTS);
    }

    public NewChangeRequest withOptions(ChangeOptions next) {
        return new NewChangeRequest(projectId, title, description, type, statement, targets, creator, next);
    }
}
