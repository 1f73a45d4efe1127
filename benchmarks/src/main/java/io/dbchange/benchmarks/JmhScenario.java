package io.dbchange.benchmarks;

import java.util.List;

/**
 * {@code benchmarks/run jmh [JMH options]}: hands its arguments to JMH's own command line, e.g.
 * {@code benchmarks/run jmh SplitterBenchmark -f 1 -wi 3 -i 5} or {@code benchmarks/run jmh -h}.
 */
final class JmhScenario implements Scenario {

    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public String summary() {
        return "JMH micro-benchmarks (e.g. SplitterBenchmark); arguments go to JMH (-h lists them)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        // JMH exits the JVM itself on a bad option or a failed run; on success it returns here.
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return 0;
    }
}
