package dev.loyalty.engine.journal;

/**
 * A record that fails its checksum or breaks the sequence. The message names the queue file and index so an
 * operator can find it; a bad record is never applied.
 */
public final class JournalCorruptedException extends RuntimeException
{
    public JournalCorruptedException(final String message)
    {
        super(message);
    }
}
