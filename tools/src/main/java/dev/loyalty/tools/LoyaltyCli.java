package dev.loyalty.tools;

import dev.loyalty.tools.load.LoadgenCommand;
import dev.loyalty.tools.load.SeedCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code loyalty} command line: {@code loyalty serve} runs the engine with its HTTP gateway,
 * {@code loyalty journal dump|verify} reads a journal, {@code loyalty snapshot [verify]} writes or checks
 * snapshots, {@code loyalty seed} makes members and {@code loyalty loadgen} measures a running engine under load.
 * {@code ./loyalty} at the repository root builds and runs it
 * with the JVM flags Chronicle Queue needs.
 * <p>
 * Options take their defaults from environment variables first ({@link EnvironmentDefaults}), enum values in any
 * case. A bad flag or variable is a usage error ({@link UsageError}: a message on stderr, exit
 * {@link ExitCodes#USAGE}); when the bad value came from a variable the message says which.
 */
@Command(
    name = "loyalty",
    mixinStandardHelpOptions = true,
    versionProvider = LoyaltyCli.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "The loyalty transaction engine: checkouts over HTTP, journaled, recovered after a crash.",
    commandListHeading = "%nCommands:%n",
    footer = {"", "'loyalty COMMAND --help' describes a command."})
public final class LoyaltyCli
{
    private LoyaltyCli()
    {
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(final String[] args)
    {
        System.exit(commandLine(System.getenv(), System.out, System.err).execute(args));
    }

    /** The command line, reading {@code environment} for defaults and printing to {@code out} and {@code err}. */
    static CommandLine commandLine(final Map<String, String> environment, final PrintStream out, final PrintStream err)
    {
        final CommandLine journal = new CommandLine(new JournalCommand())
            .addSubcommand(new JournalCommand.Dump(out))
            .addSubcommand(new JournalCommand.Verify(out));
        final CommandLine snapshot = new CommandLine(new SnapshotCommand(environment, out, err))
            .addSubcommand(new SnapshotCommand.Verify(out));
        final CommandLine cli = new CommandLine(new LoyaltyCli())
            .addSubcommand(new ServeCommand(environment, out, err))
            .addSubcommand(journal)
            .addSubcommand(snapshot)
            .addSubcommand(new SeedCommand(environment, out, err))
            .addSubcommand(new LoadgenCommand(environment, out, err));

        final EnvironmentDefaults defaults = new EnvironmentDefaults(ServeCommand.VARIABLES, environment);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(defaults);
        cli.setParameterExceptionHandler(new UsageError(defaults));
        return cli;
    }

    /**
     * A usage error: the message (naming the environment variable when the bad value came from one), then
     * picocli's suggestions for a mistyped flag, the usage of a command missing its subcommand, or a pointer to
     * {@code --help}. Exits {@link ExitCodes#USAGE}.
     */
    static final class UsageError implements IParameterExceptionHandler
    {
        private final EnvironmentDefaults defaults;

        UsageError(final EnvironmentDefaults defaults)
        {
            this.defaults = defaults;
        }

        public int handleParseException(final ParameterException ex, final String[] args)
        {
            final CommandLine cmd = ex.getCommandLine();
            final PrintWriter err = cmd.getErr();
            final ArgSpec arg = ex.getArgSpec();
            if (arg != null && defaults.suppliedByEnvironment(arg, List.of(args)))
            {
                err.println(ex.getMessage() + " (from the environment variable " + defaults.variableOf(arg) + ")");
            }
            else
            {
                err.println(ex.getMessage());
            }
            if (!UnmatchedArgumentException.printSuggestions(ex, err))
            {
                if (arg == null && !cmd.getSubcommands().isEmpty())
                {
                    cmd.usage(err);
                }
                else
                {
                    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
                }
            }
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider
    {
        public String[] getVersion()
        {
            final String version = LoyaltyCli.class.getPackage().getImplementationVersion();
            return new String[]{"loyalty " + (version == null ? "(development build)" : version)};
        }
    }
}
