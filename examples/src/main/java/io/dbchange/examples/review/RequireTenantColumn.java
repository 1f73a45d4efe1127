package io.dbchange.examples.review;

import io.dbchange.api.review.Finding;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A team's own review rule, {@code acme.table.require-tenant-column}: in a multi-tenant schema every new table must
 * have the tenant column (payload {@code column}, default {@code tenant_id}), so that no table escapes row-level
 * tenant isolation. Switch it on like a built-in rule:
 *
 * <pre>{@code
 * rules:
 *   - type: acme.table.require-tenant-column
 *     level: ERROR
 *     payload: {column: org_id}
 * }</pre>
 *
 * It is found with {@link java.util.ServiceLoader} because {@code
 * META-INF/services/io.dbchange.core.review.ReviewRule} lists it. Like every rule it is stateless: one instance
 * serves every review.
 */
public final class RequireTenantColumn implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "acme.table.require-tenant-column",
            Set.of(),
            EnumSet.allOf(Dialect.class),
            List.of(new PayloadField("column", PayloadType.STRING, "tenant_id")),
            "every new table must have the tenant column");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext context, Consumer<Finding> findings) {
        ParsedStatement statement = context.statement();
        if (statement.kind() != StatementKind.CREATE_TABLE) {
            return;
        }
        String tenant = context.payload().string("column");
        boolean hasTenant = statement.columns().stream()
                .map(ColumnDefinition::name)
                .anyMatch(name -> name.equalsIgnoreCase(tenant));
        // CREATE TABLE ... AS SELECT and ... LIKE get their columns elsewhere: only judge tables with a column list
        if (!hasTenant && !statement.columns().isEmpty()) {
            String table = statement.target().map(t -> t.qualified()).orElse("?");
            findings.accept(context.finding("table `" + table + "` has no `" + tenant + "` column; add `" + tenant
                    + "` so the table is isolated per tenant like every other"));
        }
    }
}
