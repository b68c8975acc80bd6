package dev.loyalty.tools;

import dev.loyalty.engine.journal.JournalDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code loyalty journal dump} and {@code loyalty journal verify}: a journal read for operators with
 * {@link JournalDump}, every record checked as replay would check it. The journal is opened read-only, so a running
 * engine's journal can be read. A bad record is named (cycle file and index) and exits
 * {@link ExitCodes#JOURNAL_CORRUPTED}; a missing journal exits {@link ExitCodes#FAILURE}.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "(dump | verify)",
    description = "Reads a journal; every record is checked (checksum, sequence, command) as replay would.")
final class JournalCommand
{
    private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

    /** The journal directory of a data directory. */
    static Path journalDir(final Path dataDir)
    {
        return dataDir.resolve("journal");
    }

    /** The exit code of a {@link JournalDump} result. */
    static int exitCode(final int dumpResult)
    {
        return switch (dumpResult)
        {
            case JournalDump.OK -> ExitCodes.OK;
            case JournalDump.CORRUPTED -> ExitCodes.JOURNAL_CORRUPTED;
            default -> ExitCodes.FAILURE;
        };
    }

    /** A buffered stream over {@code out}: a dump can run to millions of lines. Flush it when done. */
    static PrintStream buffered(final PrintStream out)
    {
        return new PrintStream(new BufferedOutputStream(out, OUTPUT_BUFFER_BYTES), false, StandardCharsets.UTF_8);
    }

    /** The option both subcommands take. */
    static final class DataDirOption
    {
        @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The engine's data directory; the journal is in DIR/journal [LOYALTY_DATA_DIR]. " +
                "Default: ${DEFAULT-VALUE}.")
        Path dataDir = Path.of("data");
    }

    /** {@code loyalty journal dump}: one line a record, then a summary. */
    @Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Prints every record, 'seq=<n> at=<engine time, UTC> type=<command> crc=ok <command>', then " +
                "'records=<n> lastSeq=<n>'.",
            "Exit codes: 0 every record good, 1 no journal, 3 a bad record (named on the output)."})
    static final class Dump implements Callable<Integer>
    {
        @Mixin
        DataDirOption options = new DataDirOption();

        private final PrintStream out;

        Dump(final PrintStream out)
        {
            this.out = out;
        }

        public Integer call()
        {
            final PrintStream buffered = buffered(out);
            final int result = JournalDump.print(journalDir(options.dataDir), buffered);
            buffered.flush();
            return exitCode(result);
        }
    }

    /** {@code loyalty journal verify}: checks every record and prints only the summary. */
    @Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks every record and prints 'records=<n> lastSeq=<n>', or names the bad record.",
            "Exit codes: 0 every record good, 1 no journal, 3 a bad record."})
    static final class Verify implements Callable<Integer>
    {
        @Mixin
        DataDirOption options = new DataDirOption();

        private final PrintStream out;

        Verify(final PrintStream out)
        {
            this.out = out;
        }

        public Integer call()
        {
            final PrintStream buffered = buffered(out);
            final int result = JournalDump.verify(journalDir(options.dataDir), buffered);
            buffered.flush();
            return exitCode(result);
        }
    }
}
