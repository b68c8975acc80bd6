package dev.loyalty.engine.promotion;

import java.util.Arrays;

/**
 * The promotions filed under one index key, with the conditions every cheque can reject cheaply (dates,
 * weekdays, channels, hours, minimum total) copied into parallel primitive arrays, so that scanning a bucket
 * rejects most of the promotions that do not match without touching them.
 */
final class PromotionBucket
{
    static final int WEEKDAY_BITS = 0x7F;
    static final int CHANNEL_SHIFT = 8;
    static final int CHANNEL_BITS = 0xFF << CHANNEL_SHIFT;

    Promotion[] items = new Promotion[4];
    long[] fromMillis = new long[4];
    long[] toMillis = new long[4];
    long[] minTotal = new long[4];
    /** Weekday mask in bits 0-6, channel mask from bit {@link #CHANNEL_SHIFT}; 0 in a part means any. */
    int[] masks = new int[4];
    /** {@code start << 16 | end} in minutes of the day, or -1 for any time. */
    int[] hours = new int[4];
    int size;

    void add(final Promotion p)
    {
        for (int i = 0; i < size; i++)
        {
            if (items[i] == p)
            {
                return;
            }
        }
        if (size == items.length)
        {
            final int capacity = size * 2;
            items = Arrays.copyOf(items, capacity);
            fromMillis = Arrays.copyOf(fromMillis, capacity);
            toMillis = Arrays.copyOf(toMillis, capacity);
            minTotal = Arrays.copyOf(minTotal, capacity);
            masks = Arrays.copyOf(masks, capacity);
            hours = Arrays.copyOf(hours, capacity);
        }
        items[size] = p;
        fromMillis[size] = p.fromMillis;
        toMillis[size] = p.toMillis;
        minTotal[size] = p.minTotal;
        masks[size] = p.weekdayMask | (p.channelMask << CHANNEL_SHIFT);
        hours[size] = p.hoursStart == Promotion.NO_HOURS ? -1 : (p.hoursStart << 16) | p.hoursEnd;
        size++;
    }

    void remove(final Promotion p)
    {
        for (int i = 0; i < size; i++)
        {
            if (items[i] == p)
            {
                final int tail = size - i - 1;
                System.arraycopy(items, i + 1, items, i, tail);
                System.arraycopy(fromMillis, i + 1, fromMillis, i, tail);
                System.arraycopy(toMillis, i + 1, toMillis, i, tail);
                System.arraycopy(minTotal, i + 1, minTotal, i, tail);
                System.arraycopy(masks, i + 1, masks, i, tail);
                System.arraycopy(hours, i + 1, hours, i, tail);
                size--;
                items[size] = null;
                return;
            }
        }
    }

    boolean isEmpty()
    {
        return size == 0;
    }
}
