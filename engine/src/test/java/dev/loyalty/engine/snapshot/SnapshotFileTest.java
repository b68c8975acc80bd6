package dev.loyalty.engine.snapshot;

import dev.loyalty.engine.command.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotFileTest
{
    @TempDir
    Path dir;

    private static final String UNICODE = "Кофейня «Утро» ☕🍩";

    private Path writeSample(final long sequence)
    {
        final Path file = new SnapshotStore(dir).fileFor(sequence);
        SnapshotFile.write(file, sequence, 1_780_000_000_123L, SnapshotFileTest::sampleBody);
        return file;
    }

    private static void sampleBody(final SnapshotWriter out)
    {
        out.beginSection(7);
        out.putLong(-1);
        out.putLong(Long.MIN_VALUE);
        out.putLong(Long.MAX_VALUE);
        out.putCount(3);
        out.putString(null);
        out.putString("");
        out.putString(UNICODE);
        out.putBoolean(true);
        out.putEnum(null);
        out.putEnum(Thread.State.WAITING);
        out.putCommand(new Commands.AdjustPoints("r", "m_1", -5, UNICODE));
        for (int i = 0; i < 100_000; i++)
        {
            out.putString("member-" + i);
        }
        out.endSection(7);
    }

    private static List<Object> readSample(final SnapshotReader in)
    {
        final List<Object> values = new ArrayList<>();
        in.beginSection(7);
        values.add(in.getLong());
        values.add(in.getLong());
        values.add(in.getLong());
        values.add(in.getCount(1));
        values.add(in.getString());
        values.add(in.getString());
        values.add(in.getString());
        values.add(in.getBoolean());
        values.add(in.getEnum(Thread.State.values()));
        values.add(in.getEnum(Thread.State.values()));
        values.add(in.getCommand());
        for (int i = 0; i < 100_000; i++)
        {
            if (!("member-" + i).equals(in.getString()))
            {
                throw new AssertionError("string " + i);
            }
        }
        in.endSection(7);
        return values;
    }

    @Test
    void shouldReadBackWhatWasWrittenWithItsHeader()
    {
        final Path file = writeSample(42);

        final List<Object> values = SnapshotFile.read(file, SnapshotFileTest::readSample);

        assertEquals(List.of(-1L, Long.MIN_VALUE, Long.MAX_VALUE, 3, "", UNICODE, true), List.of(values.get(0),
            values.get(1), values.get(2), values.get(3), values.get(5), values.get(6), values.get(7)));
        assertNull(values.get(4));
        assertNull(values.get(8));
        assertEquals(Thread.State.WAITING, values.get(9));
        assertEquals(new Commands.AdjustPoints("r", "m_1", -5, UNICODE), values.get(10));
        final SnapshotFile.Header header = SnapshotFile.verify(file);
        assertEquals(42, header.journalSequence());
        assertEquals(1_780_000_000_123L, header.engineTimeMillis());
        assertEquals(SnapshotFile.FORMAT_VERSION, header.formatVersion());
        assertEquals(42, SnapshotStore.sequenceOf(file));
        assertFalse(Files.exists(file.resolveSibling(file.getFileName() + ".tmp")));
    }

    @Test
    void shouldWriteTheSameBodyWhenPacedAndReadItBack() throws IOException
    {
        final Path unpaced = writeSample(5);
        final Path paced = new SnapshotStore(dir.resolve("paced")).fileFor(5);
        SnapshotFile.write(paced, 5, 1_780_000_000_123L, 4L << 20, SnapshotFileTest::sampleBody);

        final byte[] a = Files.readAllBytes(unpaced);
        final byte[] b = Files.readAllBytes(paced);
        assertTrue(a.length > 2 * SnapshotPace.SLICE, "a body of several slices: " + a.length);
        assertEquals(a.length, b.length);
        assertEquals(ByteBuffer.wrap(a, SnapshotFile.HEADER_LENGTH, a.length - SnapshotFile.HEADER_LENGTH),
            ByteBuffer.wrap(b, SnapshotFile.HEADER_LENGTH, b.length - SnapshotFile.HEADER_LENGTH));
        assertEquals(SnapshotFile.verify(unpaced).bodyChecksum(), SnapshotFile.verify(paced).bodyChecksum());
        assertEquals(SnapshotFile.read(unpaced, SnapshotFileTest::readSample).get(10),
            SnapshotFile.read(paced, SnapshotFileTest::readSample).get(10));
    }

    @Test
    void shouldKeepAPacedWriterToItsBudgetInSlices() throws IOException
    {
        final long budget = 2L << 20;
        final int body = 1 << 20;
        final Path file = dir.resolve("paced.bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
        {
            // the budget runs from the pace's creation, so the time is measured from before it
            final long startNs = System.nanoTime();
            final SnapshotPace pace = new SnapshotPace(budget);
            final SnapshotWriter writer = new SnapshotWriter(channel, 0, pace);
            final byte[] chunk = new byte[1000];
            for (int written = 0; written < body; written += chunk.length)
            {
                writer.putBytes(chunk, 0, chunk.length);
            }
            writer.finish();
            final long elapsedNs = System.nanoTime() - startNs;

            // every slice but the last is handed to the file and paced: it cannot be done sooner than the budget
            final long pacedBytes = body - 2L * SnapshotPace.SLICE;
            assertTrue(elapsedNs >= pacedBytes * 1_000_000_000L / budget,
                "1 MB at 2 MB/s in " + elapsedNs / 1_000_000 + " ms");
            assertTrue(pace.parks() >= body / SnapshotPace.SLICE / 2, "parks: " + pace.parks());
            assertTrue(pace.parkedNanos() > 0);
            assertEquals(body + chunk.length - body % chunk.length, Files.size(file));
        }
        assertThrows(IllegalArgumentException.class, () -> new SnapshotPace(0));
    }

    @Test
    void shouldRefuseABodyWhoseChecksumFailsBeforeReadingIt() throws IOException
    {
        final Path file = writeSample(1);
        flip(file, Files.size(file) / 2);

        final InvalidSnapshotException ex = assertThrows(InvalidSnapshotException.class,
            () -> SnapshotFile.read(file, in ->
            {
                throw new AssertionError("a body whose checksum fails is never handed to a reader");
            }));
        assertTrue(ex.getMessage().contains("body checksum mismatch"), ex.getMessage());
    }

    @Test
    void shouldRefuseADamagedHeaderAShortFileAndAnotherFormatVersion() throws IOException
    {
        final Path header = writeSample(1);
        flip(header, SnapshotFile.SEQUENCE_OFFSET);
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotFile.verify(header)).getMessage()
            .contains("header checksum mismatch"));

        final Path shorter = writeSample(2);
        try (RandomAccessFile raf = new RandomAccessFile(shorter.toFile(), "rw"))
        {
            raf.setLength(raf.length() - 1);
        }
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotFile.verify(shorter)).getMessage()
            .contains("its header says"));

        final Path version = writeSample(3);
        rewriteVersion(version, SnapshotFile.FORMAT_VERSION + 1);
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotFile.verify(version)).getMessage()
            .contains("format version " + (SnapshotFile.FORMAT_VERSION + 1)));
    }

    @Test
    void shouldRefuseAReaderThatReadsOtherThanTheWriterWrote()
    {
        final Path file = writeSample(1);

        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotFile.read(file, in ->
        {
            in.beginSection(8);
            return null;
        })).getMessage().contains("expected section 8"));
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotFile.read(file, in ->
        {
            in.beginSection(7);
            in.getLong();
            return null;
        })).getMessage().contains("were not read"));
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotFile.read(file, in ->
        {
            in.beginSection(7);
            in.getLong();
            in.endSection(7);
            return null;
        })).getMessage().contains("does not end where its reader stopped"));
    }

    @Test
    void shouldListNewestFirstKeepTheNewestAndDeleteStrayTemporaries() throws IOException
    {
        for (final long sequence : new long[]{5, 120, 7})
        {
            writeSample(sequence);
        }
        Files.writeString(dir.resolve("snapshot-00000000000000000200.bin.tmp"), "torn");
        final SnapshotStore store = new SnapshotStore(dir);

        assertEquals(List.of(120L, 7L, 5L), store.newestFirst().stream().map(SnapshotStore::sequenceOf).toList());
        assertEquals(List.of(store.fileFor(5)), store.keepNewest(2));
        assertEquals(List.of(120L, 7L), store.newestFirst().stream().map(SnapshotStore::sequenceOf).toList());
        final List<String> warnings = new ArrayList<>();
        store.deleteTemporaries(warnings::add);
        assertEquals(1, warnings.size());
        assertFalse(Files.exists(dir.resolve("snapshot-00000000000000000200.bin.tmp")));
    }

    private static void flip(final Path file, final long offset) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x10);
        }
    }

    private static void rewriteVersion(final Path file, final int version) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final byte[] header = new byte[SnapshotFile.HEADER_LENGTH];
            raf.readFully(header);
            final ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(SnapshotFile.VERSION_OFFSET, version);
            final CRC32C crc = new CRC32C();
            crc.update(header, 0, SnapshotFile.HEADER_CHECKSUM_OFFSET);
            b.putInt(SnapshotFile.HEADER_CHECKSUM_OFFSET, (int)crc.getValue());
            raf.seek(0);
            raf.write(header);
        }
    }
}
