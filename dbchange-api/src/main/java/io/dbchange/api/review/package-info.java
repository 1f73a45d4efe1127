/**
 * The results of SQL review: a {@link io.dbchange.api.review.Finding} names the rule, its
 * {@link io.dbchange.api.review.Level}, where in the script it applies and what is wrong. Findings are values a
 * caller collects, never exceptions. The rules and the review engine live in {@code dbchange-core} and the engine
 * modules.
 */
package io.dbchange.api.review;
