package dev.loyalty.engine.snapshot;

/**
 * A snapshot file that cannot be used: a bad magic number, format version or checksum, a wrong length, or a body
 * that is not what its reader expects. Recovery skips such a snapshot with a warning and uses an older one, or
 * replays the journal; nothing is ever read from a snapshot whose checksum failed.
 */
public final class InvalidSnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public InvalidSnapshotException(final String message)
    {
        super(message);
    }
}
