package dev.loyalty.tools;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.Journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Journals written for tests, and a way to damage one record of them. */
final class JournalFiles
{
    static final long STAMP = 1_780_000_000_000L;

    private JournalFiles()
    {
    }

    /** Writes one adjustment per reason into {@code dataDir/journal}. */
    static void writeAdjustments(final Path dataDir, final String... reasons)
    {
        try (Journal journal = Journal.open(JournalCommand.journalDir(dataDir), Durability.ASYNC))
        {
            for (int i = 0; i < reasons.length; i++)
            {
                journal.append(new Commands.AdjustPoints("adj-" + i, "m_1", 10 + i, reasons[i]), STAMP + i);
            }
        }
    }

    /** Flips a bit of the record holding {@code marker}; returns the cycle file changed. */
    static Path flipByteOf(final Path dataDir, final String marker) throws IOException
    {
        final byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(JournalCommand.journalDir(dataDir)))
        {
            for (final Path file : files.filter(path -> path.toString().endsWith(".cq4")).toList())
            {
                final byte[] content = Files.readAllBytes(file);
                for (int i = 0; i + needle.length <= content.length; i++)
                {
                    if (Arrays.equals(content, i, i + needle.length, needle, 0, needle.length))
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
