/**
 * The statement model SQL review rules work on: one {@link io.dbchange.core.review.statement.ParsedStatement} per
 * statement, with its {@link io.dbchange.core.review.statement.StatementKind kind}, the objects it touches and the
 * clauses rules ask about, each with its source position where known. {@link
 * io.dbchange.core.review.statement.StatementParser} builds it from JSqlParser's syntax tree and from our own token
 * recognizer; rules never see JSqlParser classes.
 */
package io.dbchange.core.review.statement;
