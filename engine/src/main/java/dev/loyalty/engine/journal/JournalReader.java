package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.sbe.JournalRecordHeaderDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.File;

/**
 * Reads journal records back from a Chronicle Queue and checks each one: its length, its CRC32C, that its
 * sequence follows the previous one and that its command decodes. The first bad record stops the read with a
 * {@link JournalCorruptedException} naming the cycle file and index; the listener never sees it.
 * One instance serves one thread.
 */
final class JournalReader
{
    /** A record longer than this is corrupt: the largest command (64 KiB body, 200 lines) is far smaller. */
    static final int MAX_RECORD_LENGTH = 16 * 1024 * 1024;

    private final CommandCodec codec = new CommandCodec();
    private final JournalRecordHeaderDecoder header = new JournalRecordHeaderDecoder();
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(Journal.INITIAL_BUFFER_LENGTH);
    private final RecordChecksum checksum = new RecordChecksum();

    private long sequence;
    private long stampMillis;

    /**
     * Reads every record from the start, checking all of them, and hands those after {@code afterSequence} to
     * the listener.
     *
     * @return the number of records handed to the listener.
     */
    long read(final ChronicleQueue queue, final long afterSequence, final JournalListener listener)
    {
        return read(queue, afterSequence, listener, false);
    }

    /**
     * As {@link #read(ChronicleQueue, long, JournalListener)}; with {@code startAnywhere} the first record may
     * have any sequence (a dump of a journal whose oldest cycle files were archived).
     */
    long read(
        final ChronicleQueue queue, final long afterSequence, final JournalListener listener,
        final boolean startAnywhere)
    {
        final ExcerptTailer tailer = queue.createTailer();
        try
        {
            tailer.singleThreadedCheckDisabled(true);
            tailer.toStart();
            long expected = -1;
            long delivered = 0;
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final long index = dc.index();
                    final Command command = readRecord(dc.wire().bytes(), tailer.currentFile(), index);
                    if (expected == -1)
                    {
                        if (sequence < 1 || (!startAnywhere && sequence > afterSequence + 1))
                        {
                            throw corrupted(tailer.currentFile(), index, "journal starts at sequence " + sequence +
                                " but replay after " + afterSequence + " needs sequence " + (afterSequence + 1));
                        }
                    }
                    else if (sequence != expected)
                    {
                        throw corrupted(tailer.currentFile(), index,
                            "sequence " + sequence + " where " + expected + " was expected");
                    }
                    expected = sequence + 1;
                    if (sequence > afterSequence)
                    {
                        listener.onRecord(sequence, stampMillis, command);
                        delivered++;
                    }
                }
            }
            if (expected == -1 ? afterSequence > 0 : expected - 1 < afterSequence)
            {
                throw new JournalCorruptedException("replay after sequence " + afterSequence +
                    " but the journal in " + queue.file() + " ends at sequence " + Math.max(0, expected - 1));
            }
            return delivered;
        }
        finally
        {
            tailer.close();
        }
    }

    /**
     * Reads and checks the last record.
     *
     * @return its sequence, or 0 when the queue holds no record.
     */
    long lastSequence(final ChronicleQueue queue)
    {
        final ExcerptTailer tailer = queue.createTailer();
        try
        {
            tailer.singleThreadedCheckDisabled(true);
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return 0;
                }
                readRecord(dc.wire().bytes(), tailer.currentFile(), dc.index());
                return sequence;
            }
        }
        finally
        {
            tailer.close();
        }
    }

    private Command readRecord(final Bytes<?> bytes, final File file, final long index)
    {
        final long length = bytes.readRemaining();
        if (length < Journal.HEADER_LENGTH || length > MAX_RECORD_LENGTH)
        {
            throw corrupted(file, index, "record of " + length + " bytes");
        }
        final int recordLength = (int)length;
        buffer.checkLimit(recordLength);
        bytes.nativeRead(bytes.readPosition(), buffer.addressOffset(), recordLength);

        header.wrap(buffer, 0, JournalRecordHeaderDecoder.BLOCK_LENGTH, JournalRecordHeaderDecoder.SCHEMA_VERSION);
        final long storedChecksum = header.checksum();
        final long computed = checksum.compute(buffer, Journal.CHECKSUMMED_OFFSET, recordLength);
        if (storedChecksum != computed)
        {
            throw corrupted(file, index, String.format(
                "checksum mismatch: stored %08x, computed %08x", storedChecksum, computed));
        }
        final long commandLength = header.length();
        if (commandLength != recordLength - Journal.HEADER_LENGTH)
        {
            throw corrupted(file, index, "command length " + commandLength + " in a record of " + recordLength +
                " bytes");
        }
        sequence = header.sequence();
        stampMillis = header.stampMillis();
        final Command command;
        try
        {
            command = codec.decode(buffer, Journal.HEADER_LENGTH, (int)commandLength);
        }
        catch (final IllegalArgumentException ex)
        {
            throw corrupted(file, index, "undecodable command: " + ex.getMessage());
        }
        if (command.type().templateId() != header.templateId())
        {
            throw corrupted(file, index, "header says template " + header.templateId() + ", command is " +
                command.type());
        }
        return command;
    }

    static JournalCorruptedException corrupted(final File file, final long index, final String problem)
    {
        return new JournalCorruptedException(
            "bad journal record in " + file + " at index " + index + " (0x" + Long.toHexString(index) + "): " +
            problem, file, index);
    }
}
