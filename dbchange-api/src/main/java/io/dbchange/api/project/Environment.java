package io.dbchange.api.project;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import java.util.Comparator;

/**
 * An ordered stage of the pipeline, such as {@code test < staging < prod}. A change rolls out to environments in
 * increasing {@link #order()}; each has a {@link RolloutPolicy}.
 *
 * @param id the environment's defined id ({@link Ids#DEFINED_ID_REGEX}), e.g. {@code prod}
 * @param name the name people see, not blank
 * @param order the environment's rank in the pipeline, not negative; lower runs first. Environments of one
 *     configuration have distinct orders (checked where the configuration is assembled)
 * @param rolloutPolicy whether its tasks start automatically or by a person holding a named role
 */
public record Environment(String id, String name, int order, RolloutPolicy rolloutPolicy) {

    /** Pipeline order: by {@link #order()}, then by {@link #id()} so that the order is total. */
    public static final Comparator<Environment> PIPELINE_ORDER =
            Comparator.comparingInt(Environment::order).thenComparing(Environment::id);

    public Environment {
        Ids.requireDefinedId("id", id);
        Checks.notBlank("name", name);
        Checks.notNegative("order", order);
        Checks.notNull("rolloutPolicy", rolloutPolicy);
    }
}
