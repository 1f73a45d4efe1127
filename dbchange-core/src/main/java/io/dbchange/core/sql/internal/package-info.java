/**
 * The single-pass scanners behind {@link io.dbchange.core.sql.StatementSplitter}: one per dialect, each a hand-written
 * character loop (no regular expressions) that cuts pieces, plus a keyword tracker per dialect that follows compound
 * bodies and client-relevant statements. Not a public API: use {@code io.dbchange.core.sql}.
 */
package io.dbchange.core.sql.internal;
