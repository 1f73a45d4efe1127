package io.dbchange.benchmarks;

import java.util.List;

/**
 * One named benchmark scenario of {@code benchmarks/run}. A new scenario is one class implementing this interface,
 * registered in {@link Run#SCENARIOS}.
 *
 * <p>A scenario prints a short human-readable table and, as its very last line on standard output,
 * {@code RESULT <name> key=value ...} with absolute figures (or {@code skipped=<reason>} when it cannot run here),
 * which scripts compare across runs.
 */
public interface Scenario {

    /** The name given on the command line, e.g. {@code split}. */
    String name();

    /** One line saying what the scenario measures, shown in the list of scenarios. */
    String summary();

    /**
     * Runs the scenario.
     *
     * @param args the command-line arguments after the scenario's name
     * @return the process exit code: 0 when the scenario ran or was skipped for a stated reason
     * @throws Exception when the scenario fails; {@link Run} reports it and exits with 1
     */
    int run(List<String> args) throws Exception;
}
