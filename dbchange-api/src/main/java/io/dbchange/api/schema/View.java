package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;

/**
 * A view.
 *
 * @param name the view's name, not empty
 * @param definition its query as the server reports it, normalized by the reader; not blank
 */
public record View(String name, String definition) {

    public View {
        Checks.notEmpty("name", name);
        Checks.notBlank("definition", definition);
    }
}
