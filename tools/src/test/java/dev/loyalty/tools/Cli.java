package dev.loyalty.tools;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The command line run in this JVM with a given environment, its output and error captured. */
final class Cli
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandLine commandLine;

    Cli(final Map<String, String> environment)
    {
        commandLine = LoyaltyCli.commandLine(environment,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    Cli()
    {
        this(Map.of());
    }

    int execute(final String... args)
    {
        return commandLine.execute(args);
    }

    /** Parses {@code serve} with {@code args} (nothing runs) and returns the command with its settings. */
    ServeCommand parseServe(final String... args)
    {
        final String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        commandLine.parseArgs(all);
        return commandLine.getSubcommands().get("serve").getCommand();
    }

    CommandLine commandLine()
    {
        return commandLine;
    }

    String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
