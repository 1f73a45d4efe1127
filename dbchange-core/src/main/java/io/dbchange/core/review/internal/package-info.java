/**
 * Implementation of SQL review: the tokenizer and recognizer, the JSqlParser front end, the in-memory catalog of the
 * walk-through, policy loading and the built-in rules. Not API: types here may change without notice.
 */
package io.dbchange.core.review.internal;
