package dev.loyalty.engine.promotion;

/**
 * Proleptic Gregorian calendar arithmetic on epoch days, without allocating (java.time would allocate per
 * cheque): local day, weekday and minute of day of an instant in a given offset, and the distance in days to
 * the nearest birthday. Days are counted from 1970-01-01 (day 0, a Thursday).
 */
final class LocalCalendar
{
    static final long MILLIS_PER_DAY = 86_400_000L;
    static final long MILLIS_PER_MINUTE = 60_000L;

    private LocalCalendar()
    {
    }

    static long localDay(final long epochMillis, final int offsetSeconds)
    {
        return Math.floorDiv(epochMillis + offsetSeconds * 1000L, MILLIS_PER_DAY);
    }

    static int minuteOfDay(final long epochMillis, final int offsetSeconds)
    {
        return (int)(Math.floorMod(epochMillis + offsetSeconds * 1000L, MILLIS_PER_DAY) / MILLIS_PER_MINUTE);
    }

    /** 0 = Monday ... 6 = Sunday. */
    static int weekday(final long epochDay)
    {
        return (int)Math.floorMod(epochDay + 3, 7L);
    }

    /** The year of an epoch day. */
    static int year(final long epochDay)
    {
        final long z = epochDay + 719_468;
        final long era = Math.floorDiv(z, 146_097L);
        final long doe = z - era * 146_097;
        final long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        return (int)(yoe + era * 400 + (month <= 2 ? 1 : 0));
    }

    /** The epoch day of a date; {@code month} 1..12, {@code day} 1..31. */
    static long epochDay(final int year, final int month, final int day)
    {
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400L);
        final long yoe = y - era * 400;
        final long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        final long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static boolean leap(final int year)
    {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /**
     * Days between {@code epochDay} and the nearest birthday (the year before, the same year or the next); a
     * 29 February birthday falls on 28 February in common years.
     */
    static long daysToNearestBirthday(final long epochDay, final int birthMonth, final int birthDay)
    {
        final int year = year(epochDay);
        long nearest = Long.MAX_VALUE;
        for (int y = year - 1; y <= year + 1; y++)
        {
            final int day = birthMonth == 2 && birthDay == 29 && !leap(y) ? 28 : birthDay;
            nearest = Math.min(nearest, Math.abs(epochDay(y, birthMonth, day) - epochDay));
        }
        return nearest;
    }
}
