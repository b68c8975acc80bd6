package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;

import java.nio.file.Path;

/**
 * The command journal: a Chronicle Queue of SBE records, one per state-changing command, each carrying a
 * contiguous sequence number (1, 2, 3, ...), the entry stamp and a CRC32C checksum that replay verifies.
 * {@link #append} is called by one thread only (the journaler stage).
 */
public final class Journal implements AutoCloseable
{
    /** Opens (creating if needed) the journal in {@code dir}. */
    public static Journal open(final Path dir, final Durability durability)
    {
        throw new UnsupportedOperationException("journal: being written");
    }

    /** Appends one command; returns its sequence number. */
    public long append(final Command command, final long stampMillis)
    {
        throw new UnsupportedOperationException();
    }

    /** Ends a batch: with {@link Durability#SYNC}, forces what was appended to disk. */
    public void endOfBatch()
    {
        throw new UnsupportedOperationException();
    }

    /** The sequence of the last record appended or replayed; 0 for an empty journal. */
    public long lastSequence()
    {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads every record after {@code afterSequence} in order, verifying checksums and sequence, and hands
     * each to {@code listener}. Throws {@link JournalCorruptedException} at the first bad record.
     *
     * @return the number of records replayed.
     */
    public long replay(final long afterSequence, final JournalListener listener)
    {
        throw new UnsupportedOperationException();
    }

    /** The Chronicle Queue index of the last record, for metrics. */
    public long lastIndex()
    {
        throw new UnsupportedOperationException();
    }

    public void close()
    {
    }
}
