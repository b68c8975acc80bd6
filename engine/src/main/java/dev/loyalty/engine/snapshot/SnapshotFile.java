package dev.loyalty.engine.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * One snapshot file: a 64-byte header, then the body the state owners wrote ({@link SnapshotWriter}). All
 * integers little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Magic "LOYLSNAP" (8 bytes)                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Format Version (int32)                     |  FORMAT_VERSION
 *  +---------------------------------------------------------------+
 *  |                    Header Length (int32)                      |  64
 *  +---------------------------------------------------------------+
 *  |                   Journal Sequence (int64)                    |  the last record the state includes
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Engine Time Millis (int64)                   |  the state's engine time
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Written At Millis (int64)                    |  wall clock, for people
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Body Length (int64)                       |  the file is 64 + this long
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Body Checksum (uint32)                      |  CRC32C of the body
 *  +---------------------------------------------------------------+
 *  |                     Reserved (8 bytes)                        |  zero
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Header Checksum (uint32)                     |  CRC32C of bytes 0..59
 *  +---------------------------------------------------------------+
 *  |                Body: the state owners' sections              ...
 * </pre>
 * The two checksums cover every byte of the file. A snapshot is written to {@code <name>.tmp} in its directory,
 * forced to disk, renamed atomically to its name and the directory forced, so that a crash leaves either the
 * whole new file or none (a stray {@code .tmp} is deleted at the next start). Reading checks the header, the
 * length and the body's checksum; the body is decoded while its checksum is computed, and what was decoded is used
 * only once the checksum passed.
 */
public final class SnapshotFile
{
    /** "LOYLSNAP" read as a little-endian long. */
    public static final long MAGIC = 0x50414E534C594F4CL;
    /**
     * The body's format. Any change to what a state owner writes bumps it; a snapshot of another version is
     * skipped (recovery then uses an older one or replays the journal). 3 was the compact members and, on another
     * branch, the compact purchases; 4 is both; 5 writes each member as a length-prefixed record with its
     * identifiers first, so that a load can index the identifiers and leave the rest in the file until needed;
     * 6 does the same for purchases (txId first) and names a due work's lot by its owner's number and place only;
     * 7 stores where each member record starts and the identifier table at the end of the body (a load reads
     * them instead of every member record).
     */
    public static final int FORMAT_VERSION = 7;
    public static final int HEADER_LENGTH = 64;

    static final int VERSION_OFFSET = 8;
    static final int HEADER_LENGTH_OFFSET = 12;
    static final int SEQUENCE_OFFSET = 16;
    static final int ENGINE_TIME_OFFSET = 24;
    static final int WRITTEN_AT_OFFSET = 32;
    static final int BODY_LENGTH_OFFSET = 40;
    static final int BODY_CHECKSUM_OFFSET = 48;
    static final int HEADER_CHECKSUM_OFFSET = 60;
    static final String TEMPORARY_SUFFIX = ".tmp";

    /** A snapshot's header. */
    public record Header(
        int formatVersion, long journalSequence, long engineTimeMillis, long writtenAtMillis, long bodyLength,
        long bodyChecksum)
    {
    }

    private SnapshotFile()
    {
    }

    /**
     * Writes a snapshot to {@code file} atomically: {@code body} writes the state, then the header goes in front,
     * the file is forced, renamed into place and its directory forced.
     *
     * @return the header written.
     */
    public static Header write(
        final Path file, final long journalSequence, final long engineTimeMillis, final Consumer<SnapshotWriter> body)
    {
        return write(file, journalSequence, engineTimeMillis, 0, body);
    }

    /**
     * {@link #write(Path, long, long, Consumer)}, the body written at most {@code bytesPerSecond} (0: as fast as
     * it goes), a slice at a time; see {@link SnapshotPace}.
     */
    public static Header write(
        final Path file, final long journalSequence, final long engineTimeMillis, final long bytesPerSecond,
        final Consumer<SnapshotWriter> body)
    {
        final Path temporary = file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
        final Header header;
        try
        {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                final SnapshotWriter writer = new SnapshotWriter(channel, HEADER_LENGTH,
                    bytesPerSecond > 0 ? new SnapshotPace(bytesPerSecond) : null);
                body.accept(writer);
                final long checksum = writer.finish();
                header = new Header(FORMAT_VERSION, journalSequence, engineTimeMillis, System.currentTimeMillis(),
                    writer.bytesWritten(), checksum);
                final ByteBuffer head = encode(header);
                while (head.hasRemaining())
                {
                    channel.write(head, head.position());
                }
                channel.force(true);
            }
            try
            {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                throw new IOException("the file system cannot rename " + temporary + " atomically", ex);
            }
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ))
            {
                dir.force(true);
            }
        }
        catch (final IOException ex)
        {
            deleteQuietly(temporary);
            throw new UncheckedIOException("snapshot: could not write " + file, ex);
        }
        catch (final RuntimeException | Error ex)
        {
            deleteQuietly(temporary);
            throw ex;
        }
        return header;
    }

    /** Reads and checks the header and the file's length (not the body's checksum). */
    public static Header readHeader(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            return readHeader(file, channel);
        }
        catch (final IOException ex)
        {
            throw new InvalidSnapshotException("snapshot " + file + " cannot be read: " + ex);
        }
    }

    /** Checks the whole file: header, length and the body's checksum. */
    public static Header verify(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final Header header = readHeader(file, channel);
            verifyBody(file, channel, header);
            return header;
        }
        catch (final IOException ex)
        {
            throw new InvalidSnapshotException("snapshot " + file + " cannot be read: " + ex);
        }
    }

    /**
     * Checks the whole file and hands a reader of its body to {@code body}, which must read it all. The body's
     * checksum is computed on a thread of its own while {@code body} decodes (on two cores the two overlap); the
     * result is returned only once the checksum has passed, and a failed checksum is what is reported, whatever
     * the decoding made of the damaged bytes (the reader bounds every count and length by what is left of the body,
     * so damaged bytes fail to decode rather than run away).
     *
     * @throws InvalidSnapshotException when a check fails or the body is not what {@code body} reads.
     */
    public static <T> T read(final Path file, final Function<SnapshotReader, T> body)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final Header header = readHeader(file, channel);
            final FutureTask<InvalidSnapshotException> check = new FutureTask<>(() ->
            {
                try
                {
                    verifyBody(file, channel, header);
                    return null;
                }
                catch (final InvalidSnapshotException ex)
                {
                    return ex;
                }
                catch (final IOException ex)
                {
                    return new InvalidSnapshotException("snapshot " + file + " cannot be read: " + ex);
                }
            });
            final Thread checker = new Thread(check, "loyalty-snapshot-checksum");
            checker.setDaemon(true);
            checker.start();
            final SnapshotReader reader =
                new SnapshotReader(file, channel, HEADER_LENGTH, HEADER_LENGTH + header.bodyLength());
            final T result;
            try
            {
                result = decode(file, reader, body);
                throwIfBad(check);
            }
            catch (final RuntimeException | Error ex)
            {
                reader.closeSources();
                throwIfBad(check);
                throw ex;
            }
            return result;
        }
        catch (final IOException ex)
        {
            throw new InvalidSnapshotException("snapshot " + file + " cannot be read: " + ex);
        }
    }

    private static <T> T decode(final Path file, final SnapshotReader reader, final Function<SnapshotReader, T> body)
    {
        final T result;
        try
        {
            result = body.apply(reader);
        }
        catch (final InvalidSnapshotException ex)
        {
            throw new InvalidSnapshotException("snapshot " + file + ": " + ex.getMessage());
        }
        if (reader.remaining() != 0)
        {
            throw new InvalidSnapshotException("snapshot " + file + ": " + reader.remaining() +
                " bytes of its body were not read");
        }
        return result;
    }

    /** Waits for the checksum of the body and throws when it failed. */
    private static void throwIfBad(final FutureTask<InvalidSnapshotException> check)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                final InvalidSnapshotException bad = check.get();
                if (interrupted)
                {
                    Thread.currentThread().interrupt();
                }
                if (bad != null)
                {
                    throw bad;
                }
                return;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
            catch (final ExecutionException ex)
            {
                throw new IllegalStateException("the snapshot checksum failed to run", ex.getCause());
            }
        }
    }

    private static ByteBuffer encode(final Header h)
    {
        final ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, MAGIC)
            .putInt(VERSION_OFFSET, h.formatVersion())
            .putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH)
            .putLong(SEQUENCE_OFFSET, h.journalSequence())
            .putLong(ENGINE_TIME_OFFSET, h.engineTimeMillis())
            .putLong(WRITTEN_AT_OFFSET, h.writtenAtMillis())
            .putLong(BODY_LENGTH_OFFSET, h.bodyLength())
            .putInt(BODY_CHECKSUM_OFFSET, (int)h.bodyChecksum());
        b.putInt(HEADER_CHECKSUM_OFFSET, (int)checksum(b, 0, HEADER_CHECKSUM_OFFSET));
        return b;
    }

    private static Header readHeader(final Path file, final FileChannel channel) throws IOException
    {
        final ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining())
        {
            if (channel.read(b, b.position()) < 0)
            {
                throw new InvalidSnapshotException("snapshot " + file + " is shorter than its header (" +
                    channel.size() + " bytes)");
            }
        }
        if (b.getLong(0) != MAGIC)
        {
            throw new InvalidSnapshotException("snapshot " + file + " does not start with the snapshot magic");
        }
        final long stored = Integer.toUnsignedLong(b.getInt(HEADER_CHECKSUM_OFFSET));
        final long computed = checksum(b, 0, HEADER_CHECKSUM_OFFSET);
        if (stored != computed)
        {
            throw new InvalidSnapshotException(String.format(
                "snapshot %s: header checksum mismatch: stored %08x, computed %08x", file, stored, computed));
        }
        final Header header = new Header(b.getInt(VERSION_OFFSET), b.getLong(SEQUENCE_OFFSET),
            b.getLong(ENGINE_TIME_OFFSET), b.getLong(WRITTEN_AT_OFFSET), b.getLong(BODY_LENGTH_OFFSET),
            Integer.toUnsignedLong(b.getInt(BODY_CHECKSUM_OFFSET)));
        if (header.formatVersion() != FORMAT_VERSION || b.getInt(HEADER_LENGTH_OFFSET) != HEADER_LENGTH)
        {
            throw new InvalidSnapshotException("snapshot " + file + " has format version " + header.formatVersion() +
                (header.formatVersion() < FORMAT_VERSION ? ", written by an older engine" : "") +
                "; this engine reads version " + FORMAT_VERSION + " only");
        }
        if (channel.size() != HEADER_LENGTH + header.bodyLength())
        {
            throw new InvalidSnapshotException("snapshot " + file + " is " + channel.size() + " bytes, its header says " +
                (HEADER_LENGTH + header.bodyLength()));
        }
        return header;
    }

    private static void verifyBody(final Path file, final FileChannel channel, final Header header) throws IOException
    {
        final CRC32C crc = new CRC32C();
        final ByteBuffer b = ByteBuffer.allocateDirect(SnapshotWriter.BUFFER_LENGTH);
        long position = HEADER_LENGTH;
        final long end = HEADER_LENGTH + header.bodyLength();
        while (position < end)
        {
            b.clear();
            if (end - position < b.capacity())
            {
                b.limit((int)(end - position));
            }
            final int n = channel.read(b, position);
            if (n < 0)
            {
                break;
            }
            b.flip();
            crc.update(b);
            position += n;
        }
        if (crc.getValue() != header.bodyChecksum())
        {
            throw new InvalidSnapshotException(String.format(
                "snapshot %s: body checksum mismatch: stored %08x, computed %08x", file, header.bodyChecksum(),
                crc.getValue()));
        }
    }

    private static long checksum(final ByteBuffer b, final int from, final int to)
    {
        final CRC32C crc = new CRC32C();
        crc.update(b.array(), from, to - from);
        return crc.getValue();
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ignore)
        {
            // the temporary file is removed at the next start
        }
    }
}
