/**
 * The tutorial behind the README's first command: three stories of governed change (change workflow with rollback
 * and drift on MariaDB, risk-adjusted approval on two MariaDB servers, the same on PostgreSQL with a safety finding),
 * told through the public API only and checking every outcome. {@link io.dbchange.examples.tutorial.Tutorial} is the
 * entry point; each story is a class of its own, {@link io.dbchange.examples.tutorial.Narrator} prints text or JSON
 * and {@link io.dbchange.examples.tutorial.Expect} compares what happened with what the story promises.
 */
package io.dbchange.examples.tutorial;
