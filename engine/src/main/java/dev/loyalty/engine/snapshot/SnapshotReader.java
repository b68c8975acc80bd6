package dev.loyalty.engine.snapshot;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.journal.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link SnapshotWriter} wrote, in the same order, from a file through a direct buffer. Every read
 * is bounded by the body's length, and every count by what is left of it, so a snapshot that is not what its
 * reader expects fails with {@link InvalidSnapshotException} (naming where) instead of reading past its end or
 * allocating without bound. One instance serves one thread and one file.
 */
public final class SnapshotReader
{
    private final FileChannel channel;
    private final long end;
    private ByteBuffer bytes = ByteBuffer.allocateDirect(SnapshotWriter.BUFFER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final CommandCodec codec = new CommandCodec();
    private byte[] chars = new byte[256];
    private long filePosition;
    private int position;
    private int limit;

    /** A reader of the bytes {@code [startPosition, endPosition)} of {@code channel}. */
    SnapshotReader(final FileChannel channel, final long startPosition, final long endPosition)
    {
        this.channel = channel;
        this.filePosition = startPosition;
        this.end = endPosition;
    }

    /** Checks that section {@code id} starts here. */
    public void beginSection(final int id)
    {
        final long found = readVarint();
        if (found != id)
        {
            throw invalid("expected section " + id + ", found " + found);
        }
    }

    /** Checks that section {@code id} ends here: its reader read exactly what its writer wrote. */
    public void endSection(final int id)
    {
        final long found = readVarint();
        ensure(4);
        final int marker = buffer.getInt(position);
        position += 4;
        if (found != id || marker != SnapshotWriter.SECTION_END)
        {
            throw invalid("section " + id + " does not end where its reader stopped (found " + found + ", marker " +
                Integer.toHexString(marker) + "): what wrote it and what reads it differ");
        }
    }

    public int getByte()
    {
        ensure(1);
        return buffer.getByte(position++);
    }

    public boolean getBoolean()
    {
        final int b = getByte();
        if (b != 0 && b != 1)
        {
            throw invalid("a boolean of " + b);
        }
        return b == 1;
    }

    public long getLong()
    {
        final long v = readVarint();
        return (v >>> 1) ^ -(v & 1);
    }

    public int getInt()
    {
        final long v = getLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
        {
            throw invalid("an int of " + v);
        }
        return (int)v;
    }

    /** A non-negative value {@link SnapshotWriter#putCount} wrote. */
    public long getUnsigned()
    {
        final long v = readVarint();
        if (v < 0)
        {
            throw invalid("an unsigned value of " + Long.toUnsignedString(v));
        }
        return v;
    }

    /** A count of items each at least {@code minItemBytes} long, checked against what is left of the body. */
    public int getCount(final int minItemBytes)
    {
        final long count = readVarint();
        if (count < 0 || count > Integer.MAX_VALUE || count * Math.max(1, minItemBytes) > remaining())
        {
            throw invalid("a count of " + count + " with " + remaining() + " bytes left");
        }
        return (int)count;
    }

    /** Null or an enum constant, as {@link SnapshotWriter#putEnum} wrote it. */
    public <E extends Enum<E>> E getEnum(final E[] values)
    {
        final long n = readVarint();
        if (n < 0 || n > values.length)
        {
            throw invalid("no " + values.getClass().getComponentType().getSimpleName() + " number " + (n - 1));
        }
        return n == 0 ? null : values[(int)n - 1];
    }

    public String getString()
    {
        final long n = readVarint();
        if (n == 0)
        {
            return null;
        }
        final long length = n - 1;
        if (length > remaining() || length > Integer.MAX_VALUE - 16)
        {
            throw invalid("a string of " + length + " bytes with " + remaining() + " left");
        }
        final int len = (int)length;
        if (len > chars.length)
        {
            chars = new byte[Math.max(len, chars.length * 2)];
        }
        int done = 0;
        while (done < len)
        {
            ensure(1);
            final int k = Math.min(len - done, limit - position);
            buffer.getBytes(position, chars, done, k);
            position += k;
            done += k;
        }
        return new String(chars, 0, len, StandardCharsets.UTF_8);
    }

    /** A journaled command {@link SnapshotWriter#putCommand} wrote. */
    public Command getCommand()
    {
        final long length = readVarint();
        if (length <= 0 || length > remaining() || length > Integer.MAX_VALUE - 16)
        {
            throw invalid("a command of " + length + " bytes with " + remaining() + " left");
        }
        final int len = (int)length;
        if (len > bytes.capacity())
        {
            final ByteBuffer bigger = ByteBuffer.allocateDirect(len).order(ByteOrder.LITTLE_ENDIAN);
            bytes.position(position).limit(limit);
            bigger.put(bytes);
            limit -= position;
            position = 0;
            bytes = bigger;
            buffer.wrap(bytes);
        }
        ensure(len);
        try
        {
            final Command command = codec.decode(buffer, position, len);
            position += len;
            return command;
        }
        catch (final IllegalArgumentException | IndexOutOfBoundsException ex)
        {
            throw invalid("a command that does not decode: " + ex.getMessage());
        }
    }

    /** Bytes of the body not read yet. */
    public long remaining()
    {
        return end - filePosition + (limit - position);
    }

    /** A snapshot that is not what its reader expects, at the current place. */
    public InvalidSnapshotException invalid(final String problem)
    {
        return new InvalidSnapshotException(problem + " at body byte " + (filePosition - (limit - position)));
    }

    private long readVarint()
    {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            final int b = getByte();
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw invalid("a varint longer than 10 bytes");
    }

    private void ensure(final int length)
    {
        if (limit - position >= length)
        {
            return;
        }
        if (length > bytes.capacity())
        {
            throw invalid("a read of " + length + " bytes");
        }
        bytes.position(position).limit(limit);
        bytes.compact();
        limit -= position;
        position = 0;
        bytes.limit(bytes.capacity()).position(limit);
        try
        {
            while (bytes.hasRemaining() && filePosition < end)
            {
                if (end - filePosition < bytes.remaining())
                {
                    bytes.limit(bytes.position() + (int)(end - filePosition));
                }
                final int n = channel.read(bytes, filePosition);
                if (n < 0)
                {
                    break;
                }
                filePosition += n;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot: read failed", ex);
        }
        limit = bytes.position();
        bytes.clear();
        if (limit - position < length)
        {
            throw invalid("the body ends " + (length - (limit - position)) + " bytes short");
        }
    }
}
