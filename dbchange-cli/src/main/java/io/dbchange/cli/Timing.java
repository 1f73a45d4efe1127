package io.dbchange.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Start-up profile marks for {@code DBCHANGE_TIMING=1}: each mark prints to stderr the milliseconds since the JVM
 * process started and since the previous mark, so a slow start can be cut into JVM start, option parsing, policy
 * loading, review and report without a profiler. Off by default: then a mark costs one field read.
 */
final class Timing {

    private static final boolean ON = "1".equals(System.getenv("DBCHANGE_TIMING"));
    private static long last;

    private Timing() {}

    static void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        PrintStream err = System.err;
        if (last == 0) {
            // the JVM's uptime (java.management is loaded only with timing on)
            long sinceStart =
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            err.printf(Locale.ROOT, "timing: %-28s %6d ms since the JVM started%n", what, sinceStart);
            now = System.nanoTime();
        } else {
            err.printf(Locale.ROOT, "timing: %-28s %6.1f ms%n", what, (now - last) / 1e6);
        }
        last = now;
    }
}
