package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;

/**
 * A {@code CHECK} constraint of a table or a domain type.
 *
 * @param name the constraint's name, not empty
 * @param expression its condition as normalized text, not blank
 */
public record CheckConstraint(String name, String expression) {

    public CheckConstraint {
        Checks.notEmpty("name", name);
        Checks.notBlank("expression", expression);
    }
}
