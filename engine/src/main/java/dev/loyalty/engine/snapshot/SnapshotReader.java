package dev.loyalty.engine.snapshot;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.journal.CommandCodec;
import dev.loyalty.engine.journal.SharedStrings;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads what a {@link SnapshotWriter} wrote, in the same order, from a file through a direct buffer. Every read
 * is bounded by the body's length, and every count by what is left of it, so a snapshot that is not what its
 * reader expects fails with {@link InvalidSnapshotException} (naming where) instead of reading past its end or
 * allocating without bound. One instance serves one thread and one file.
 */
public final class SnapshotReader
{
    private final FileChannel channel;
    /** The mapping its bytes are copied from instead of read, when it reads for a {@link SnapshotSource}. */
    SnapshotSource mapped;
    /** The file it reads, for {@link #openSource}; null when it is not known. */
    private final Path file;
    private long end;
    private byte[] bytes = new byte[SnapshotWriter.BUFFER_LENGTH];
    private final UnsafeBuffer view = new UnsafeBuffer(bytes);
    private final CommandCodec codec = new CommandCodec();
    private long filePosition;
    private int position;
    private int limit;
    /** Recently read short ASCII strings by a hash of their bytes, for {@link #getSharedString()}. */
    private final SharedStrings shared = new SharedStrings(14);
    /** What {@link #openSource} opened, closed again if the load fails. */
    private java.util.List<SnapshotSource> sources;

    /** A reader of the bytes {@code [startPosition, endPosition)} of {@code channel}, which is {@code file}'s. */
    SnapshotReader(final Path file, final FileChannel channel, final long startPosition, final long endPosition)
    {
        this.file = file;
        this.channel = channel;
        this.filePosition = startPosition;
        this.end = endPosition;
    }

    /** Reads {@code [startPosition, endPosition)} of its file from now on, keeping its buffer and string cache. */
    void reset(final long startPosition, final long endPosition)
    {
        filePosition = startPosition;
        end = endPosition;
        position = 0;
        limit = 0;
    }

    /**
     * The file position of the next byte this reads: a place to come back to with {@link SnapshotSource#reader}
     * (the whole file is covered by its checksums once the load that noted it has passed).
     */
    public long position()
    {
        return filePosition - (limit - position);
    }

    /** Moves on to file position {@code target}, at or after {@link #position()} and within the body. */
    public void skipTo(final long target)
    {
        final long at = position();
        if (target < at || target > end)
        {
            throw invalid("a skip to " + target + " from " + at + " with the body ending at " + end);
        }
        if (target - at <= limit - position)
        {
            position += (int)(target - at);
            return;
        }
        filePosition = target;
        position = 0;
        limit = 0;
    }

    /**
     * A second, independent reader's channel onto the same file, for parts of it decoded later ({@link #position()}
     * noted now): the caller closes it. Opened while this reader's load runs, so the file is there; the open
     * channel keeps its bytes readable even after the file is deleted (retention) on the platforms the engine
     * runs on.
     */
    public SnapshotSource openSource()
    {
        if (file == null)
        {
            throw new IllegalStateException("this snapshot reader does not know its file");
        }
        try
        {
            final SnapshotSource source =
                new SnapshotSource(file, FileChannel.open(file, java.nio.file.StandardOpenOption.READ));
            if (sources == null)
            {
                sources = new java.util.ArrayList<>(1);
            }
            sources.add(source);
            return source;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot " + file + " cannot be opened again", ex);
        }
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
        final int marker = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8 |
            (bytes[position + 2] & 0xFF) << 16 | (bytes[position + 3] & 0xFF) << 24;
        position += 4;
        if (found != id || marker != SnapshotWriter.SECTION_END)
        {
            throw invalid("section " + id + " does not end where its reader stopped (found " + found + ", marker " +
                Integer.toHexString(marker) + "): what wrote it and what reads it differ");
        }
    }

    public int getByte()
    {
        if (position == limit)
        {
            ensure(1);
        }
        return bytes[position++];
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
        final int len = stringLength();
        if (len < 0)
        {
            return null;
        }
        final String value = new String(bytes, position, len, StandardCharsets.UTF_8);
        position += len;
        return value;
    }

    /** The length of the string that starts here, its bytes then buffered at {@link #position}; -1 for null. */
    private int stringLength()
    {
        final long n = readVarint();
        if (n == 0)
        {
            return -1;
        }
        final long length = n - 1;
        if (length > remaining() || length > Integer.MAX_VALUE - 16)
        {
            throw invalid("a string of " + length + " bytes with " + remaining() + " left");
        }
        final int len = (int)length;
        if (len > bytes.length)
        {
            grow(len);
        }
        ensure(len);
        return len;
    }

    /**
     * Reads a non-null string without making it: its {@link #hashUtf8} hash with {@code seed}. For indexes built
     * over values that stay in the file until they are needed.
     */
    public int getStringHash(final int seed)
    {
        final int len = stringLength();
        if (len < 0)
        {
            throw invalid("a null string where a value is required");
        }
        final byte[] b = bytes;
        int h = seed;
        for (int i = position, to = position + len; i < to; i++)
        {
            h = 31 * h + (b[i] & 0xFF);
        }
        position += len;
        return h;
    }

    /** Reads a string without making it: whether it is {@code value} (null: whether it is null). */
    public boolean getStringEquals(final String value)
    {
        final int len = stringLength();
        if (len < 0)
        {
            return value == null;
        }
        final byte[] b = bytes;
        final int from = position;
        position += len;
        if (value == null)
        {
            return false;
        }
        if (value.length() == len)
        {
            for (int i = 0; i < len; i++)
            {
                final char c = value.charAt(i);
                if (c >= 0x80)
                {
                    return equalsUtf8(b, from, len, value);
                }
                if (b[from + i] != (byte)c)
                {
                    return false;
                }
            }
            return true;
        }
        return equalsUtf8(b, from, len, value);
    }

    private static boolean equalsUtf8(final byte[] b, final int from, final int len, final String value)
    {
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(b, from, from + len, utf8, 0, utf8.length);
    }

    /** The hash {@link #getStringHash} gives for {@code value} as it was written: over its UTF-8 bytes. */
    public static int hashUtf8(final int seed, final String value)
    {
        int h = seed;
        for (int i = 0, n = value.length(); i < n; i++)
        {
            final char c = value.charAt(i);
            if (c >= 0x80)
            {
                h = seed;
                for (final byte b : value.getBytes(StandardCharsets.UTF_8))
                {
                    h = 31 * h + (b & 0xFF);
                }
                return h;
            }
            h = 31 * h + c;
        }
        return h;
    }

    /** Closes what {@link #openSource} opened: the load that asked for them failed. */
    void closeSources()
    {
        if (sources != null)
        {
            sources.forEach(SnapshotSource::close);
            sources = null;
        }
    }

    /** {@code length} raw bytes {@link SnapshotWriter#putBytes} wrote, into {@code into} at {@code offset}. */
    public void getBytes(final byte[] into, final int offset, final int length)
    {
        if (length < 0 || length > remaining())
        {
            throw invalid("a read of " + length + " bytes with " + remaining() + " left");
        }
        final int buffered = Math.min(length, limit - position);
        System.arraycopy(bytes, position, into, offset, buffered);
        position += buffered;
        if (buffered == length)
        {
            return;
        }
        // the rest straight from the file into the caller's array, not through this reader's buffer
        final ByteBuffer direct = ByteBuffer.wrap(into, offset + buffered, length - buffered);
        try
        {
            while (direct.hasRemaining())
            {
                final int n = channel.read(direct, filePosition);
                if (n < 0)
                {
                    throw invalid("the body ends " + direct.remaining() + " bytes short");
                }
                filePosition += n;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot: read failed", ex);
        }
    }

    /** {@code length} longs {@link SnapshotWriter#putLongs} wrote, into {@code into} at {@code offset}. */
    public void getLongs(final long[] into, final int offset, final int length)
    {
        if (length < 0 || length * 8L > remaining())
        {
            throw invalid("a read of " + length + " longs with " + remaining() + " bytes left");
        }
        int done = 0;
        while (done < length)
        {
            ensure(8);
            final int n = Math.min(length - done, (limit - position) >> 3);
            for (int i = 0; i < n; i++)
            {
                into[offset + done + i] = (long)SnapshotWriter.LONGS.get(bytes, position);
                position += 8;
            }
            done += n;
        }
    }

    /**
     * What {@link #getString()} reads, but the same {@code String} instance as an equal one read shortly before
     * (short ASCII strings, by a small cache of the last one read for each hash): for values that are few and
     * repeated across the state (partner ids, attribute names and values, birthdays), so that a member does not
     * hold its own copy of each.
     */
    public String getSharedString()
    {
        if (limit - position < 1 + SharedStrings.MAX_LENGTH)
        {
            return getString();
        }
        final int n = bytes[position];
        if (n <= 0 || n > SharedStrings.MAX_LENGTH + 1)
        {
            return getString();
        }
        final int from = position + 1;
        final String value = shared.of(bytes, from, n - 1);
        if (value == null)
        {
            return getString();
        }
        position = from + n - 1;
        return value;
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
        if (len > bytes.length)
        {
            grow(len);
        }
        ensure(len);
        try
        {
            final Command command = codec.decode(view, position, len);
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
        if (limit - position >= 10)
        {
            final byte[] b = bytes;
            int at = position;
            long result = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                final int v = b[at++];
                result |= (long)(v & 0x7F) << shift;
                if (v >= 0)
                {
                    position = at;
                    return result;
                }
            }
            throw invalid("a varint longer than 10 bytes");
        }
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7)
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

    private void grow(final int length)
    {
        final byte[] bigger = new byte[length];
        System.arraycopy(bytes, position, bigger, 0, limit - position);
        limit -= position;
        position = 0;
        bytes = bigger;
        view.wrap(bytes);
    }

    private void ensure(final int length)
    {
        if (limit - position >= length)
        {
            return;
        }
        if (length > bytes.length)
        {
            throw invalid("a read of " + length + " bytes");
        }
        final int kept = limit - position;
        System.arraycopy(bytes, position, bytes, 0, kept);
        position = 0;
        limit = kept;
        final int wanted = (int)Math.min(bytes.length - limit, end - filePosition);
        if (mapped != null && mapped.copyMapped(filePosition, bytes, limit, wanted))
        {
            filePosition += wanted;
            limit += wanted;
            if (limit - position < length)
            {
                throw invalid("the body ends " + (length - (limit - position)) + " bytes short");
            }
            return;
        }
        final ByteBuffer into = ByteBuffer.wrap(bytes, limit, wanted);
        try
        {
            while (into.hasRemaining())
            {
                final int n = channel.read(into, filePosition);
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
        limit = into.position();
        if (limit - position < length)
        {
            throw invalid("the body ends " + (length - (limit - position)) + " bytes short");
        }
    }
}
