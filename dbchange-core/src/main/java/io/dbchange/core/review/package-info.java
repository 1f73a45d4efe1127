/**
 * SQL review: every change passes it before it may run. {@link io.dbchange.core.review.SqlReview} splits a script,
 * parses each statement into the {@link io.dbchange.core.review.statement statement model}, runs the rules of a
 * {@link io.dbchange.core.review.ReviewPolicy} on it against a {@link io.dbchange.core.review.Catalog} that walks
 * through the script's DDL, and returns {@link io.dbchange.api.review.Finding findings}. Rules are
 * {@link io.dbchange.core.review.ReviewRule}s found with {@link java.util.ServiceLoader}; their ids follow Bytebase's
 * legacy dotted form ({@code statement.where.require-update-delete}), PostgreSQL safety rules use {@code pg.*}.
 */
package io.dbchange.core.review;
