package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.File;

/**
 * Follows a live journal with its own Chronicle Queue tailer, on the thread that polls it (a replaying follower
 * that builds snapshots). Every record is checked as replay checks it (lengths, checksum, that the sequence
 * follows) and records after {@code afterSequence} are decoded and handed on; the first bad record throws
 * {@link JournalCorruptedException}. Only records the journaler completed are seen: the journal's one writer is
 * the engine itself, which completes each document before it answers. One instance serves one thread.
 */
public final class JournalTailer implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final long afterSequence;
    private final RecordDecoder decoder = new RecordDecoder();
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(Journal.INITIAL_BUFFER_LENGTH);
    private ExcerptTailer tailer;
    private long lastSequence;

    JournalTailer(final SingleChronicleQueue queue, final long afterSequence)
    {
        this.queue = queue;
        this.afterSequence = afterSequence;
    }

    /**
     * Reads up to {@code limit} records; hands those after the start sequence to {@code listener}.
     *
     * @return the records read, 0 when none is there yet.
     */
    public int poll(final JournalListener listener, final int limit)
    {
        if (tailer == null)
        {
            tailer = queue.createTailer();
            tailer.toStart();
        }
        int read = 0;
        while (read < limit)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                final Command command = next(dc.wire().bytes(), tailer.currentFile(), dc.index());
                read++;
                if (command != null)
                {
                    listener.onRecord(lastSequence, decoder.stampMillis(), command);
                }
            }
        }
        return read;
    }

    /** The sequence of the last record read, 0 before the first. */
    public long lastSequence()
    {
        return lastSequence;
    }

    public void close()
    {
        if (tailer != null)
        {
            tailer.close();
        }
    }

    private Command next(final Bytes<?> bytes, final File file, final long index)
    {
        final long length = bytes.readRemaining();
        if (length < Journal.HEADER_LENGTH || length > RecordDecoder.MAX_RECORD_LENGTH)
        {
            throw corrupted(file, index, "record of " + length + " bytes");
        }
        final int recordLength = (int)length;
        buffer.checkLimit(recordLength);
        bytes.nativeRead(bytes.readPosition(), buffer.addressOffset(), recordLength);
        final String bad = decoder.check(buffer, 0, recordLength);
        if (bad != null)
        {
            throw corrupted(file, index, bad);
        }
        final long sequence = decoder.sequence();
        if (lastSequence == 0 ? sequence > afterSequence + 1 : sequence != lastSequence + 1)
        {
            throw corrupted(file, index, "sequence " + sequence + " where " +
                (lastSequence == 0 ? "at most " + (afterSequence + 1) : Long.toString(lastSequence + 1)) +
                " was expected");
        }
        lastSequence = sequence;
        if (sequence <= afterSequence)
        {
            return null;
        }
        try
        {
            return decoder.decode(buffer, 0, recordLength);
        }
        catch (final IllegalArgumentException | IndexOutOfBoundsException ex)
        {
            throw corrupted(file, index, "undecodable command: " + ex.getMessage());
        }
    }

    private static JournalCorruptedException corrupted(final File file, final long index, final String problem)
    {
        return new JournalCorruptedException("bad journal record in " + file + " at index " + index + " (0x" +
            Long.toHexString(index) + "), read by the snapshot follower: " + problem, file, index);
    }
}
