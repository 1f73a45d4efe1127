/**
 * Runnable demos of dbchange against real embedded databases. {@link io.dbchange.examples.Quickstart} is the
 * README's first command; it grows as capabilities land.
 */
package io.dbchange.examples;
