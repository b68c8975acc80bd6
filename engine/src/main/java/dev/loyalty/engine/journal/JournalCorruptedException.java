package dev.loyalty.engine.journal;

import java.io.File;

/**
 * A record that fails its checksum or breaks the sequence, or a cycle file whose structure is broken before
 * records that are still good. The message names the cycle file, the byte offset and the Chronicle index so an
 * operator can find it; a bad record is never applied.
 */
public final class JournalCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final File file;
    private final long index;
    private final long offset;

    public JournalCorruptedException(final String message)
    {
        this(message, null, -1, -1);
    }

    /** A bad record at Chronicle Queue {@code index} in the cycle file {@code file}. */
    public JournalCorruptedException(final String message, final File file, final long index)
    {
        this(message, file, index, -1);
    }

    /** A bad record at byte {@code offset} (and Chronicle Queue {@code index}, or -1) of the cycle file {@code file}. */
    public JournalCorruptedException(final String message, final File file, final long index, final long offset)
    {
        super(message);
        this.file = file;
        this.index = index;
        this.offset = offset;
    }

    /** The queue (cycle) file holding the bad record, or null when no single record is to blame. */
    public File file()
    {
        return file;
    }

    /** The Chronicle Queue index of the bad record, or -1 when it is not known. */
    public long index()
    {
        return index;
    }

    /** The byte offset of the bad record's document header in {@link #file()}, or -1 when it is not known. */
    public long offset()
    {
        return offset;
    }
}
