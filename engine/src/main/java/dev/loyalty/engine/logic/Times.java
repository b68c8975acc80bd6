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

    /**
     * Parses an ISO-8601 date-time with offset into epoch millis, or {@link #UNPARSEABLE}, reading the text once:
     * its offset in seconds goes into {@code offsetSecondsOut[0]} when it parses.
     */
    static long parseOffsetDateTime(final String text, final int[] offsetSecondsOut)
    {
        final long millis = OffsetDateTimes.epochMillis(text, offsetSecondsOut);
        return millis == OffsetDateTimes.UNPARSEABLE ? UNPARSEABLE : millis;
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
