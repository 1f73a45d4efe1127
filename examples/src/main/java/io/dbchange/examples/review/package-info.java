/**
 * An example of a team's own SQL review rule, {@link io.dbchange.examples.review.RequireTenantColumn}: a {@link
 * io.dbchange.core.review.ReviewRule} listed in {@code META-INF/services/io.dbchange.core.review.ReviewRule}, so that
 * review finds it on the class path next to the built-in rules and policies can switch it on by id.
 */
package io.dbchange.examples.review;
