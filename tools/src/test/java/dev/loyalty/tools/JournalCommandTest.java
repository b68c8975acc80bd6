package dev.loyalty.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loyalty journal dump} and {@code loyalty journal verify} on journals written for the test. */
class JournalCommandTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldDumpEveryRecordThenASummary()
    {
        JournalFiles.writeAdjustments(dataDir, "welcome", "goodwill");
        final Cli cli = new Cli();

        assertEquals(ExitCodes.OK, cli.execute("journal", "dump", "--data-dir", dataDir.toString()));

        assertEquals(List.of(
            "seq=1 at=2026-05-28T20:26:40.000Z type=ADJUST_POINTS crc=ok " +
                "AdjustPoints[requestId=adj-0, memberId=m_1, points=10, reason=welcome]",
            "seq=2 at=2026-05-28T20:26:40.001Z type=ADJUST_POINTS crc=ok " +
                "AdjustPoints[requestId=adj-1, memberId=m_1, points=11, reason=goodwill]",
            "records=2 lastSeq=2"), cli.out().lines().toList());
    }

    @Test
    void shouldPrintOnlyTheSummaryWhenVerifying()
    {
        JournalFiles.writeAdjustments(dataDir, "a", "b", "c");
        final Cli cli = new Cli();

        assertEquals(ExitCodes.OK, cli.execute("journal", "verify", "--data-dir", dataDir.toString()));

        assertEquals("records=3 lastSeq=3\n", cli.out());
    }

    @Test
    void shouldFindTheDataDirectoryInTheEnvironment()
    {
        JournalFiles.writeAdjustments(dataDir, "a");
        final Cli cli = new Cli(Map.of("LOYALTY_DATA_DIR", dataDir.toString()));

        assertEquals(ExitCodes.OK, cli.execute("journal", "verify"));

        assertEquals("records=1 lastSeq=1\n", cli.out());
    }

    @Test
    void shouldNameTheBadRecordAndExitThree() throws IOException
    {
        JournalFiles.writeAdjustments(dataDir, "good", "BROKEN-RECORD", "after");
        final Path file = JournalFiles.flipByteOf(dataDir, "BROKEN-RECORD");
        final Cli cli = new Cli();

        assertEquals(ExitCodes.JOURNAL_CORRUPTED, cli.execute("journal", "dump", "--data-dir", dataDir.toString()));

        final List<String> lines = cli.out().lines().toList();
        assertEquals(3, lines.size(), cli.out());
        assertTrue(lines.get(0).startsWith("seq=1 "), lines.get(0));
        assertTrue(lines.get(1).startsWith("error: bad journal record in " + file.toAbsolutePath()), lines.get(1));
        assertTrue(lines.get(1).contains("checksum mismatch"), lines.get(1));
        assertEquals("records=1 lastSeq=1", lines.get(2));
    }

    @Test
    void shouldNameADamagedLastRecordWithItsFileOffsetAndIndexAndExitThree() throws IOException
    {
        JournalFiles.writeAdjustments(dataDir, "good", "TORN-RECORD");
        final Path file = JournalFiles.flipByteOf(dataDir, "TORN-RECORD");
        final Cli cli = new Cli();

        assertEquals(ExitCodes.JOURNAL_CORRUPTED, cli.execute("journal", "verify", "--data-dir", dataDir.toString()));

        final List<String> lines = cli.out().lines().toList();
        assertEquals(2, lines.size(), cli.out());
        assertTrue(lines.get(0).startsWith("error: bad journal record in " + file.toAbsolutePath() + " at offset "),
            lines.get(0));
        assertTrue(lines.get(0).contains("(index "), lines.get(0));
        assertEquals("records=1 lastSeq=1", lines.get(1));
    }

    @Test
    void shouldExitOneWhenThereIsNoJournal()
    {
        final Cli cli = new Cli();

        final int exitCode = cli.execute("journal", "verify", "--data-dir", dataDir.resolve("x").toString());

        assertEquals(ExitCodes.FAILURE, exitCode);

        assertEquals("error: no journal directory " + dataDir.resolve("x").resolve("journal") + "\n", cli.out());
    }
}
