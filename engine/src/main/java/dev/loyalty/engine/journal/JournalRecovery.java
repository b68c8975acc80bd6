package dev.loyalty.engine.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.Wires;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@link Journal#open} does before Chronicle Queue touches the files: find the last good record and decide
 * what to do with damage at the end of the journal.
 * <p>
 * It walks the cycle files from the newest back to the last one holding a good record, checking every document
 * ({@link JournalWalker}) and that nothing but zeros follows the end of the written data. At most one damaged
 * place may be found, and only at the tail:
 * <ul>
 *   <li>An incomplete document, a header that runs past the end of the file, a record whose checksum fails, or
 *   stray bytes after the last record, with <b>no whole record anywhere after it</b> (this file or a later one),
 *   past Chronicle's own headers: the tail of an append that did not finish. An answer leaves only after its
 *   append returned (and, with {@code SYNC}, after the batch was forced), so that record was never
 *   acknowledged. It is <b>truncated</b>: the damaged bytes are copied to {@code <journal>-damaged/}, cleared,
 *   and a zero-length Chronicle metadata document is written where the record began, so that Chronicle's
 *   appender, whose store header may still point there, and its tailers step over it (a plain zero header
 *   there would make the appender leave a gap that every tailer stops at). A loud warning names the file, the
 *   offset and the copy.</li>
 *   <li>Anything else (a whole record after the damage, a record out of sequence, damage inside Chronicle's own
 *   headers, two damaged places) is corruption: {@link JournalCorruptedException} names the file and offset, and
 *   nothing is changed.</li>
 * </ul>
 * Damage in older cycle files is found when a replay or a verify reads them.
 */
final class JournalRecovery
{
    /** The outcome: the last good record, and where the next document of the newest walked file will go. */
    record Result(long lastSequence, long lastStampMillis, Path lastFile, long endOffset)
    {
    }

    private JournalRecovery()
    {
    }

    /** Finds the last good record of the journal in {@code dir}, truncating a torn tail with a warning. */
    static Result recover(final Path dir, final RollCycle rollCycle, final Consumer<String> warnings)
    {
        return scan(dir, rollCycle, warnings, true);
    }

    private static Result scan(
        final Path dir, final RollCycle rollCycle, final Consumer<String> warnings, final boolean mayRepair)
    {
        final List<Path> files = CycleFiles.list(dir);
        if (files.isEmpty())
        {
            return new Result(0, 0, null, -1);
        }
        final JournalWalker walker = new JournalWalker(rollCycle);
        final List<JournalWalker.FileWalk> walked = new ArrayList<>();
        for (int i = files.size() - 1; i >= 0; i--)
        {
            final JournalWalker.FileWalk walk = walker.walk(files.get(i), 0, Long.MAX_VALUE, null, false);
            walked.add(0, walk);
            if (walk.hasRecords())
            {
                break;
            }
        }

        JournalProblem problem = null;
        long problemEnd = -1;
        for (final JournalWalker.FileWalk walk : walked)
        {
            JournalProblem found = walk.problem;
            long lastNonZero = -1;
            if (found == null && walk.end == JournalWalker.End.ZERO)
            {
                lastNonZero = JournalWalker.lastNonZero(walk.file, walk.endOffset);
                if (lastNonZero >= 0)
                {
                    found = new JournalProblem(
                        JournalProblem.Kind.GARBAGE, walk.file, walk.endOffset,
                        walk.index(rollCycle, walk.records),
                        "non-zero bytes up to offset " + lastNonZero + " after the end of the written data",
                        walk.records > 0 || walk.metadataDocuments >= JournalWalker.CHRONICLE_HEADER_DOCUMENTS);
                }
            }
            else if (found != null)
            {
                lastNonZero = Math.max(found.offset() + 3, JournalWalker.lastNonZero(walk.file, found.offset()));
            }
            if (found == null)
            {
                continue;
            }
            if (problem != null)
            {
                throw problem.exception("another damaged place follows at offset " + found.offset() + " of " +
                    found.file() + ": the journal is corrupted, nothing was changed");
            }
            problem = found;
            problemEnd = lastNonZero;
        }

        final JournalWalker.FileWalk last = lastWithRecords(walked);
        if (problem == null)
        {
            final JournalWalker.FileWalk newest = walked.get(walked.size() - 1);
            return new Result(
                last == null ? 0 : last.lastSequence, last == null ? 0 : last.lastStampMillis, newest.file,
                newest.end == JournalWalker.End.ZERO ? newest.endOffset : -1);
        }
        if (!problem.kind().tornWrite() || !problem.afterGood())
        {
            throw problem.exception(problem.afterGood() ?
                "the journal is corrupted, nothing was changed" :
                "it is inside Chronicle's own file headers: the journal is corrupted, nothing was changed");
        }
        final long hidden = walker.findRecord(problem.file(), problem.offset() + 4, problemEnd);
        if (hidden >= 0)
        {
            throw problem.exception("a whole record follows it at offset " + hidden +
                ", so it is not the torn end of the last write: the journal is corrupted, nothing was changed");
        }
        if (!mayRepair)
        {
            throw problem.exception("it is still there after it was truncated");
        }
        final Path copy = truncate(dir, problem, problemEnd);
        warnings.accept("journal: " + problem.describe() + ". It is the last thing in the journal and no whole " +
            "record follows it, so it was truncated: " + why(problem.kind()) + " Bytes " + problem.offset() + ".." +
            problemEnd + " were saved to " + copy + " and cleared; the journal ends at sequence " +
            (last == null ? 0 : last.lastSequence) + ".");
        return scan(dir, rollCycle, warnings, false);
    }

    private static String why(final JournalProblem.Kind kind)
    {
        return switch (kind)
        {
            case INCOMPLETE -> "its append did not finish (the header is completed last), and an answer leaves " +
                "only after its append returned, so it was never acknowledged.";
            case GARBAGE -> "an append that did not finish left them (its header was never written), and an " +
                "answer leaves only after its append returned, so that record was never acknowledged.";
            default -> "a killed process cannot leave a whole header over a bad record (the header is completed " +
                "after the bytes), a power cut can: with durability sync its batch was not yet forced, so it was " +
                "not acknowledged; with async it may have been, and async does not promise to survive power loss. " +
                "A damaged disk can do it too and lose an acknowledged record: the saved copy keeps its bytes.";
        };
    }

    private static JournalWalker.FileWalk lastWithRecords(final List<JournalWalker.FileWalk> walked)
    {
        for (int i = walked.size() - 1; i >= 0; i--)
        {
            if (walked.get(i).hasRecords())
            {
                return walked.get(i);
            }
        }
        return null;
    }

    /**
     * Saves bytes {@code [problem.offset, end]} of the cycle file to {@code <dir>-damaged/}, clears them and writes
     * a zero-length metadata document at the problem's offset; forces the file.
     */
    private static Path truncate(final Path dir, final JournalProblem problem, final long end)
    {
        final Path file = problem.file();
        final long from = problem.offset();
        final int length = (int)Math.min(Integer.MAX_VALUE - 16, end - from + 1);
        final Path damagedDir = dir.resolveSibling(dir.getFileName() + "-damaged");
        final Path copy = damagedDir.resolve(file.getFileName() + "." + from + ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            Files.createDirectories(damagedDir);
            final ByteBuffer damaged = ByteBuffer.allocate(length);
            while (damaged.hasRemaining())
            {
                if (channel.read(damaged, from + damaged.position()) < 0)
                {
                    break;
                }
            }
            damaged.flip();
            try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
            {
                while (damaged.hasRemaining())
                {
                    out.write(damaged);
                }
                out.force(true);
            }
            final ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            long position = from + 4;
            while (position < from + length)
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), from + length - position));
                position += channel.write(zeros, position);
            }
            final ByteBuffer tombstone = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            tombstone.putInt(0, Wires.META_DATA);
            channel.write(tombstone, from);
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal: could not truncate the damaged tail of " + file, ex);
        }
        return copy;
    }
}
