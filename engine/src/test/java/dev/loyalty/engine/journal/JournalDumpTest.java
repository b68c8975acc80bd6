package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalDumpTest
{
    private static final long T0 = 1_780_000_000_000L;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldPrintOneLinePerRecordAndASummary()
    {
        final Command adjust = new Commands.AdjustPoints("adj-1", "m_1", -50, CommandSamples.CYRILLIC);
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Capture("main", "tx-1"), T0);
            journal.append(adjust, T0 + 1001);
            journal.append(new Commands.Tick(), 0);
        }

        final int result = JournalDump.print(dir, out);

        assertEquals(JournalDump.OK, result);
        assertEquals(List.of(
            "seq=1 at=2026-05-28T20:26:40.000Z type=CAPTURE crc=ok " + new Commands.Capture("main", "tx-1"),
            "seq=2 at=2026-05-28T20:26:41.001Z type=ADJUST_POINTS crc=ok " + adjust,
            "seq=3 at=1970-01-01T00:00:00.000Z type=TICK crc=ok Tick[]",
            "records=3 lastSeq=3"), lines());
    }

    @Test
    void shouldPrintOnlyTheSummaryWhenVerifying()
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            for (final Command command : JournalTest.allSamples())
            {
                journal.append(command, T0);
            }
        }

        assertEquals(JournalDump.OK, JournalDump.verify(dir, out));
        final int records = JournalTest.allSamples().size();
        assertEquals(List.of("records=" + records + " lastSeq=" + records), lines());
    }

    @Test
    void shouldNameTheBadRecordAndReturnNonZero() throws IOException
    {
        try (Journal journal = Journal.open(dir, Durability.ASYNC))
        {
            journal.append(new Commands.Capture(null, "tx-1"), T0);
            journal.append(new Commands.Capture(null, "tx-2"), T0);
            journal.append(new Commands.Capture(null, "BAD-ONE"), T0);
            journal.append(new Commands.Capture(null, "tx-4"), T0);
        }
        final Path file = JournalTest.flipByteOf(dir, "BAD-ONE");

        final int result = JournalDump.print(dir, out);

        assertEquals(JournalDump.CORRUPTED, result);
        final List<String> lines = lines();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("seq=1 "));
        assertTrue(lines.get(1).startsWith("seq=2 "));
        assertTrue(lines.get(2).startsWith("error: bad journal record in "), lines.get(2));
        assertTrue(lines.get(2).contains(file.getFileName().toString()), lines.get(2));
        assertTrue(lines.get(2).contains("checksum mismatch"), lines.get(2));
        assertEquals("records=2 lastSeq=2", lines.get(3));
    }

    @Test
    void shouldReportAMissingJournal()
    {
        assertEquals(JournalDump.NO_JOURNAL, JournalDump.print(dir.resolve("nothing-here"), out));
        assertTrue(lines().get(0).startsWith("error: no journal directory"));
    }

    @Test
    void shouldDumpADirectoryWithoutAQueueAsAnEmptyJournal()
    {
        assertEquals(JournalDump.OK, JournalDump.print(dir, out));
        assertEquals(List.of("records=0 lastSeq=0"), lines());
    }

    @Test
    void shouldDumpAnEmptyJournal()
    {
        Journal.open(dir, Durability.ASYNC).close();

        assertEquals(JournalDump.OK, JournalDump.print(dir, out));
        assertEquals(List.of("records=0 lastSeq=0"), lines());
    }

    private List<String> lines()
    {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
