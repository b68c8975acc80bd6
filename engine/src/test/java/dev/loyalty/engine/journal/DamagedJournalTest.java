package dev.loyalty.engine.journal;

import net.openhft.chronicle.wire.Wires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.loyalty.engine.journal.JournalFilesForTests.Place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Torn and damaged journals, damaged byte by byte in a real Chronicle Queue: the journal opens at its last good
 * record (a torn tail truncated with a warning naming the file and offset) or refuses with the file and offset;
 * a bad record is never replayed, and records appended after a truncation are replayed again.
 */
class DamagedJournalTest
{
    private static final long T0 = 1_780_000_000_000L;
    private static final int RECORDS = 40;

    @TempDir
    Path root;

    private Path write(final Path dir, final int records, final Random sizes)
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            for (int i = 1; i <= records; i++)
            {
                journal.append(JournalFilesForTests.command(i, sizes.nextInt(600)), T0 + i);
            }
        }
        return JournalFilesForTests.onlyCycleFile(dir);
    }

    private static List<JournalTest.Entry> expected(final int records, final Random sizes)
    {
        final List<JournalTest.Entry> entries = new ArrayList<>();
        for (int i = 1; i <= records; i++)
        {
            entries.add(new JournalTest.Entry(i, T0 + i, JournalFilesForTests.command(i, sizes.nextInt(600))));
        }
        return entries;
    }

    @Test
    void shouldTruncateAnIncompleteLastDocumentAndReplayTheRecordsAppendedAfterIt()
    {
        final Path dir = root.resolve("journal");
        final Path file = write(dir, 5, new Random(1));
        final Place last = JournalFilesForTests.places(file).get(4);
        JournalFilesForTests.putInt(file, last.offset(), JournalFilesForTests.intAt(file, last.offset()) | Wires.NOT_COMPLETE);

        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            assertEquals(4, journal.lastSequence());
            final String warning = String.join("\n", journal.warnings());
            assertTrue(warning.contains(file.toString()) && warning.contains("offset " + last.offset()) &&
                warning.contains("never acknowledged"), warning);
            assertEquals(4, JournalTest.replayAll(journal, 0).size());
            for (int i = 5; i <= 7; i++)
            {
                assertEquals(i, journal.append(JournalFilesForTests.command(i, 10), T0 + i));
            }
        }

        final List<JournalTest.Entry> replayed = JournalFilesForTests.replay(dir);
        assertEquals(7, replayed.size(), "records appended after the torn one are replayed");
        assertEquals(JournalFilesForTests.command(7, 10), replayed.get(6).command());
    }

    @Test
    void shouldClearBytesATornAppendLeftAfterTheLastRecord()
    {
        final Path dir = root.resolve("journal");
        final Path file = write(dir, 3, new Random(2));
        final Place last = JournalFilesForTests.places(file).get(2);
        final byte[] stray = new byte[300];
        Arrays.fill(stray, (byte)'x');
        JournalFilesForTests.write(file, JournalWalker.align(last.end()) + 4, stray);

        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            assertEquals(3, journal.lastSequence());
            assertEquals(1, journal.warnings().size());
            assertTrue(journal.warnings().get(0).contains("non-zero bytes"), journal.warnings().get(0));
            journal.append(JournalFilesForTests.command(4, 1), T0 + 4);
        }
        assertEquals(4, JournalFilesForTests.replay(dir).size());
        final JournalWalker.FileWalk walk = new JournalWalker(Journal.ROLL_CYCLE).walk(file, 0, 0, null, false);
        assertEquals(4, walk.records);
        assertEquals(-1, JournalWalker.lastNonZero(file, walk.endOffset), "the stray bytes were cleared");
    }

    @Test
    void shouldRefuseAnIncompleteDocumentWithGoodRecordsAfterItAndChangeNothing()
    {
        final Path dir = root.resolve("journal");
        final Path file = write(dir, 5, new Random(3));
        final Place middle = JournalFilesForTests.places(file).get(2);
        JournalFilesForTests.putInt(file, middle.offset(), JournalFilesForTests.intAt(file, middle.offset()) | Wires.NOT_COMPLETE);
        final byte[] before = JournalFilesForTests.read(file);

        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> Journal.open(dir, Durability.ASYNC));

        assertTrue(ex.getMessage().contains(file.toString()) && ex.getMessage().contains("offset " + middle.offset()) &&
            ex.getMessage().contains("a whole record follows it"), ex.getMessage());
        assertEquals(middle.offset(), ex.offset());
        assertTrue(Arrays.equals(before, JournalFilesForTests.read(file)));
        assertFalse(Files.exists(root.resolve("journal-damaged")));
    }

    @Test
    void shouldRefuseAZeroedHeaderThatHidesTheRecordsAfterIt()
    {
        final Path dir = root.resolve("journal");
        final Path file = write(dir, 5, new Random(4));
        final Place middle = JournalFilesForTests.places(file).get(1);
        JournalFilesForTests.putInt(file, middle.offset(), 0);

        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> Journal.open(dir, Durability.ASYNC));

        assertEquals(middle.offset(), ex.offset(), ex.getMessage());
        assertTrue(ex.getMessage().contains("a whole record follows it"), ex.getMessage());
    }

    @Test
    void shouldRefuseAFileCutShortInsideARecord()
    {
        final Path dir = root.resolve("journal");
        final Path file = write(dir, 5, new Random(5));
        final Place last = JournalFilesForTests.places(file).get(4);
        JournalFilesForTests.truncate(file, last.offset() + 20);

        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> Journal.open(dir, Durability.ASYNC));

        assertEquals(last.offset(), ex.offset());
        assertTrue(ex.getMessage().contains("runs past the end of the file"), ex.getMessage());
    }

    @Test
    void shouldRefuseDamageToChronicleHeadersBeforeTheFirstRecord()
    {
        final Path dir = root.resolve("journal");
        final Path file = write(dir, 3, new Random(6));
        JournalFilesForTests.putInt(file, 0, Wires.NOT_COMPLETE | 17);

        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> Journal.open(dir, Durability.ASYNC));

        assertEquals(0, ex.offset());
        assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
    }

    /**
     * Seeded random damage at random offsets (among the records, at the last record, in Chronicle's headers and
     * past the end): a flipped byte, random bytes, zeros, or a file cut short. Each case either opens at a good prefix of
     * what was written (everything, or all but a damaged last record, with a warning) and then keeps records
     * appended after it, or refuses naming the file and an offset, changing nothing. The seed of a failing case
     * is in the message; {@code -Dloyalty.damage.cases=N} runs more.
     */
    @Test
    void shouldOpenAtTheLastGoodRecordOrRefuseWithTheFileAndOffsetWhateverTheDamage()
    {
        final long baseSeed = Long.getLong("loyalty.damage.seed", 20_261_202L);
        final int cases = Integer.getInteger("loyalty.damage.cases", 120);
        final Path pristine = root.resolve("pristine");
        final Path pristineFile = write(pristine, RECORDS, new Random(baseSeed));
        final List<JournalTest.Entry> written = expected(RECORDS, new Random(baseSeed));
        final List<Place> places = JournalFilesForTests.places(pristineFile);
        final long first = places.get(0).offset();
        final long dataEnd = JournalWalker.align(places.get(RECORDS - 1).end()) + 8;
        int opened = 0;
        int truncated = 0;
        int refused = 0;
        for (int c = 0; c < cases; c++)
        {
            final long seed = baseSeed * 31 + c;
            final Random r = new Random(seed);
            final Path dir = root.resolve("case-" + c).resolve("journal");
            JournalFilesForTests.copy(pristine, dir, dataEnd + 65_536);
            final Path file = JournalFilesForTests.onlyCycleFile(dir);
            final int region = r.nextInt(10);
            final long lastRecord = places.get(RECORDS - 1).offset();
            final long offset = region < 5 ? first + (long)(r.nextDouble() * (dataEnd - first)) :
                region < 7 ? lastRecord + (long)(r.nextDouble() * (dataEnd + 64 - lastRecord)) :
                region < 9 ? (long)(r.nextDouble() * first) : dataEnd + r.nextInt(4096);
            final String damage = damage(r, file, offset);
            final String what = "seed " + seed + " (base " + baseSeed + ", case " + c + "): " + damage + " at offset " +
                offset;
            final byte[] damaged = JournalFilesForTests.read(file, dataEnd + 8192);

            final List<JournalTest.Entry> replayed = new ArrayList<>();
            final List<String> warnings;
            try (Journal journal = Journal.open(dir, Durability.ASYNC))
            {
                warnings = journal.warnings();
                journal.replay(0, (sequence, stamp, command) -> replayed.add(new JournalTest.Entry(sequence, stamp, command)));
                assertEquals(replayed.size(), journal.lastSequence(), what);
                journal.append(JournalFilesForTests.command(replayed.size() + 1, 3), T0);
            }
            catch (final JournalCorruptedException ex)
            {
                refused++;
                assertTrue(ex.getMessage().contains(file.toString()) && ex.getMessage().contains("offset"),
                    what + ": " + ex.getMessage());
                assertTrue(Arrays.equals(damaged, JournalFilesForTests.read(file, dataEnd + 8192)), what + ": a refusal changed the file");
                continue;
            }
            opened++;
            assertEquals(written.subList(0, replayed.size()), replayed, what + ": replay is not a prefix of what was written");
            if (replayed.size() < RECORDS)
            {
                truncated++;
                assertEquals(RECORDS - 1, replayed.size(), what + ": more than the last record was dropped, " + warnings);
                assertTrue(offset >= places.get(RECORDS - 1).offset(), what + ": a record before the damage was dropped");
                assertEquals(1, warnings.size(), what);
                assertTrue(warnings.get(0).contains(file.toString()) && warnings.get(0).contains("offset"), what);
            }
            final List<JournalTest.Entry> again = JournalFilesForTests.replay(dir);
            assertEquals(replayed.size() + 1, again.size(), what + ": the record appended after opening is lost");
            assertEquals(JournalFilesForTests.command(replayed.size() + 1, 3), again.get(replayed.size()).command(), what);
        }
        System.out.println("damaged journals: " + cases + " cases from seed " + baseSeed + ": " + opened + " opened (" +
            truncated + " with the last record truncated), " + refused + " refused");
        assertTrue(refused > 0 && truncated > 0 && opened > truncated, "the cases cover every outcome");
    }

    private static String damage(final Random r, final Path file, final long offset)
    {
        switch (r.nextInt(4))
        {
            case 0 ->
            {
                final byte[] b = JournalFilesForTests.read(file, offset + 1);
                JournalFilesForTests.write(file, offset, new byte[]{(byte)(b[(int)offset] ^ (1 << r.nextInt(8)))});
                return "a flipped bit";
            }
            case 1 ->
            {
                final byte[] garbage = new byte[1 + r.nextInt(16)];
                r.nextBytes(garbage);
                JournalFilesForTests.write(file, offset, garbage);
                return garbage.length + " random bytes";
            }
            case 2 ->
            {
                final byte[] zeros = new byte[1 + r.nextInt(64)];
                JournalFilesForTests.write(file, offset, zeros);
                return zeros.length + " zero bytes";
            }
            default ->
            {
                JournalFilesForTests.truncate(file, offset);
                return "the file cut short";
            }
        }
    }
}
