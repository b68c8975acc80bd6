package dev.loyalty.engine.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A snapshot file kept open after its load, so that parts of its body whose positions the load noted
 * ({@link SnapshotReader#position()}) are decoded only when they are first needed, or copied byte for byte into
 * the next snapshot while they are still as they were. The file passed its checksums when the load that opened
 * this finished; its bytes are read again with positional reads, through one reused {@link SnapshotReader}.
 * One instance serves one thread at a time (the owner hands it over with the state it belongs to).
 */
public final class SnapshotSource implements AutoCloseable
{
    private static final int COPY_LENGTH = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private SnapshotReader reader;
    private ByteBuffer copy;

    SnapshotSource(final Path file, final FileChannel channel)
    {
        this.file = file;
        this.channel = channel;
    }

    /** The file it reads. */
    public Path file()
    {
        return file;
    }

    /** The reader of file positions {@code [from, to)}: the same instance each call, repositioned. */
    public SnapshotReader reader(final long from, final long to)
    {
        if (reader == null)
        {
            reader = new SnapshotReader(file, channel, from, to);
        }
        else
        {
            reader.reset(from, to);
        }
        return reader;
    }

    /** Copies file positions {@code [from, to)} into {@code out} as they are (the next snapshot's checksum covers them). */
    public void copyTo(final SnapshotWriter out, final long from, final long to)
    {
        if (copy == null)
        {
            copy = ByteBuffer.allocate(COPY_LENGTH);
        }
        long at = from;
        try
        {
            while (at < to)
            {
                copy.clear();
                copy.limit((int)Math.min(COPY_LENGTH, to - at));
                while (copy.hasRemaining())
                {
                    if (channel.read(copy, at + copy.position()) < 0)
                    {
                        throw new InvalidSnapshotException("snapshot " + file + " ends before byte " + to);
                    }
                }
                out.putBytes(copy.array(), 0, copy.limit());
                at += copy.limit();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot " + file + ": read failed", ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // a read-only channel: nothing to lose
        }
    }
}
