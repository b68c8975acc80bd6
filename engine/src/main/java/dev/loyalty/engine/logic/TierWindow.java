package dev.loyalty.engine.logic;

import java.util.Arrays;

/**
 * A member's qualifying amounts for its tier, by UTC day, oldest first, with their running sum: a deque of
 * {@code (day, amount)} buckets in two parallel ring arrays. Engine time never goes back, so new amounts land
 * in the newest bucket or a new one after it; a refund finds its purchase's day by binary search. An amount
 * leaves the window when its whole day is more than {@code periodDays} days old.
 */
final class TierWindow
{
    private long[] days = new long[4];
    private long[] amounts = new long[4];
    private int head;
    private int size;
    private long total;

    long total()
    {
        return total;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    int size()
    {
        return size;
    }

    long dayAt(final int i)
    {
        return days[(head + i) & (days.length - 1)];
    }

    long amountAt(final int i)
    {
        return amounts[(head + i) & (amounts.length - 1)];
    }

    long oldestDay()
    {
        return days[head];
    }

    /** Adds a positive amount to a day that is not before the newest bucket's. */
    void add(final long day, final long amount)
    {
        if (size > 0)
        {
            final int last = (head + size - 1) & (days.length - 1);
            if (days[last] == day)
            {
                amounts[last] += amount;
                total += amount;
                return;
            }
            if (days[last] > day)
            {
                throw new IllegalStateException("day " + day + " is before the newest bucket " + days[last]);
            }
        }
        if (size == days.length)
        {
            grow();
        }
        final int at = (head + size) & (days.length - 1);
        days[at] = day;
        amounts[at] = amount;
        size++;
        total += amount;
    }

    /** Takes up to {@code amount} back from a day's bucket if the day is still in the window. */
    void subtract(final long day, final long amount)
    {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi)
        {
            final int mid = (lo + hi) >>> 1;
            final long d = dayAt(mid);
            if (d < day)
            {
                lo = mid + 1;
            }
            else if (d > day)
            {
                hi = mid - 1;
            }
            else
            {
                final int at = (head + mid) & (days.length - 1);
                final long take = Math.min(amount, amounts[at]);
                amounts[at] -= take;
                total -= take;
                return;
            }
        }
    }

    /** Drops the buckets of days before {@code firstKeptDay}. */
    void dropBefore(final long firstKeptDay)
    {
        while (size > 0 && days[head] < firstKeptDay)
        {
            total -= amounts[head];
            head = (head + 1) & (days.length - 1);
            size--;
        }
    }

    /** Adds another window's buckets into this one, day by day (a merge), and empties the other. */
    void mergeFrom(final TierWindow o)
    {
        final int n = size + o.size;
        final long[] d = new long[Math.max(4, Integer.highestOneBit(Math.max(1, n - 1)) << 1)];
        final long[] a = new long[d.length];
        int i = 0;
        int j = 0;
        int w = 0;
        while (i < size || j < o.size)
        {
            final long di = i < size ? dayAt(i) : Long.MAX_VALUE;
            final long dj = j < o.size ? o.dayAt(j) : Long.MAX_VALUE;
            if (di == dj)
            {
                d[w] = di;
                a[w++] = amountAt(i++) + o.amountAt(j++);
            }
            else if (di < dj)
            {
                d[w] = di;
                a[w++] = amountAt(i++);
            }
            else
            {
                d[w] = dj;
                a[w++] = o.amountAt(j++);
            }
        }
        days = d;
        amounts = a;
        head = 0;
        size = w;
        total += o.total;
        o.clear();
    }

    void clear()
    {
        head = 0;
        size = 0;
        total = 0;
        Arrays.fill(amounts, 0);
    }

    private void grow()
    {
        final long[] d = new long[days.length * 2];
        final long[] a = new long[days.length * 2];
        for (int i = 0; i < size; i++)
        {
            d[i] = dayAt(i);
            a[i] = amountAt(i);
        }
        days = d;
        amounts = a;
        head = 0;
    }
}
