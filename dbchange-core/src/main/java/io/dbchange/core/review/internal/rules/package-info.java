/**
 * The built-in review rules, one class per rule, registered in
 * {@code META-INF/services/io.dbchange.core.review.ReviewRule}. Ids follow Bytebase's legacy dotted form; our
 * PostgreSQL migration-safety rules (in the spirit of squawk) use {@code pg.*}.
 */
package io.dbchange.core.review.internal.rules;
