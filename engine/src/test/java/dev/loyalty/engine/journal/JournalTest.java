package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import dev.loyalty.engine.sbe.JournalRecordHeaderEncoder;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    private static final long T0 = 1_780_000_000_000L;

    @TempDir
    Path dir;

    record Entry(long sequence, long stampMillis, Command command)
    {
    }

    @Test
    void shouldReplayAppendedCommandsAfterReopenAndContinueTheSequence()
    {
        final List<Entry> written = new ArrayList<>();
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            assertEquals(0, journal.lastSequence());
            long stamp = T0;
            for (final Command command : allSamples())
            {
                final long sequence = journal.append(command, stamp);
                written.add(new Entry(sequence, stamp, command));
                stamp += 7;
            }
            journal.endOfBatch();
            assertEquals(written.size(), journal.lastSequence());
        }

        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            assertEquals(written.size(), journal.lastSequence());
            final List<Entry> replayed = replayAll(journal, 0);
            assertEquals(written, replayed);
            for (int i = 0; i < replayed.size(); i++)
            {
                assertEquals(i + 1, replayed.get(i).sequence());
            }

            final long next = journal.append(new Commands.Capture(null, "after-restart"), T0 + 1000);
            assertEquals(written.size() + 1, next);
            assertEquals(next, journal.lastSequence());
        }

        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            final List<Entry> replayed = replayAll(journal, 0);
            assertEquals(written.size() + 1, replayed.size());
            assertEquals(new Entry(written.size() + 1, T0 + 1000, new Commands.Capture(null, "after-restart")),
                replayed.get(replayed.size() - 1));
        }
    }

    @Test
    void shouldReplayOnlyTheRecordsAfterTheGivenSequence()
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            for (int i = 1; i <= 10; i++)
            {
                journal.append(new Commands.Capture(null, "tx-" + i), T0 + i);
            }

            final List<Entry> replayed = replayAll(journal, 6);

            assertEquals(4, replayed.size());
            assertEquals(new Entry(7, T0 + 7, new Commands.Capture(null, "tx-7")), replayed.get(0));
            assertEquals(10, replayed.get(3).sequence());
            assertEquals(0, journal.replay(10, (sequence, stampMillis, command) -> { }));
        }
    }

    @Test
    void shouldRefuseToReplayFromBeyondTheEndOfTheJournal()
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Tick(), T0);

            final JournalCorruptedException ex =
                assertThrows(JournalCorruptedException.class, () -> replayAll(journal, 5));
            assertTrue(ex.getMessage().contains("ends at sequence 1"), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseAFlippedByteInTheMiddleNamingTheFileOffsetAndIndexWithoutChangingAnything() throws IOException
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Capture(null, "tx-1"), T0);
            journal.append(new Commands.AdjustPoints("adj", "m_1", 5, "FLIP-ME-MARKER"), T0 + 1);
            journal.append(new Commands.Capture(null, "tx-3"), T0 + 2);
        }
        final Path file = flipByteOf("FLIP-ME-MARKER");
        final byte[] before = Files.readAllBytes(file);

        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> Journal.open(dir, Durability.ASYNC));

        assertEquals(file.toFile().getAbsoluteFile(), ex.file().getAbsoluteFile());
        assertTrue(ex.getMessage().contains(file.getFileName().toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("offset " + ex.offset()), ex.getMessage());
        assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
        assertTrue(ex.getMessage().contains("a whole record follows it"), ex.getMessage());
        assertEquals(1, RollCycles.FAST_HOURLY.toSequenceNumber(ex.index()));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "a refused journal is left as it was");
    }

    @Test
    void shouldNeverHandABadRecordToTheListenerOfAReplay() throws IOException
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Capture(null, "tx-1"), T0);
            journal.append(new Commands.AdjustPoints("adj", "m_1", 5, "FLIP-ME-MARKER"), T0 + 1);
            journal.append(new Commands.Capture(null, "tx-3"), T0 + 2);
            flipByteOf("FLIP-ME-MARKER");

            final List<Entry> applied = new ArrayList<>();
            final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
                () -> journal.replay(0, (sequence, stamp, command) -> applied.add(new Entry(sequence, stamp, command))));

            assertEquals(List.of(new Entry(1, T0, new Commands.Capture(null, "tx-1"))), applied);
            assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
            assertTrue(ex.offset() > 0, ex.getMessage());
        }
    }

    @Test
    void shouldRefuseAGapInTheSequenceEvenWhenTheRecordsChecksumIsGood()
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Capture(null, "tx-1"), T0);
            journal.append(new Commands.Capture(null, "tx-2"), T0 + 1);
        }
        appendWellFormedRecord(dir, 4, new Commands.Capture(null, "tx-4"));

        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> Journal.open(dir, Durability.ASYNC));

        assertTrue(ex.getMessage().contains("sequence 4 where 3 was expected"), ex.getMessage());
        assertEquals(2, RollCycles.FAST_HOURLY.toSequenceNumber(ex.index()));
    }

    @Test
    void shouldLayOutTheRecordHeaderAsDrawnInTheJavadoc()
    {
        assertEquals(0, JournalRecordHeaderEncoder.checksumEncodingOffset());
        assertEquals(4, JournalRecordHeaderEncoder.templateIdEncodingOffset());
        assertEquals(6, JournalRecordHeaderEncoder.schemaVersionEncodingOffset());
        assertEquals(8, JournalRecordHeaderEncoder.sequenceEncodingOffset());
        assertEquals(16, JournalRecordHeaderEncoder.stampMillisEncodingOffset());
        assertEquals(24, JournalRecordHeaderEncoder.lengthEncodingOffset());
        assertEquals(28, Journal.HEADER_LENGTH);
        assertEquals(4, Journal.CHECKSUMMED_OFFSET);
    }

    @Test
    void shouldTruncateALastRecordWhoseChecksumFailsWithAWarningNamingItsFileAndOffset() throws IOException
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Capture(null, "tx-1"), T0);
            journal.append(new Commands.Capture(null, "LAST-RECORD"), T0 + 1);
        }
        final Path file = flipByteOf("LAST-RECORD");

        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            assertEquals(1, journal.lastSequence());
            assertEquals(1, journal.warnings().size(), journal.warnings().toString());
            final String warning = journal.warnings().get(0);
            assertTrue(warning.contains(file.toString()) && warning.contains("checksum mismatch") &&
                warning.contains("truncated"), warning);
            assertEquals(List.of(new Entry(1, T0, new Commands.Capture(null, "tx-1"))), replayAll(journal, 0));
            assertEquals(2, journal.append(new Commands.Capture(null, "tx-2"), T0 + 2));
        }
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            assertEquals(List.of(), journal.warnings());
            assertEquals(2, replayAll(journal, 0).size());
        }
        try (Stream<Path> saved = Files.list(dir.resolveSibling(dir.getFileName() + "-damaged")))
        {
            assertEquals(1, saved.count(), "the damaged bytes are kept");
        }
    }

    @Test
    void shouldNotWriteACommandThatCannotBeJournaled()
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Tick(), T0);

            assertThrows(IllegalArgumentException.class, () -> journal.append(new Commands.GetProgram(), T0 + 1));

            assertEquals(1, journal.lastSequence());
            assertEquals(2, journal.append(new Commands.Tick(), T0 + 2));
            assertEquals(2, replayAll(journal, 0).size());
        }
    }

    @Test
    void shouldForceTheJournalToDiskAtTheEndOfEachBatchInSyncMode()
    {
        try (Journal journal = Journal.open(dir, Durability.SYNC))
        {
            journal.endOfBatch();
            assertEquals(0, journal.syncCount(), "nothing appended, nothing to force");

            journal.append(new Commands.Capture(null, "tx-1"), T0);
            journal.append(new Commands.Capture(null, "tx-2"), T0 + 1);
            journal.endOfBatch();
            assertEquals(1, journal.syncCount());

            journal.endOfBatch();
            assertEquals(1, journal.syncCount(), "an empty batch forces nothing");

            journal.append(new Commands.Capture(null, "tx-3"), T0 + 2);
            journal.endOfBatch();
            assertEquals(2, journal.syncCount());
        }
        try (Journal journal = Journal.open(dir, Durability.SYNC))
        {
            assertEquals(3, replayAll(journal, 0).size());
        }
    }

    @Test
    void shouldNotForceAnythingInAsyncMode()
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Capture(null, "tx-1"), T0);
            journal.endOfBatch();

            assertEquals(0, journal.syncCount());
        }
    }

    @Test
    void shouldKeepSequencesContiguousAcrossCycleFiles() throws IOException
    {
        final SetTimeProvider time = new SetTimeProvider(T0 * 1_000_000L);
        try (Journal journal = Journal.open(dir, Durability.SYNC, TestRollCycles.TEST_SECONDLY, time))
        {
            for (int i = 1; i <= 9; i++)
            {
                journal.append(new Commands.Capture(null, "tx-" + i), T0 + i);
                journal.endOfBatch();
                if (i % 3 == 0)
                {
                    time.advanceMillis(1000);
                }
            }
            assertEquals(9, journal.syncCount());
        }
        assertEquals(3, cycleFiles().size());

        try (Journal journal = Journal.open(dir, Durability.SYNC, TestRollCycles.TEST_SECONDLY, time))
        {
            assertEquals(9, journal.lastSequence());
            final List<Entry> replayed = replayAll(journal, 4);
            assertEquals(5, replayed.size());
            for (int i = 0; i < replayed.size(); i++)
            {
                assertEquals(new Entry(5 + i, T0 + 5 + i, new Commands.Capture(null, "tx-" + (5 + i))),
                    replayed.get(i));
            }
            assertEquals(10, journal.append(new Commands.Tick(), T0 + 10));
        }
    }

    @Test
    void shouldExposeItsDirectoryAndTheLastQueueIndex()
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Tick(), T0);
            journal.append(new Commands.Tick(), T0 + 1);

            assertEquals(dir, journal.directory());
            assertEquals(1, RollCycles.FAST_HOURLY.toSequenceNumber(journal.lastIndex()));
        }
    }

    @Test
    void shouldRefuseToAppendAfterClose()
    {
        final Journal journal = Journal.open(dir, Durability.ASYNC);
        journal.close();

        assertThrows(IllegalStateException.class, () -> journal.append(new Commands.Tick(), T0));
    }

    static List<Command> allSamples()
    {
        final List<Command> commands = new ArrayList<>(CommandSamples.full().values());
        commands.addAll(CommandSamples.sparse().values());
        commands.add(CommandSamples.largestPurchase());
        return commands;
    }

    static List<Entry> replayAll(final Journal journal, final long afterSequence)
    {
        final List<Entry> entries = new ArrayList<>();
        final long count = journal.replay(
            afterSequence, (sequence, stampMillis, command) -> entries.add(new Entry(sequence, stampMillis, command)));
        assertEquals(entries.size(), count);
        return entries;
    }

    /** Writes a record with a good checksum and any sequence straight into the queue, as a buggy writer might. */
    static void appendWellFormedRecord(final Path dir, final long sequence, final Command command)
    {
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1024);
        final int commandLength = new CommandCodec().encode(command, buffer, Journal.HEADER_LENGTH);
        final int recordLength = Journal.HEADER_LENGTH + commandLength;
        final JournalRecordHeaderEncoder header = new JournalRecordHeaderEncoder().wrap(buffer, 0)
            .templateId(command.type().templateId())
            .sequence(sequence)
            .stampMillis(T0)
            .length(commandLength);
        header.checksum(new RecordChecksum().compute(buffer, Journal.CHECKSUMMED_OFFSET, recordLength));
        final byte[] record = new byte[recordLength];
        buffer.getBytes(0, record);
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.toFile()).build();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(record);
        }
    }

    private List<Path> cycleFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(path -> path.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /** Flips one byte of the only occurrence of {@code marker} in the journal's cycle files. */
    Path flipByteOf(final String marker) throws IOException
    {
        return flipByteOf(dir, marker);
    }

    static Path flipByteOf(final Path dir, final String marker) throws IOException
    {
        final byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.filter(path -> path.toString().endsWith(".cq4")).toList())
            {
                final byte[] content = Files.readAllBytes(file);
                for (int i = 0; i + needle.length <= content.length; i++)
                {
                    if (java.util.Arrays.equals(content, i, i + needle.length, needle, 0, needle.length))
                    {
                        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
                        {
                            raf.seek(i + 2);
                            raf.write(content[i + 2] ^ 0x20);
                        }
                        return file;
                    }
                }
            }
        }
        throw new AssertionError("marker not found: " + marker);
    }
}
