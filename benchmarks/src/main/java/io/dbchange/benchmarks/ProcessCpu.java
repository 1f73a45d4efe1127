package io.dbchange.benchmarks;

import io.dbchange.api.engine.ConnectionSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU seconds spent so far by the embedded MariaDB server process and by this JVM, so that a scenario can tell server
 * work ({@code information_schema}, DDL) from its own (driver, pipeline) in a difference of time.
 *
 * @param serverPid the mariadbd listening on the scenario's port, when this system shows it
 */
record ProcessCpu(OptionalLong serverPid) {

    /** The server of {@code admin}'s URL: the mariadbd whose command line names its port. */
    static ProcessCpu of(ConnectionSettings admin) {
        String port = "--port=" + admin.jdbcUrl().replaceAll("^.*://[^:/]+:(\\d+).*$", "$1");
        return new ProcessCpu(ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .filter(c -> c.contains("mariadbd") && (c.contains(port + " ") || c.endsWith(port)))
                        .isPresent())
                .mapToLong(ProcessHandle::pid)
                .findFirst());
    }

    /** {server, jvm} CPU seconds so far; the server's is NaN when unknown (Linux {@code /proc} only). */
    double[] now() {
        double server = Double.NaN;
        if (serverPid.isPresent()) {
            try {
                // fields 14 and 15 of /proc/PID/stat (utime, stime) in clock ticks, 100 per second on Linux; the
                // command name in parentheses may hold spaces, so count from its closing parenthesis
                String stat = Files.readString(Path.of("/proc/" + serverPid.getAsLong() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                server = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (java.io.IOException | RuntimeException e) {
                server = Double.NaN;
            }
        }
        double jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9
                : Double.NaN;
        return new double[] {server, jvm};
    }
}
