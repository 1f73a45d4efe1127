package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL domain type ({@code CREATE DOMAIN}): a base type with constraints.
 *
 * @param name the type's name, not empty
 * @param baseType its base type as normalized text, not blank
 * @param nullable whether it accepts {@code NULL}
 * @param defaultExpression its default as an SQL expression, if any
 * @param checks its check constraints, distinct names (copied, immutable)
 */
public record DomainType(
        String name,
        String baseType,
        boolean nullable,
        Optional<String> defaultExpression,
        List<CheckConstraint> checks) {

    public DomainType {
        Checks.notEmpty("name", name);
        Checks.notBlank("baseType", baseType);
        Checks.notBlank("defaultExpression", defaultExpression);
        checks = Checks.copy("checks", checks);
        Checks.distinct("checks", "check constraint name", checks, CheckConstraint::name);
    }
}
