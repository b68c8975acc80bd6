package dev.loyalty.engine.journal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints a journal for people, checking every record as replay would. {@link #print} writes one line a record,
 * {@code seq=<n> at=<ISO-8601 UTC ms> type=<CommandType> crc=ok <command>}, then {@code records=<n>
 * lastSeq=<n>}; {@link #verify} prints only that summary. A bad record stops the dump with a line naming the
 * cycle file, the byte offset and the index, and a non-zero result. The cycle files are read directly and never
 * written, so a live engine's journal can be dumped while it runs: an incomplete document at its very end is
 * an append in progress, read again once after {@value #LIVE_TAIL_WAIT_MILLIS} ms and reported only if it is
 * still incomplete (then it is a torn write, which the engine truncates when it starts).
 */
public final class JournalDump
{
    static
    {
        ChronicleSettings.apply();
    }

    /** The journal was read to its end and every record is good. */
    public static final int OK = 0;
    /** A record is bad (checksum, length, sequence or command); it is named on the output. */
    public static final int CORRUPTED = 1;
    /** There is no journal to read in the directory given. */
    public static final int NO_JOURNAL = 2;

    static final long LIVE_TAIL_WAIT_MILLIS = 200;

    private static final DateTimeFormatter AT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JournalDump()
    {
    }

    /**
     * Prints every record of the journal in {@code journalDir} and a summary line.
     *
     * @return {@link #OK}, {@link #CORRUPTED} or {@link #NO_JOURNAL}.
     */
    public static int print(final Path journalDir, final PrintStream out)
    {
        return dump(journalDir, out, true);
    }

    /**
     * Checks every record of the journal in {@code journalDir} and prints only the summary line (and the bad
     * record, if any).
     *
     * @return {@link #OK}, {@link #CORRUPTED} or {@link #NO_JOURNAL}.
     */
    public static int verify(final Path journalDir, final PrintStream out)
    {
        return dump(journalDir, out, false);
    }

    /** Formats an engine stamp as the dump prints it: ISO-8601 in UTC with milliseconds. */
    public static String formatStamp(final long stampMillis)
    {
        return AT.format(Instant.ofEpochMilli(stampMillis));
    }

    private static int dump(final Path journalDir, final PrintStream out, final boolean everyRecord)
    {
        if (!Files.isDirectory(journalDir))
        {
            out.println("error: no journal directory " + journalDir);
            return NO_JOURNAL;
        }
        final long[] summary = new long[2];
        final JournalListener listener = (sequence, stampMillis, command) ->
        {
            summary[0]++;
            summary[1] = sequence;
            if (everyRecord)
            {
                out.println("seq=" + sequence + " at=" + formatStamp(stampMillis) + " type=" + command.type() +
                    " crc=ok " + command);
            }
        };
        try
        {
            final JournalReader reader = new JournalReader(Journal.ROLL_CYCLE);
            if (reader.read(journalDir, 0, listener, true, true).incompleteTail)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(LIVE_TAIL_WAIT_MILLIS));
                reader.read(journalDir, summary[1], listener, summary[1] == 0, false);
            }
        }
        catch (final JournalCorruptedException ex)
        {
            out.println("error: " + ex.getMessage());
            printSummary(out, summary);
            return CORRUPTED;
        }
        printSummary(out, summary);
        return OK;
    }

    private static void printSummary(final PrintStream out, final long[] summary)
    {
        out.println("records=" + summary[0] + " lastSeq=" + summary[1]);
    }
}
