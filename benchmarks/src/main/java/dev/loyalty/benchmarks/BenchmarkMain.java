package dev.loyalty.benchmarks;

import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.ProfilersFailedException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The benchmarks jar's entry point: JMH's command line ({@code java -jar benchmarks.jar -h}), except that every
 * forked JVM is started with the Chronicle Queue flags of {@link BenchmarkJvm#chronicleFlags()} before any
 * {@code -jvmArgsPrepend} given on the command line. Benchmarks set their heap and other flags with
 * {@code @Fork(jvmArgsAppend = ...)}, which this leaves alone; so a benchmark class added to this module gets the
 * flags without naming them.
 */
public final class BenchmarkMain
{
    private BenchmarkMain()
    {
    }

    /** Runs JMH with the given command line. */
    public static void main(final String[] args) throws Exception
    {
        final CommandLineOptions cmdOptions;
        try
        {
            cmdOptions = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            System.err.println("Error parsing command line:");
            System.err.println(" " + ex.getMessage());
            System.exit(1);
            return;
        }
        if (cmdOptions.shouldHelp())
        {
            cmdOptions.showHelp();
            return;
        }
        if (cmdOptions.shouldListProfilers())
        {
            cmdOptions.listProfilers();
            return;
        }
        if (cmdOptions.shouldListResultFormats())
        {
            cmdOptions.listResultFormats();
            return;
        }

        final Runner runner = new Runner(withChronicleFlags(cmdOptions));
        if (cmdOptions.shouldList())
        {
            runner.list();
            return;
        }
        if (cmdOptions.shouldListWithParams())
        {
            runner.listWithParams(cmdOptions);
            return;
        }
        try
        {
            runner.run();
        }
        catch (final NoBenchmarksException ex)
        {
            System.err.println("No matching benchmarks. Miss-spelled regexp? Use -l to list them.");
            System.exit(1);
        }
        catch (final ProfilersFailedException ex)
        {
            System.err.println("Profilers failed to initialize, exiting.");
            ex.printStackTrace(System.err);
            System.exit(1);
        }
        catch (final RunnerException ex)
        {
            System.err.println("ERROR: " + ex.getMessage());
            ex.printStackTrace(System.err);
            System.exit(1);
        }
    }

    static Options withChronicleFlags(final CommandLineOptions cmdOptions)
    {
        final List<String> prepend = new ArrayList<>(BenchmarkJvm.chronicleFlags());
        final Collection<String> given = cmdOptions.getJvmArgsPrepend().orElse(List.of());
        prepend.addAll(given);
        return new OptionsBuilder()
            .parent(cmdOptions)
            .jvmArgsPrepend(prepend.toArray(new String[0]))
            .build();
    }
}
