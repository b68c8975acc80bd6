package dev.loyalty.engine.time;

import java.time.DateTimeException;
import java.time.OffsetDateTime;

/**
 * Reads ISO-8601 date-times with offset ({@code 2026-12-06T09:15:00+03:00}, {@code 2026-12-06T06:15:00.250Z})
 * without {@code java.time} on the common path: the till's {@code occurredAt} is read on every purchase, and
 * {@link OffsetDateTime#parse} costs more than the rest of pricing. The fast path takes exactly
 * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1-9 digits, and {@code Z} or {@code ±HH:MM}, with the
 * same range checks as {@code java.time} (real calendar days, offsets up to ±18:00); any other text is handed to
 * {@link OffsetDateTime#parse}, so the set of accepted texts and the values read are those of {@code java.time}.
 * Allocation-free on the fast path; pure functions, safe from any thread.
 */
public final class OffsetDateTimes
{
    /** What {@link #epochMillis} answers for a text that is not an ISO-8601 date-time with offset. */
    public static final long UNPARSEABLE = Long.MIN_VALUE;
    /** What {@link #offsetSeconds} answers for a text that is not an ISO-8601 date-time with offset. */
    public static final int NO_OFFSET = Integer.MIN_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    private static final int NO_FAST_PATH = Integer.MIN_VALUE + 1;

    private OffsetDateTimes()
    {
    }

    /** The instant the text names, in epoch milliseconds (a fraction is truncated), or {@link #UNPARSEABLE}. */
    public static long epochMillis(final CharSequence text)
    {
        final int offset = fastOffset(text);
        if (offset == NO_OFFSET)
        {
            return UNPARSEABLE;
        }
        if (offset == NO_FAST_PATH)
        {
            try
            {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
            catch (final DateTimeException | ArithmeticException ex)
            {
                return UNPARSEABLE;
            }
        }
        final long days = daysFromCivil(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
        final long seconds = digits(text, 11, 2) * 3600L + digits(text, 14, 2) * 60L + digits(text, 17, 2);
        return days * MILLIS_PER_DAY + seconds * 1000L + fractionMillis(text) - offset * 1000L;
    }

    /** The text's own offset from UTC in seconds (the till's local time), or {@link #NO_OFFSET}. */
    public static int offsetSeconds(final CharSequence text)
    {
        final int offset = fastOffset(text);
        if (offset != NO_FAST_PATH)
        {
            return offset;
        }
        try
        {
            return OffsetDateTime.parse(text).getOffset().getTotalSeconds();
        }
        catch (final DateTimeException ex)
        {
            return NO_OFFSET;
        }
    }

    /**
     * The offset in seconds when the text has the fast-path form and valid fields; {@link #NO_OFFSET} when it has
     * the form but a field is out of range (java.time would refuse it too); {@link #NO_FAST_PATH} otherwise.
     */
    private static int fastOffset(final CharSequence s)
    {
        final int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' ||
            s.charAt(16) != ':' || !allDigits(s, 0, 4) || !allDigits(s, 5, 2) || !allDigits(s, 8, 2) ||
            !allDigits(s, 11, 2) || !allDigits(s, 14, 2) || !allDigits(s, 17, 2))
        {
            return NO_FAST_PATH;
        }
        int i = 19;
        if (s.charAt(i) == '.')
        {
            final int start = ++i;
            while (i < n && isDigit(s.charAt(i)))
            {
                i++;
            }
            if (i == start || i - start > 9)
            {
                return NO_FAST_PATH;
            }
        }
        final int offset;
        if (i == n - 1 && s.charAt(i) == 'Z')
        {
            offset = 0;
        }
        else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':' &&
            allDigits(s, i + 1, 2) && allDigits(s, i + 4, 2))
        {
            final int hh = digits(s, i + 1, 2);
            final int mm = digits(s, i + 4, 2);
            if (mm > 59 || hh * 3600 + mm * 60 > MAX_OFFSET_SECONDS)
            {
                return NO_OFFSET;
            }
            offset = (s.charAt(i) == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
        }
        else
        {
            return NO_FAST_PATH;
        }
        final int year = digits(s, 0, 4);
        final int month = digits(s, 5, 2);
        final int day = digits(s, 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) ||
            digits(s, 11, 2) > 23 || digits(s, 14, 2) > 59 || digits(s, 17, 2) > 59)
        {
            return NO_OFFSET;
        }
        return offset;
    }

    /** The first three digits of the fraction as milliseconds (fewer digits padded with zeros), or 0. */
    private static long fractionMillis(final CharSequence s)
    {
        if (s.charAt(19) != '.')
        {
            return 0;
        }
        long millis = 0;
        int i = 20;
        for (int k = 0; k < 3; k++)
        {
            final char c = s.charAt(i);
            if (isDigit(c))
            {
                millis = millis * 10 + (c - '0');
                i++;
            }
            else
            {
                millis *= 10;
            }
        }
        return millis;
    }

    /** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(final int year, final int month, final int day)
    {
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yoe = y - era * 400;
        final long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int lengthOfMonth(final int year, final int month)
    {
        return switch (month)
        {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean allDigits(final CharSequence s, final int from, final int count)
    {
        for (int i = from; i < from + count; i++)
        {
            if (!isDigit(s.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }

    private static int digits(final CharSequence s, final int from, final int count)
    {
        int v = 0;
        for (int i = from; i < from + count; i++)
        {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
