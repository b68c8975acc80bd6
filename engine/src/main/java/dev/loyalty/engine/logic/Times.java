package dev.loyalty.engine.logic;

import dev.loyalty.engine.time.OffsetDateTimes;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Engine time arithmetic and rendering: epoch milliseconds in, ISO-8601 UTC with seconds out. */
final class Times
{
    static final long MILLIS_PER_SECOND = 1000L;
    static final long MILLIS_PER_HOUR = 3_600_000L;
    static final long MILLIS_PER_DAY = 86_400_000L;
    static final long UNPARSEABLE = Long.MIN_VALUE;

    private Times()
    {
    }

    /** Renders epoch millis as {@code 2026-12-06T06:15:00Z}. */
    static String iso(final long epochMillis)
    {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Parses an ISO-8601 date-time with offset into epoch millis, or {@link #UNPARSEABLE}. */
    static long parseOffsetDateTime(final String text)
    {
        final long millis = OffsetDateTimes.epochMillis(text);
        return millis == OffsetDateTimes.UNPARSEABLE ? UNPARSEABLE : millis;
    }

    /** The offset of an ISO-8601 date-time with offset that {@link #parseOffsetDateTime} accepted, in seconds. */
    static int offsetSeconds(final String text)
    {
        return OffsetDateTimes.offsetSeconds(text);
    }

    /** {@code base + amount * unitMillis}, saturating at {@code Long.MAX_VALUE} (meaning "never"). */
    static long plus(final long base, final long amount, final long unitMillis)
    {
        if (amount > (Long.MAX_VALUE - base) / unitMillis)
        {
            return Long.MAX_VALUE;
        }
        return base + amount * unitMillis;
    }
}
