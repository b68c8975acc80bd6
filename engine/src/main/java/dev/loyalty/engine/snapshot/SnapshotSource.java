package dev.loyalty.engine.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A snapshot file kept open after its load, so that parts of its body whose positions the load noted
 * ({@link SnapshotReader#position()}) are decoded only when they are first needed, or copied byte for byte into
 * the next snapshot while they are still as they were. The file passed its checksums when the load that opened
 * this finished; its bytes are read again through one reused {@link SnapshotReader}, copied from a read-only
 * memory mapping of the file (in windows of {@value #WINDOW_BITS}-bit steps that overlap by {@link #OVERLAP}, so
 * that any read up to that long falls in one window) rather than read with a system call each: a member decoded
 * on first use costs a copy of its record from the page cache, not a {@code pread}. Reads the mapping cannot
 * serve go through the channel.
 * One instance serves one thread at a time (the owner hands it over with the state it belongs to).
 */
public final class SnapshotSource implements AutoCloseable
{
    private static final int COPY_LENGTH = 1 << 20;
    private static final int WINDOW_BITS = 30;
    private static final long OVERLAP = 64L << 20;

    private final Path file;
    private final FileChannel channel;
    private final java.nio.MappedByteBuffer[] windows;
    private SnapshotReader reader;
    private ByteBuffer copy;

    SnapshotSource(final Path file, final FileChannel channel) throws IOException
    {
        this.file = file;
        this.channel = channel;
        final long size = channel.size();
        final int count = (int)((size + (1L << WINDOW_BITS) - 1) >>> WINDOW_BITS);
        windows = new java.nio.MappedByteBuffer[count];
        for (int i = 0; i < count; i++)
        {
            final long from = (long)i << WINDOW_BITS;
            windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, from,
                Math.min(size - from, (1L << WINDOW_BITS) + OVERLAP));
        }
    }

    /** Copies {@code length} bytes at file position {@code at} into {@code into} if one window holds them all. */
    boolean copyMapped(final long at, final byte[] into, final int offset, final int length)
    {
        final int w = (int)(at >>> WINDOW_BITS);
        if (at < 0 || w >= windows.length || windows[w] == null)
        {
            return false;
        }
        final long inWindow = at - ((long)w << WINDOW_BITS);
        if (inWindow + length > windows[w].capacity())
        {
            return false;
        }
        windows[w].get((int)inWindow, into, offset, length);
        return true;
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
            reader.mapped = this;
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
                if (copyMapped(at, copy.array(), 0, copy.limit()))
                {
                    copy.position(copy.limit());
                }
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
        // The windows are not unmapped here but when the collector frees them: a load that failed closes its
        // sources while another of its threads may still be copying from one, and reading unmapped memory
        // would crash the JVM.
        Arrays.fill(windows, null);
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
