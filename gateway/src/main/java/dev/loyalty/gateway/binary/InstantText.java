package dev.loyalty.gateway.binary;

import java.time.Instant;

/**
 * Reads back the engine's rendering of an instant, {@code 2026-12-06T06:15:00Z} (UTC, whole seconds), as epoch
 * milliseconds, without allocating for years 0000-9999; other forms go through {@link Instant#parse}.
 */
final class InstantText
{
    private static final int LENGTH = "2026-12-06T06:15:00Z".length();

    private InstantText()
    {
    }

    static long epochMillis(final String text)
    {
        if (text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' ||
            text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z')
        {
            return Instant.parse(text).toEpochMilli();
        }
        final int year = digits(text, 0, 4);
        final int month = digits(text, 5, 2);
        final int day = digits(text, 8, 2);
        final int hour = digits(text, 11, 2);
        final int minute = digits(text, 14, 2);
        final int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
            minute > 59 || second < 0 || second > 59)
        {
            return Instant.parse(text).toEpochMilli();
        }
        final long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
    }

    private static int digits(final String text, final int from, final int count)
    {
        int n = 0;
        for (int i = from; i < from + count; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    private static long daysFromCivil(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = (y >= 0 ? y : y - 399) / 400;
        final int yoe = y - era * 400;
        final int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (long)era * 146_097 + doe - 719_468;
    }
}
