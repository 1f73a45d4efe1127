package io.dbchange.benchmarks;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code benchmarks/target/benchmarks.jar}: {@code java -jar benchmarks.jar SCENARIO [args]} runs
 * the scenario with that name. Without a name, or with an unknown one, it lists the known scenarios and exits with
 * 2.
 */
public final class Run {

    /** Every scenario, in the order they are listed. Adding a scenario means adding one entry here. */
    static final List<Scenario> SCENARIOS = List.of(
            new SplitScenario(),
            new JmhScenario(),
            new SnapshotScenario(),
            new DiffScenario(),
            new ReviewScenario(),
            new RollbackScenario(),
            new PgRollbackScenario(),
            new FanoutScenario(),
            new ApprovalFanoutScenario(),
            new SchemaReadScenario(),
            new MultinodeScenario(),
            new CrashScenario());

    private Run() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the named scenario and returns the exit code; separate from {@link #main} so it can be called in-process. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: benchmarks/run SCENARIO [args]");
            listScenarios(err);
            return 2;
        }
        String name = args[0];
        for (Scenario scenario : SCENARIOS) {
            if (scenario.name().equals(name)) {
                try {
                    return scenario.run(List.of(Arrays.copyOfRange(args, 1, args.length)));
                } catch (Exception e) {
                    err.println("scenario '" + name + "' failed: " + e);
                    e.printStackTrace(err);
                    return 1;
                }
            }
        }
        err.println("unknown scenario '" + name + "'");
        listScenarios(err);
        return 2;
    }

    private static void listScenarios(PrintStream err) {
        err.println("known scenarios:");
        for (Scenario scenario : SCENARIOS) {
            err.printf("  %-10s %s%n", scenario.name(), scenario.summary());
        }
    }
}
