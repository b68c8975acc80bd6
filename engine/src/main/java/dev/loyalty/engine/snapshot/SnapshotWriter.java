package dev.loyalty.engine.snapshot;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.journal.CommandCodec;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Streams a snapshot's body into a file through a direct buffer, computing its CRC32C as it goes. State owners
 * write their parts with these primitives and read them back, in the same order, with {@link SnapshotReader}:
 * <ul>
 *   <li>{@link #putLong}: a signed long as a zig-zag LEB128 varint (1 byte for -64..63, 6 for an epoch-ms time);
 *   {@link #putCount}: a non-negative count or length as an unsigned varint; {@link #putBoolean},
 *   {@link #putByte}.</li>
 *   <li>{@link #putEnum}: null or an enum constant as an unsigned varint (0, or its ordinal + 1): an enum
 *   that is written may gain constants at its end only.</li>
 *   <li>{@link #putString}: null or a string: an unsigned varint (0 for null, else the UTF-8 length + 1), then
 *   the UTF-8 bytes.</li>
 *   <li>{@link #putCommand}: a journaled command as its SBE journal encoding ({@link CommandCodec}), prefixed
 *   with its length: commands kept in the state (idempotency keys' first commands, purchases' requests,
 *   promotion definitions) are written exactly as the journal writes them.</li>
 *   <li>{@link #beginSection} / {@link #endSection}: a section's id before and a marker after its content, so
 *   that a reader that reads more or less than was written fails at the section's end, naming it.</li>
 * </ul>
 * Allocation-light and fast: everything is written into one reused heap array (plain array stores the JIT
 * compiles without bounds checks in the loops), flushed to the file a megabyte at a time; ASCII strings are
 * copied char by char, others encoded once; commands are encoded by the journal's codec into an Agrona
 * {@link ExpandableArrayBuffer}. One instance serves one thread and one file.
 */
public final class SnapshotWriter
{
    static final int BUFFER_LENGTH = 1 << 20;
    static final int SECTION_END = 0x5EC7E17D;
    /** A record's length prefix: 5 varint bytes hold up to 32 GiB. */
    static final int RECORD_PREFIX = 5;

    private final FileChannel channel;
    private byte[] bytes = new byte[BUFFER_LENGTH];
    /** Where the open record's length prefix is in {@link #bytes}, or -1 outside a record. */
    private int recordStart = -1;
    private final CRC32C crc = new CRC32C();
    private final CommandCodec codec = new CommandCodec();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final SnapshotPace pace;
    private final int flushAt;
    private long filePosition;
    private long written;
    private int limit;

    /** A writer that writes at {@code startPosition} of {@code channel} and on. */
    SnapshotWriter(final FileChannel channel, final long startPosition)
    {
        this(channel, startPosition, null);
    }

    /** A writer kept to {@code pace} (null: unpaced), flushing a slice at a time when paced. */
    SnapshotWriter(final FileChannel channel, final long startPosition, final SnapshotPace pace)
    {
        this.channel = channel;
        this.filePosition = startPosition;
        this.pace = pace;
        this.flushAt = pace == null ? BUFFER_LENGTH : SnapshotPace.SLICE;
    }

    /** Writes a section's id; its content follows, then {@link #endSection} with the same id. */
    public void beginSection(final int id)
    {
        putCount(id);
    }

    /** Closes the section {@code id} opened. */
    public void endSection(final int id)
    {
        putCount(id);
        ensure(4);
        bytes[limit++] = (byte)SECTION_END;
        bytes[limit++] = (byte)(SECTION_END >>> 8);
        bytes[limit++] = (byte)(SECTION_END >>> 16);
        bytes[limit++] = (byte)(SECTION_END >>> 24);
    }

    public void putByte(final int value)
    {
        ensure(1);
        bytes[limit++] = (byte)value;
    }

    public void putBoolean(final boolean value)
    {
        putByte(value ? 1 : 0);
    }

    /** A signed long, zig-zag varint encoded. */
    public void putLong(final long value)
    {
        putVarint((value << 1) ^ (value >> 63));
    }

    /** A non-negative count or length. */
    public void putCount(final long count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("a count is never negative: " + count);
        }
        putVarint(count);
    }

    /** Null or an enum constant, by its ordinal: enums that are written keep their constants' order. */
    public void putEnum(final Enum<?> value)
    {
        putVarint(value == null ? 0 : value.ordinal() + 1L);
    }

    /** Null, or a string in UTF-8. */
    public void putString(final String value)
    {
        if (value == null)
        {
            putVarint(0);
            return;
        }
        final int length = value.length();
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++)
        {
            ascii = value.charAt(i) < 0x80;
        }
        if (ascii)
        {
            putVarint(length + 1L);
            if (length > bytes.length)
            {
                final byte[] latin = value.getBytes(StandardCharsets.ISO_8859_1);
                putBytes(latin, 0, latin.length);
                return;
            }
            ensure(length);
            final byte[] b = bytes;
            int at = limit;
            for (int i = 0; i < length; i++)
            {
                b[at++] = (byte)value.charAt(i);
            }
            limit = at;
            return;
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        putVarint(utf8.length + 1L);
        putBytes(utf8, 0, utf8.length);
    }

    /** A journaled command, as the journal encodes it. */
    public void putCommand(final Command command)
    {
        final int length = codec.encode(command, scratch, 0);
        putCount(length);
        putBytes(scratch.byteArray(), 0, length);
    }

    /**
     * Opens a record: what follows until {@link #endRecord} is prefixed with its length (an unsigned varint padded
     * to {@value #RECORD_PREFIX} bytes), so that a reader can step over it ({@link SnapshotReader#skipTo}) or
     * come back to it later. Records do not nest. A record longer than the buffer grows the buffer for its time.
     */
    public void beginRecord()
    {
        if (recordStart >= 0)
        {
            throw new IllegalStateException("a record is open already");
        }
        ensure(RECORD_PREFIX + 64);
        recordStart = limit;
        limit += RECORD_PREFIX;
    }

    /** Closes the open record, writing its length before it. */
    public void endRecord()
    {
        if (recordStart < 0)
        {
            throw new IllegalStateException("no record is open");
        }
        long length = limit - recordStart - RECORD_PREFIX;
        for (int i = 0; i < RECORD_PREFIX; i++)
        {
            bytes[recordStart + i] = (byte)(i < RECORD_PREFIX - 1 ? (length & 0x7F) | 0x80 : length & 0x7F);
            length >>>= 7;
        }
        recordStart = -1;
        if (bytes.length > BUFFER_LENGTH && limit <= BUFFER_LENGTH)
        {
            bytes = java.util.Arrays.copyOf(bytes, BUFFER_LENGTH);
        }
    }

    /** Bytes written so far by this writer. */
    public long bytesWritten()
    {
        return written + limit;
    }

    /** Writes what is buffered; returns the CRC32C of everything this writer wrote. */
    long finish()
    {
        flush();
        return crc.getValue();
    }

    /** Longs as 8 little-endian bytes each, as they are: the reader must know how many ({@link SnapshotReader#getLongs}). */
    public void putLongs(final long[] source, final int offset, final int length)
    {
        int done = 0;
        while (done < length)
        {
            ensure(8);
            final int n = Math.min(length - done, (bytes.length - limit) >> 3);
            for (int i = 0; i < n; i++)
            {
                LONGS.set(bytes, limit, source[offset + done + i]);
                limit += 8;
            }
            done += n;
        }
    }

    static final java.lang.invoke.VarHandle LONGS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Raw bytes, as they are: the reader must know how many ({@link SnapshotReader#getBytes}). */
    public void putBytes(final byte[] source, final int offset, final int length)
    {
        int done = 0;
        while (done < length)
        {
            ensure(1);
            final int n = Math.min(length - done, bytes.length - limit);
            System.arraycopy(source, offset + done, bytes, limit, n);
            limit += n;
            done += n;
        }
    }

    private void putVarint(final long value)
    {
        ensure(10);
        final byte[] b = bytes;
        int at = limit;
        long v = value;
        while ((v & ~0x7FL) != 0)
        {
            b[at++] = (byte)((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte)v;
        limit = at;
    }

    private void ensure(final int length)
    {
        if (recordStart < 0)
        {
            // flushAt <= bytes.length, and no caller asks for more than bytes.length
            if (limit + length > flushAt)
            {
                flush();
                if (pace != null)
                {
                    pace.afterFlush(written);
                }
            }
        }
        else if (limit + length > bytes.length)
        {
            makeRoomInRecord(length);
        }
    }

    /**
     * Room for {@code length} more bytes while a record is open, whose prefix is not written yet: what is before
     * the record is flushed and the record moved to the buffer's start, and if that is not enough the buffer grows.
     */
    private void makeRoomInRecord(final int length)
    {
        if (recordStart > 0)
        {
            final int open = limit - recordStart;
            limit = recordStart;
            flush();
            System.arraycopy(bytes, recordStart, bytes, 0, open);
            recordStart = 0;
            limit = open;
        }
        if (limit + length > bytes.length)
        {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, limit + length));
        }
    }

    private void flush()
    {
        if (limit == 0)
        {
            return;
        }
        crc.update(bytes, 0, limit);
        final ByteBuffer out = ByteBuffer.wrap(bytes, 0, limit);
        try
        {
            while (out.hasRemaining())
            {
                filePosition += channel.write(out, filePosition);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot: write failed", ex);
        }
        written += limit;
        limit = 0;
    }
}
