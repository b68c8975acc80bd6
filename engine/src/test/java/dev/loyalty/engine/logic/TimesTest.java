package dev.loyalty.engine.logic;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Times#iso} writes what {@code DateTimeFormatter.ISO_INSTANT} writes of the instant truncated to seconds. */
class TimesTest
{
    private static String expected(final long millis)
    {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void shouldRenderLikeIsoInstantAtTheEdges()
    {
        final long[] edges = {0, -1, 1, 999, 1000, -999, -1000, -1001, 951_782_400_000L /* 2000-02-29 */,
            4_107_542_400_000L /* 2100-03-01 */, -62_167_219_200_000L, -62_167_219_200_001L,
            253_402_300_799_999L, 253_402_300_800_000L, Long.MAX_VALUE, Long.MIN_VALUE, 1_796_450_100_000L};
        for (final long millis : edges)
        {
            assertEquals(expected(millis), Times.iso(millis), "at " + millis);
        }
    }

    @Test
    void shouldRenderLikeIsoInstantAtRandomInstants()
    {
        final SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++)
        {
            final long millis = i % 2 == 0 ? r.nextLong(-70_000_000_000_000L, 300_000_000_000_000L) :
                r.nextLong(0, 4_102_444_800_000L);
            assertEquals(expected(millis), Times.iso(millis), "at " + millis);
        }
    }
}
