package io.dbchange.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code dbchange} command line. One command so far, {@code review}:
 *
 * <pre>
 * dbchange review --engine mysql|postgres [--policy prod|dev|FILE] [--format text|json|sarif]
 *                 [--fail-on error|warning] FILES...   (- reads standard input)
 * </pre>
 *
 * <p>Exit codes: {@value #EXIT_CLEAN} clean (or warnings only), {@value #EXIT_WARNINGS} warnings only with {@code
 * --fail-on warning}, {@value #EXIT_ERRORS} errors, {@value #EXIT_USAGE} bad usage or input. Problems with the input
 * are one line on stderr that names the problem and the fix.
 */
@Command(
        name = "dbchange",
        mixinStandardHelpOptions = true,
        versionProvider = DbChangeCli.Version.class,
        description = "Governed database change from the command line.",
        synopsisSubcommandLabel = "COMMAND")
public final class DbChangeCli implements Callable<Integer> {

    /** No finding, or warnings only without {@code --fail-on warning}. */
    public static final int EXIT_CLEAN = 0;

    /** Warnings but no errors, with {@code --fail-on warning}. */
    public static final int EXIT_WARNINGS = 1;

    /** At least one ERROR finding. */
    public static final int EXIT_ERRORS = 2;

    /** Bad usage or input: unknown option or engine, unreadable file, bad policy. */
    public static final int EXIT_USAGE = 3;

    private CommandLine commandLine;

    private DbChangeCli() {}

    /** {@code dbchange} without a command: the usage on stderr, exit {@value #EXIT_USAGE}. */
    @Override
    public Integer call() {
        CommandLine self = commandLine;
        self.getErr().println("dbchange: missing command; use 'dbchange review ...' (see 'dbchange --help')");
        self.getErr().flush();
        return EXIT_USAGE;
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        Timing.mark("main");
        CommandLine commandLine = commandLine(System.in, colour(System.console() != null, System.getenv()));
        Timing.mark("command line built");
        int exit = commandLine.execute(args);
        Timing.mark("done");
        System.exit(exit);
    }

    /** Colour only on a terminal and when {@code NO_COLOR} is unset (<a href="https://no-color.org">no-color.org</a>). */
    static boolean colour(boolean terminal, Map<String, String> environment) {
        return terminal && !environment.containsKey("NO_COLOR");
    }

    /**
     * The command line reading standard input from {@code stdin}, with ANSI colour in text output when {@code
     * colour}; set its out and err writers to capture the output.
     */
    static CommandLine commandLine(InputStream stdin, boolean colour) {
        return commandLine(stdin, colour, System.getenv());
    }

    /** Like {@link #commandLine(InputStream, boolean)}, with {@code environment} instead of the process's. */
    static CommandLine commandLine(InputStream stdin, boolean colour, Map<String, String> environment) {
        DbChangeCli top = new DbChangeCli();
        CommandLine commandLine = new CommandLine(top);
        top.commandLine = commandLine;
        commandLine.addSubcommand(new ReviewCommand(stdin, colour, environment));
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr()
                    .println("dbchange: " + e.getMessage() + "; see '"
                            + failed.getCommandSpec().qualifiedName() + " --help'");
            failed.getErr().flush();
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof ReviewCommand.BadInput) {
                failed.getErr().println("dbchange: " + e.getMessage());
                failed.getErr().flush();
                return EXIT_USAGE;
            }
            // a defect, not the user's input: say so, keep the trace for the bug report
            failed.getErr().println("dbchange: unexpected failure (" + e + "); please report it with this trace");
            e.printStackTrace(failed.getErr());
            failed.getErr().flush();
            return EXIT_USAGE;
        });
        return commandLine;
    }

    /** The version from the build ({@code version.properties}). */
    static final class Version implements IVersionProvider {

        static String version() {
            return properties().getProperty("version", "unknown");
        }

        /**
         * Where a reader of a SARIF report learns about the tool: {@code DBCHANGE_INFORMATION_URI} from the
         * environment, else what the build put in {@code version.properties} (the pom property {@code
         * dbchange.information.uri}, a placeholder until the project has a public home), so a team can point code
         * scanning at its own copy of the README. Always an absolute http(s) URI, as SARIF requires.
         */
        static String informationUri(Map<String, String> environment) {
            return Optional.ofNullable(environment.get("DBCHANGE_INFORMATION_URI"))
                    .or(() -> Optional.ofNullable(properties().getProperty("informationUri")))
                    .filter(uri -> uri.startsWith("https://") || uri.startsWith("http://"))
                    .orElse(PLACEHOLDER_INFORMATION_URI);
        }

        /** The information URI when neither the environment nor the build gives one. */
        static final String PLACEHOLDER_INFORMATION_URI = "https://dbchange.invalid/README.md";

        private static Properties properties() {
            try (InputStream in = DbChangeCli.class.getResourceAsStream("version.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String[] getVersion() {
            return new String[] {"dbchange " + version()};
        }
    }
}
