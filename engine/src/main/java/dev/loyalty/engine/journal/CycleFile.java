package dev.loyalty.engine.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Chronicle Queue cycle file read with positional reads through a window of a direct buffer, never mapped:
 * a file that was truncated (or is shorter than Chronicle's header claims) reads as "no more bytes" instead of
 * the SIGBUS a mapping would raise. {@link #ensure} brings {@code [position, position + length)} into the window
 * and {@link #offset} gives where it starts in {@link #buffer()}. One instance serves one thread.
 */
final class CycleFile implements AutoCloseable
{
    static final int MIN_WINDOW = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private ByteBuffer window;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private ByteBuffer zeros;
    private long windowStart;
    private int windowLength;

    CycleFile(final Path path)
    {
        this.path = path;
        try
        {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            size = channel.size();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal: cannot read " + path, ex);
        }
        window = ByteBuffer.allocateDirect(MIN_WINDOW).order(ByteOrder.LITTLE_ENDIAN);
        view.wrap(window);
    }

    Path path()
    {
        return path;
    }

    /** The file's length in bytes when it was opened. */
    long size()
    {
        return size;
    }

    /** The window; valid until the next {@link #ensure}. */
    UnsafeBuffer buffer()
    {
        return view;
    }

    /** Where file position {@code position} is in {@link #buffer()}, after {@link #ensure} covered it. */
    int offset(final long position)
    {
        return (int)(position - windowStart);
    }

    /**
     * Makes {@code [position, position + length)} readable in the window.
     *
     * @return false when the file ends before {@code position + length}.
     */
    boolean ensure(final long position, final int length)
    {
        if (position < 0 || length < 0 || position + length > size)
        {
            return false;
        }
        if (position >= windowStart && position + length <= windowStart + windowLength)
        {
            return true;
        }
        if (length > window.capacity())
        {
            window = ByteBuffer.allocateDirect(Math.max(length, window.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
            view.wrap(window);
        }
        window.clear();
        final int want = (int)Math.min(window.capacity(), size - position);
        window.limit(want);
        try
        {
            while (window.hasRemaining())
            {
                if (channel.read(window, position + window.position()) < 0)
                {
                    break;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal: cannot read " + path + " at offset " + position, ex);
        }
        windowStart = position;
        windowLength = window.position();
        return length <= windowLength;
    }

    /** The little-endian int at {@code position}, read again from the file (not the window): for a live tail. */
    int freshInt(final long position)
    {
        final ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try
        {
            while (four.hasRemaining())
            {
                if (channel.read(four, position + four.position()) < 0)
                {
                    return 0;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal: cannot read " + path + " at offset " + position, ex);
        }
        windowLength = 0;
        return four.getInt(0);
    }

    /**
     * The position of the last non-zero byte in {@code [from, to)} (capped at the file's end), or -1 when they
     * are all zero. A cycle file is mostly a sparse, pre-allocated run of zeros, which reads fast.
     */
    long lastNonZero(final long from, final long to)
    {
        long last = -1;
        long position = Math.max(0, from);
        final long end = Math.min(size, to);
        while (position < end)
        {
            final int length = (int)Math.min(window.capacity(), end - position);
            if (!ensure(position, length))
            {
                break;
            }
            final int base = offset(position);
            final ByteBuffer slice = window.duplicate().position(base).limit(base + length).slice();
            if (slice.mismatch(zeros(length)) >= 0)
            {
                for (int i = length - 1; i >= 0; i--)
                {
                    if (view.getByte(base + i) != 0)
                    {
                        last = position + i;
                        break;
                    }
                }
            }
            position += length;
        }
        return last;
    }

    private ByteBuffer zeros(final int length)
    {
        if (zeros == null || zeros.capacity() < length)
        {
            zeros = ByteBuffer.allocateDirect(Math.max(length, MIN_WINDOW));
        }
        return zeros.duplicate().limit(length);
    }

    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // a read-only channel loses nothing on close
        }
    }
}
