package io.dbchange.postgres.rollback;

import java.util.List;

/**
 * The answer to "can this change be captured and rolled back exactly?", given before anything runs.
 *
 * @param statements the number of statements in the script
 * @param tables the tables the statements write, schema-qualified, in first-use order
 * @param refusals everything that stands in the way; empty when the change can be captured as it is
 */
public record RollbackCheck(int statements, List<String> tables, List<Refusal> refusals) {

    public RollbackCheck {
        tables = List.copyOf(tables);
        refusals = List.copyOf(refusals);
    }

    /** Whether the change can be captured with the given options (every refusal is lifted by consent, if given). */
    public boolean capturable(CaptureOptions options) {
        return refusals.stream()
                .allMatch(r -> r.consentable() && options.coverOnlyNamedTables().isPresent());
    }
}
