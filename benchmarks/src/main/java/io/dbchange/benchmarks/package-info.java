/**
 * Benchmarks of dbchange, started with {@code benchmarks/run SCENARIO [args]}: {@link io.dbchange.benchmarks.Run}
 * dispatches to one {@link io.dbchange.benchmarks.Scenario} per name (for example {@code split}), and
 * {@code jmh} passes its arguments to JMH for the micro-benchmarks such as
 * {@link io.dbchange.benchmarks.SplitterBenchmark}. Each scenario prints a short table for people and, as its last
 * line, a machine-readable {@code RESULT name key=value ...} line.
 */
package io.dbchange.benchmarks;
