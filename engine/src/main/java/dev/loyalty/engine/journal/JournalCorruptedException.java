package dev.loyalty.engine.journal;

import java.io.File;

/**
 * A record that fails its checksum or breaks the sequence. The message names the queue file and index so an
 * operator can find it; a bad record is never applied.
 */
public final class JournalCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final File file;
    private final long index;

    public JournalCorruptedException(final String message)
    {
        this(message, null, -1);
    }

    /** A bad record at Chronicle Queue {@code index} in the cycle file {@code file}. */
    public JournalCorruptedException(final String message, final File file, final long index)
    {
        super(message);
        this.file = file;
        this.index = index;
    }

    /** The queue (cycle) file holding the bad record, or null when no single record is to blame. */
    public File file()
    {
        return file;
    }

    /** The Chronicle Queue index of the bad record, or -1 when no single record is to blame. */
    public long index()
    {
        return index;
    }
}
