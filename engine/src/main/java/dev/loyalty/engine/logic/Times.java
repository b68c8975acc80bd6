package dev.loyalty.engine.logic;

import dev.loyalty.engine.time.OffsetDateTimes;

import java.nio.charset.StandardCharsets;
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
        if (epochMillis < FIRST_FAST || epochMillis >= END_FAST)
        {
            return DateTimeFormatter.ISO_INSTANT.format(
                Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS));
        }
        final long seconds = Math.floorDiv(epochMillis, MILLIS_PER_SECOND);
        final long days = Math.floorDiv(seconds, 86_400L);
        final int secondOfDay = (int)(seconds - days * 86_400L);
        // days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil inverted; 400-year eras from 0000-03-01)
        final long z = days + 719_468L;
        final long era = Math.floorDiv(z, 146_097L);
        final int dayOfEra = (int)(z - era * 146_097L);
        final int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final int mp = (5 * dayOfYear + 2) / 153;
        final int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        final int month = mp < 10 ? mp + 3 : mp - 9;
        final int year = (int)(yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        final byte[] b = new byte[20];
        digits(b, 0, year / 100);
        digits(b, 2, year % 100);
        b[4] = '-';
        digits(b, 5, month);
        b[7] = '-';
        digits(b, 8, day);
        b[10] = 'T';
        digits(b, 11, secondOfDay / 3600);
        b[13] = ':';
        digits(b, 14, secondOfDay / 60 % 60);
        b[16] = ':';
        digits(b, 17, secondOfDay % 60);
        b[19] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: four-digit years, which ISO_INSTANT writes without a sign. */
    private static final long FIRST_FAST = -62_167_219_200_000L;
    private static final long END_FAST = 253_402_300_800_000L;

    private static void digits(final byte[] b, final int at, final int twoDigits)
    {
        b[at] = (byte)('0' + twoDigits / 10);
        b[at + 1] = (byte)('0' + twoDigits % 10);
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
