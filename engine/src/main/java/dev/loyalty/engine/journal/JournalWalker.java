package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.sbe.JournalRecordHeaderDecoder;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.Wires;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Walks a cycle file document by document straight from its bytes, without Chronicle Queue's tailer (which stops
 * silently at a document whose header was never completed, hiding every record after it). A cycle file is a
 * run of Chronicle documents from offset 0, each at a 4-byte aligned offset:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-----------------------------------------------------------+
 *  |N|M|                 Length (30 bits)                          |  N: not complete, M: metadata
 *  +-+-+-----------------------------------------------------------+
 *  |                 Length bytes of payload                      ...  then padding to 4 bytes
 *  +---------------------------------------------------------------+
 * </pre>
 * Chronicle's own metadata documents come first (the store header, the index of indexes, an index array) and
 * again among the data when an index array fills; data documents are journal records. A header of 0 is the
 * end of the written data, {@code N|M} with length 0 ({@link Wires#END_OF_DATA}) the end of a cycle that
 * rolled. Every record is checked ({@link RecordDecoder#check}) and its sequence must follow the previous one;
 * only the records a replay skips (at or before its {@code afterSequence}, which the snapshot covers) are chained
 * by their lengths and sequences without their checksum.
 * The walk stops at the end or at the first {@link JournalProblem}; it never hands a bad record on.
 * One instance serves one thread.
 */
final class JournalWalker
{
    /** Chronicle starts every cycle file with this many metadata documents (store header and two index arrays). */
    static final int CHRONICLE_HEADER_DOCUMENTS = 3;

    /** Receives each good record of a walk; it may throw to stop the walk. */
    interface RecordSink
    {
        void onRecord(long sequence, long stampMillis, DirectBuffer buffer, int offset, int length, Path file,
            long position, long index);
    }

    /** How a walk of one file ended. */
    enum End
    {
        /** A zero header: the end of the written data (or the file ends right there). */
        ZERO,
        /** The end-of-cycle marker Chronicle writes when it rolls to the next file. */
        END_OF_CYCLE,
        /** The first problem, in {@link FileWalk#problem}. */
        PROBLEM
    }

    /** What a walk of one cycle file found. */
    static final class FileWalk
    {
        final Path file;
        End end;
        /** Where the walk ended: the zero header, the end marker, or the problem's document. */
        long endOffset;
        long records;
        long metadataDocuments;
        long firstSequence;
        long lastSequence;
        long lastStampMillis;
        long lastRecordOffset = -1;
        JournalProblem problem;
        /** The file's cycle number, read from its name once per walk (-1 when the name is not a cycle's). */
        final int cycle;

        FileWalk(final Path file, final RollCycle rollCycle)
        {
            this.file = file;
            this.cycle = CycleFiles.cycleOf(file, rollCycle);
        }

        /** The Chronicle Queue index of the {@code n}th data document of this file, or -1. */
        long index(final RollCycle rollCycle, final long n)
        {
            return cycle < 0 ? -1 : rollCycle.toIndex(cycle, n);
        }

        boolean hasRecords()
        {
            return records > 0;
        }
    }

    private final RollCycle rollCycle;
    private final RecordDecoder decoder = new RecordDecoder();
    private final UnsafeBuffer probe = new UnsafeBuffer(0, 0);

    JournalWalker(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
    }

    static long align(final long position)
    {
        return (position + 3) & ~3L;
    }

    /**
     * Walks one cycle file from its start. With {@code expected} > 0 the first record must have that sequence;
     * each later one must follow. Records with a sequence above {@code afterSequence} go to {@code sink} (null:
     * none). With {@code firstOnly} the walk stops after the first record.
     */
    FileWalk walk(
        final Path path, final long expected, final long afterSequence, final RecordSink sink, final boolean firstOnly)
    {
        final FileWalk walk = new FileWalk(path, rollCycle);
        try (CycleFile file = new CycleFile(path))
        {
            walk(file, walk, expected, afterSequence, sink, firstOnly);
        }
        return walk;
    }

    private void walk(
        final CycleFile file, final FileWalk walk, final long expected, final long afterSequence,
        final RecordSink sink, final boolean firstOnly)
    {
        long next = expected;
        long position = 0;
        while (true)
        {
            final boolean good = walk.records > 0 || walk.metadataDocuments >= CHRONICLE_HEADER_DOCUMENTS;
            if (!file.ensure(position, 4))
            {
                problem(walk, JournalProblem.Kind.TRUNCATED, position, good, "the file ends (" + file.size() +
                    " bytes) where a document header should be: it was cut short");
                return;
            }
            final int header = file.buffer().getInt(file.offset(position));
            if (header == Wires.NOT_INITIALIZED)
            {
                end(walk, End.ZERO, position);
                return;
            }
            if (header == Wires.END_OF_DATA)
            {
                end(walk, End.END_OF_CYCLE, position);
                return;
            }
            if ((header & Wires.NOT_COMPLETE) != 0)
            {
                problem(walk, JournalProblem.Kind.INCOMPLETE, position, good, String.format(
                    "a document whose header (%08x) was never completed: its write did not finish", header));
                return;
            }
            final int length = header & Wires.LENGTH_MASK;
            if (position + 4 + length > file.size())
            {
                problem(walk, JournalProblem.Kind.BAD_HEADER, position, good, "a document of " + length +
                    " bytes that runs past the end of the file (" + file.size() + " bytes)");
                return;
            }
            if ((header & Wires.META_DATA) != 0)
            {
                walk.metadataDocuments++;
                position = align(position + 4 + length);
                continue;
            }
            if (length > RecordDecoder.MAX_RECORD_LENGTH || !file.ensure(position + 4, length))
            {
                problem(walk, JournalProblem.Kind.BAD_RECORD, position, good, "record of " + length + " bytes");
                return;
            }
            final int offset = file.offset(position + 4);
            // a record a replay will not deliver (the snapshot covers it) is not checksummed, only chained: its
            // bytes are not used; every record delivered is checked
            final boolean covered = sink != null && afterSequence != Long.MAX_VALUE &&
                decoder.peek(file.buffer(), offset, length) && decoder.sequence() <= afterSequence &&
                decoder.sequence() >= 1 && (next <= 0 || decoder.sequence() == next);
            if (!covered)
            {
                final String bad = decoder.check(file.buffer(), offset, length);
                if (bad != null)
                {
                    problem(walk, JournalProblem.Kind.BAD_RECORD, position, good, bad);
                    return;
                }
            }
            final long sequence = decoder.sequence();
            if (sequence < 1 || (next > 0 && sequence != next))
            {
                problem(walk, JournalProblem.Kind.SEQUENCE, position, good,
                    "sequence " + sequence + (next > 0 ? " where " + next + " was expected" : ""));
                return;
            }
            if (walk.records == 0)
            {
                walk.firstSequence = sequence;
            }
            walk.lastSequence = sequence;
            walk.lastStampMillis = decoder.stampMillis();
            walk.lastRecordOffset = position;
            if (sink != null && sequence > afterSequence)
            {
                sink.onRecord(sequence, decoder.stampMillis(), file.buffer(), offset, length, walk.file, position,
                    walk.index(rollCycle, walk.records));
            }
            walk.records++;
            next = sequence + 1;
            position = align(position + 4 + length);
            if (firstOnly)
            {
                end(walk, End.ZERO, position);
                return;
            }
        }
    }

    /** Decodes the command of the record a sink was just handed (the walker's decoder checked it). */
    Command decode(final DirectBuffer buffer, final int offset, final int length)
    {
        return decoder.decode(buffer, offset, length);
    }

    /**
     * Looks in {@code [from, to]} of a cycle file for a complete data document holding a whole record (good
     * lengths and checksum), as a record hidden behind damage would be.
     *
     * @return its offset, or -1.
     */
    long findRecord(final Path path, final long from, final long to)
    {
        try (CycleFile file = new CycleFile(path))
        {
            final long end = Math.min(to, file.size() - 4);
            for (long q = align(from); q <= end; q += 4)
            {
                if (!file.ensure(q, 4 + Journal.HEADER_LENGTH))
                {
                    return -1;
                }
                final int header = file.buffer().getInt(file.offset(q));
                if (header == 0 || (header & (Wires.NOT_COMPLETE | Wires.META_DATA)) != 0)
                {
                    continue;
                }
                final int length = header & Wires.LENGTH_MASK;
                if (length < Journal.HEADER_LENGTH || length > RecordDecoder.MAX_RECORD_LENGTH ||
                    q + 4 + length > file.size())
                {
                    continue;
                }
                probe.wrap(file.buffer(), file.offset(q + 4), Journal.HEADER_LENGTH);
                if (probe.getInt(JournalRecordHeaderDecoder.lengthEncodingOffset(), ByteOrder.LITTLE_ENDIAN) !=
                    length - Journal.HEADER_LENGTH ||
                    probe.getLong(JournalRecordHeaderDecoder.sequenceEncodingOffset(),
                        ByteOrder.LITTLE_ENDIAN) < 1)
                {
                    continue;
                }
                if (file.ensure(q + 4, length) && decoder.check(file.buffer(), file.offset(q + 4), length) == null)
                {
                    return q;
                }
            }
            return -1;
        }
    }

    /**
     * How far past the end of the written data stray bytes are looked for: an append cut short writes one
     * document, no larger than the largest record, right after the end.
     */
    static final long TORN_WRITE_REACH = 4 + RecordDecoder.MAX_RECORD_LENGTH;

    /**
     * The offset of the last non-zero byte in {@code [from, from + TORN_WRITE_REACH)} of a cycle file, or -1.
     */
    static long lastNonZero(final Path path, final long from)
    {
        try (CycleFile file = new CycleFile(path))
        {
            return file.lastNonZero(from, from + TORN_WRITE_REACH);
        }
    }

    private static void end(final FileWalk walk, final End end, final long position)
    {
        walk.end = end;
        walk.endOffset = position;
    }

    private void problem(
        final FileWalk walk, final JournalProblem.Kind kind, final long position, final boolean afterGood,
        final String what)
    {
        walk.end = End.PROBLEM;
        walk.endOffset = position;
        walk.problem = new JournalProblem(
            kind, walk.file, position, walk.index(rollCycle, walk.records), what, afterGood);
    }
}
