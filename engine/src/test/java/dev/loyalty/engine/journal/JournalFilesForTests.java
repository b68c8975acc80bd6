package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Byte-level helpers for the damaged-journal tests: where records are, sparse copies, headers. */
final class JournalFilesForTests
{
    /** One record's place: the document header's offset and the offset just past its payload. */
    record Place(long sequence, long offset, long end)
    {
    }

    private JournalFilesForTests()
    {
    }

    static Path onlyCycleFile(final Path dir)
    {
        final List<Path> files = CycleFiles.list(dir);
        if (files.size() != 1)
        {
            throw new AssertionError("expected one cycle file in " + dir + ": " + files);
        }
        return files.get(0);
    }

    /** The places of every record of a cycle file, found by walking it. */
    static List<Place> places(final Path file)
    {
        final List<Place> places = new ArrayList<>();
        new JournalWalker(Journal.ROLL_CYCLE).walk(file, 0, 0,
            (sequence, stamp, buffer, offset, length, f, position, index) ->
                places.add(new Place(sequence, position, position + 4 + length)), false);
        return places;
    }

    /** Copies a journal directory; cycle files are copied up to {@code upTo} bytes and re-extended sparsely. */
    static void copy(final Path from, final Path to, final long upTo)
    {
        try (Stream<Path> files = Files.list(from))
        {
            Files.createDirectories(to);
            for (final Path file : files.toList())
            {
                final Path target = to.resolve(file.getFileName());
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
                {
                    final long size = in.size();
                    final long n = file.toString().endsWith(CycleFiles.SUFFIX) ? Math.min(size, upTo) : size;
                    long done = 0;
                    while (done < n)
                    {
                        done += in.transferTo(done, n - done, out);
                    }
                }
                try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw"))
                {
                    raf.setLength(Files.size(file));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static int intAt(final Path file, final long offset)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(b, offset);
            return b.getInt(0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void putInt(final Path file, final long offset, final int value)
    {
        final ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, value);
        write(file, offset, b.array());
    }

    static void write(final Path file, final long offset, final byte[] bytes)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            final ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining())
            {
                channel.write(b, offset + b.position());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void truncate(final Path file, final long size)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(size);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] read(final Path file)
    {
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The first {@code length} bytes of a file (fewer if it is shorter). */
    static byte[] read(final Path file, final long length)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer b = ByteBuffer.allocate((int)Math.min(length, channel.size()));
            while (b.hasRemaining())
            {
                if (channel.read(b, b.position()) < 0)
                {
                    break;
                }
            }
            return b.array();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every record of the journal in {@code dir}, read by a replay. */
    static List<JournalTest.Entry> replay(final Path dir)
    {
        final List<JournalTest.Entry> entries = new ArrayList<>();
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.replay(0, (sequence, stamp, command) -> entries.add(new JournalTest.Entry(sequence, stamp, command)));
        }
        return entries;
    }

    /** The command a test journal holds at a sequence: its size varies with the sequence. */
    static Command command(final long sequence, final int reasonLength)
    {
        return new dev.loyalty.engine.command.Commands.AdjustPoints(
            "req-" + sequence, "m_" + sequence, sequence, "r".repeat(reasonLength));
    }
}
