package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import net.openhft.chronicle.queue.RollCycle;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads journal records back from the cycle files of a directory ({@link JournalWalker}: straight from the bytes)
 * and checks each one: its length, its CRC32C, that its sequence follows the previous one, also across cycle
 * files, and that its command decodes. The first bad record stops the read with a
 * {@link JournalCorruptedException} naming the cycle file, the byte offset and the index; the listener never sees
 * it. A replay after a sequence starts at the cycle file holding the next record: older files are covered by the
 * snapshot and are not read. One instance serves one thread.
 */
final class JournalReader
{
    private final JournalWalker walker;

    JournalReader(final RollCycle rollCycle)
    {
        this.walker = new JournalWalker(rollCycle);
    }

    /** What {@link #read} found: records delivered and the journal's first and last sequence read. */
    static final class Summary
    {
        long delivered;
        long firstSequence;
        long lastSequence;
        /** True when the read stopped at a document still being written ({@code liveTail} reads only). */
        boolean incompleteTail;
    }

    /**
     * Reads the records after {@code afterSequence} in order, checking them, and hands them to the listener.
     *
     * @param startAnywhere the journal may start at any sequence (a dump of a journal whose oldest cycle files
     *                      were deleted); otherwise it must hold {@code afterSequence + 1} when it holds more.
     * @param liveTail      an incomplete document at the very end is an append in progress: stop there
     *                      quietly instead of failing (reading a running engine's journal).
     */
    Summary read(
        final Path dir, final long afterSequence, final JournalListener listener, final boolean startAnywhere,
        final boolean liveTail)
    {
        final List<Path> files = CycleFiles.list(dir);
        final Summary summary = new Summary();
        final int start = startAnywhere && afterSequence == 0 ? 0 : startFile(files, afterSequence);
        final JournalWalker.RecordSink sink = (sequence, stampMillis, buffer, offset, length, file, position, index) ->
        {
            if (summary.delivered == 0 && !startAnywhere && sequence != afterSequence + 1)
            {
                throw new JournalCorruptedException("bad journal record in " + file + " at offset " + position +
                    ": journal starts at sequence " + sequence + " but replay after " + afterSequence +
                    " needs sequence " + (afterSequence + 1), file.toFile(), index, position);
            }
            final Command command;
            try
            {
                command = walker.decode(buffer, offset, length);
            }
            catch (final IllegalArgumentException | IndexOutOfBoundsException ex)
            {
                throw new JournalCorruptedException("bad journal record in " + file + " at offset " + position +
                    " (index " + index + "): undecodable command: " + ex.getMessage(), file.toFile(), index, position);
            }
            listener.onRecord(sequence, stampMillis, command);
            summary.delivered++;
        };
        for (int i = start; i < files.size(); i++)
        {
            final long expected = summary.lastSequence > 0 ? summary.lastSequence + 1 : 0;
            final JournalWalker.FileWalk walk = walker.walk(files.get(i), expected, afterSequence, sink, false);
            if (walk.hasRecords())
            {
                if (summary.firstSequence == 0)
                {
                    summary.firstSequence = walk.firstSequence;
                }
                summary.lastSequence = walk.lastSequence;
            }
            if (walk.problem != null)
            {
                if (liveTail && walk.problem.kind() == JournalProblem.Kind.INCOMPLETE && i == files.size() - 1)
                {
                    summary.incompleteTail = true;
                    break;
                }
                throw walk.problem.exception(null);
            }
        }
        if (summary.lastSequence < afterSequence)
        {
            throw new JournalCorruptedException("replay after sequence " + afterSequence + " but the journal in " +
                dir + " ends at sequence " + summary.lastSequence);
        }
        return summary;
    }

    /**
     * The first cycle file to read for the records after {@code afterSequence}: the newest whose first record is
     * at or before {@code afterSequence + 1}, or the oldest. A file whose first record cannot be read is passed
     * over, so that the read starts earlier and reports it in order.
     */
    private int startFile(final List<Path> files, final long afterSequence)
    {
        if (afterSequence <= 0)
        {
            return 0;
        }
        for (int i = files.size() - 1; i > 0; i--)
        {
            final JournalWalker.FileWalk first = walker.walk(files.get(i), 0, Long.MAX_VALUE, null, true);
            if (first.problem == null && first.hasRecords() && first.firstSequence <= afterSequence + 1)
            {
                return i;
            }
        }
        return 0;
    }
}
