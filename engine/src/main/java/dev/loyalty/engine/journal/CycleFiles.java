package dev.loyalty.engine.journal;

import net.openhft.chronicle.queue.RollCycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cycle files of a journal directory ({@code *.cq4}, named by Chronicle after the cycle's start time, so that
 * name order is time order) and the cycle number of each, which with a record's position among the cycle's data
 * documents gives its Chronicle Queue index.
 */
final class CycleFiles
{
    static final String SUFFIX = ".cq4";

    private CycleFiles()
    {
    }

    /** The cycle files of {@code dir}, oldest first; empty when the directory has none or does not exist. */
    static List<Path> list(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(path -> path.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(path))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal: cannot list " + dir, ex);
        }
    }

    /** The cycle number of a cycle file under {@code rollCycle}'s naming, or -1 when the name is not one. */
    static int cycleOf(final Path file, final RollCycle rollCycle)
    {
        final String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX))
        {
            return -1;
        }
        try
        {
            final DateTimeFormatter format = new DateTimeFormatterBuilder()
                .appendPattern(rollCycle.format())
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .toFormatter();
            final long epochMillis = LocalDateTime.parse(name.substring(0, name.length() - SUFFIX.length()), format)
                .toInstant(ZoneOffset.UTC).toEpochMilli();
            return (int)((epochMillis - rollCycle.defaultEpoch()) / rollCycle.lengthInMillis());
        }
        catch (final DateTimeParseException | IllegalArgumentException ex)
        {
            return -1;
        }
    }
}
