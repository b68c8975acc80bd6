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
    private static final long NO_FAST_MILLIS = Long.MIN_VALUE + 1;

    private OffsetDateTimes()
    {
    }

    /** The instant the text names, in epoch milliseconds (a fraction is truncated), or {@link #UNPARSEABLE}. */
    public static long epochMillis(final CharSequence text)
    {
        return epochMillis(text, null);
    }

    /**
     * The instant the text names, in epoch milliseconds (a fraction is truncated), or {@link #UNPARSEABLE}; the
     * text's own offset from UTC in seconds goes into {@code offsetSecondsOut[0]} (when not null) unless the
     * answer is {@link #UNPARSEABLE}. One reading of the text for both: what {@link #epochMillis(CharSequence)}
     * and {@link #offsetSeconds} answer.
     */
    public static long epochMillis(final CharSequence text, final int[] offsetSecondsOut)
    {
        if (text instanceof String s)
        {
            final long fast = fastMillis(s, offsetSecondsOut);
            if (fast != NO_FAST_MILLIS)
            {
                return fast;
            }
        }
        final int offset = fastOffset(text);
        if (offset == NO_OFFSET)
        {
            return UNPARSEABLE;
        }
        if (offset == NO_FAST_PATH)
        {
            try
            {
                final OffsetDateTime parsed = OffsetDateTime.parse(text);
                final long millis = parsed.toInstant().toEpochMilli();
                if (offsetSecondsOut != null)
                {
                    offsetSecondsOut[0] = parsed.getOffset().getTotalSeconds();
                }
                return millis;
            }
            catch (final DateTimeException | ArithmeticException ex)
            {
                return UNPARSEABLE;
            }
        }
        if (offsetSecondsOut != null)
        {
            offsetSecondsOut[0] = offset;
        }
        final long days = daysFromCivil(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
        final long seconds = digits(text, 11, 2) * 3600L + digits(text, 14, 2) * 60L + digits(text, 17, 2);
        return days * MILLIS_PER_DAY + seconds * 1000L + fractionMillis(text) - offset * 1000L;
    }

    /**
     * The common form {@code yyyy-MM-ddTHH:mm:ss±HH:MM} or {@code yyyy-MM-ddTHH:mm:ssZ} (no fraction), or either
     * without its seconds ({@code yyyy-MM-ddTHH:mm±HH:MM}, as {@code OffsetDateTime.toString()} writes a time on
     * the minute; {@code java.time} reads it as second 0), read in one pass over a String: epoch millis with the
     * offset in {@code offsetSecondsOut[0]}, {@link #UNPARSEABLE} when it has the form but a field is out of range,
     * {@link #NO_FAST_MILLIS} for any other text (the general path decides).
     */
    private static long fastMillis(final String s, final int[] offsetSecondsOut)
    {
        final int n = s.length();
        // With seconds the zone starts at 19 (length 25 or 20), without them at 16 (length 22 or 17).
        final int zone = n == 25 || n == 20 ? 19 : n == 22 || n == 17 ? 16 : -1;
        if (zone < 0 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' ||
            (zone == 19 && s.charAt(16) != ':'))
        {
            return NO_FAST_MILLIS;
        }
        final int y0 = s.charAt(0) - '0';
        final int y1 = s.charAt(1) - '0';
        final int y2 = s.charAt(2) - '0';
        final int y3 = s.charAt(3) - '0';
        final int mo0 = s.charAt(5) - '0';
        final int mo1 = s.charAt(6) - '0';
        final int d0 = s.charAt(8) - '0';
        final int d1 = s.charAt(9) - '0';
        final int h0 = s.charAt(11) - '0';
        final int h1 = s.charAt(12) - '0';
        final int mi0 = s.charAt(14) - '0';
        final int mi1 = s.charAt(15) - '0';
        final int s0 = zone == 19 ? s.charAt(17) - '0' : 0;
        final int s1 = zone == 19 ? s.charAt(18) - '0' : 0;
        // A value is a digit when it is 0..9: or-ing them keeps any bit above 9's from a non-digit or a negative.
        if (((y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1) & ~0xF) != 0 ||
            y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || mo0 > 9 || mo1 > 9 || d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9 ||
            mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9)
        {
            return NO_FAST_MILLIS;
        }
        final int offset;
        final char sign = s.charAt(zone);
        if (n == zone + 1)
        {
            if (sign != 'Z')
            {
                return NO_FAST_MILLIS;
            }
            offset = 0;
        }
        else
        {
            final int oh0 = s.charAt(zone + 1) - '0';
            final int oh1 = s.charAt(zone + 2) - '0';
            final int om0 = s.charAt(zone + 4) - '0';
            final int om1 = s.charAt(zone + 5) - '0';
            if ((sign != '+' && sign != '-') || s.charAt(zone + 3) != ':' || oh0 < 0 || oh0 > 9 || oh1 < 0 || oh1 > 9 ||
                om0 < 0 || om0 > 9 || om1 < 0 || om1 > 9)
            {
                return NO_FAST_MILLIS;
            }
            final int hh = oh0 * 10 + oh1;
            final int mm = om0 * 10 + om1;
            if (mm > 59 || hh * 3600 + mm * 60 > MAX_OFFSET_SECONDS)
            {
                return UNPARSEABLE;
            }
            offset = (sign == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
        }
        final int year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
        final int month = mo0 * 10 + mo1;
        final int day = d0 * 10 + d1;
        final int hour = h0 * 10 + h1;
        final int minute = mi0 * 10 + mi1;
        final int second = s0 * 10 + s1;
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59 ||
            second > 59)
        {
            return UNPARSEABLE;
        }
        if (offsetSecondsOut != null)
        {
            offsetSecondsOut[0] = offset;
        }
        final long seconds = hour * 3600L + minute * 60L + second;
        return daysFromCivil(year, month, day) * MILLIS_PER_DAY + (seconds - offset) * 1000L;
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
