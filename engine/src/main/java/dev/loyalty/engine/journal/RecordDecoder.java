package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.sbe.JournalRecordHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Checks one journal record (the bytes of one Chronicle document, laid out as {@link Journal} draws it) and
 * decodes its command: {@link #check} verifies the lengths and the CRC32C and reads the sequence and stamp;
 * {@link #decode} turns the command message into a {@link Command} and checks it matches the header's template.
 * One instance serves one thread.
 */
final class RecordDecoder
{
    /** A record longer than this is corrupt: the largest command (64 KiB body, 200 lines) is far smaller. */
    static final int MAX_RECORD_LENGTH = 16 * 1024 * 1024;

    private final JournalRecordHeaderDecoder header = new JournalRecordHeaderDecoder();
    private final RecordChecksum checksum = new RecordChecksum();
    private final CommandCodec codec = new CommandCodec();
    private long sequence;
    private long stampMillis;
    private int templateId;

    /**
     * Checks the record of {@code length} bytes at {@code offset}.
     *
     * @return null when it is whole, else what is wrong with it.
     */
    String check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < Journal.HEADER_LENGTH || length > MAX_RECORD_LENGTH)
        {
            return "record of " + length + " bytes";
        }
        header.wrap(buffer, offset, JournalRecordHeaderDecoder.BLOCK_LENGTH, JournalRecordHeaderDecoder.SCHEMA_VERSION);
        final long stored = header.checksum();
        final long computed = checksum.compute(buffer, offset + Journal.CHECKSUMMED_OFFSET, offset + length);
        if (stored != computed)
        {
            return String.format("checksum mismatch: stored %08x, computed %08x", stored, computed);
        }
        final long commandLength = header.length();
        if (commandLength != length - Journal.HEADER_LENGTH)
        {
            return "command length " + commandLength + " in a record of " + length + " bytes";
        }
        sequence = header.sequence();
        stampMillis = header.stampMillis();
        templateId = header.templateId();
        return null;
    }

    /**
     * Reads the sequence and stamp of the record of {@code length} bytes at {@code offset} and checks its lengths,
     * but not its checksum: for a record that will not be used (a replay's records the snapshot covers), whose
     * place in the chain of documents is all that matters.
     *
     * @return false when its lengths are not a record's (then {@link #check} it to say what is wrong).
     */
    boolean peek(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < Journal.HEADER_LENGTH || length > MAX_RECORD_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset, JournalRecordHeaderDecoder.BLOCK_LENGTH, JournalRecordHeaderDecoder.SCHEMA_VERSION);
        if (header.length() != length - Journal.HEADER_LENGTH)
        {
            return false;
        }
        sequence = header.sequence();
        stampMillis = header.stampMillis();
        templateId = header.templateId();
        return true;
    }

    /**
     * Decodes the command of a record {@link #check} accepted.
     *
     * @throws IllegalArgumentException naming the problem when the command does not decode or is not the type
     *                                  the header names.
     */
    Command decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final Command command = codec.decode(buffer, offset + Journal.HEADER_LENGTH, length - Journal.HEADER_LENGTH);
        if (command.type().templateId() != templateId)
        {
            throw new IllegalArgumentException(
                "header says template " + templateId + ", command is " + command.type());
        }
        return command;
    }

    /** The sequence of the last record {@link #check} accepted. */
    long sequence()
    {
        return sequence;
    }

    /** The stamp of the last record {@link #check} accepted. */
    long stampMillis()
    {
        return stampMillis;
    }
}
