/**
 * Runnable demos of dbchange against real embedded databases. {@link io.dbchange.examples.tutorial.Tutorial} is the
 * README's first command; {@link io.dbchange.examples.Quickstart} shows the statement splitter and executor of each
 * engine; {@code review} holds a custom SQL review rule.
 */
package io.dbchange.examples;
