package dev.loyalty.engine.logic;

import java.util.Arrays;

/**
 * An index of things that stay in a snapshot file until they are needed, built while the snapshot loads without
 * making them: one {@code long} a slot, a 32-bit hash of the thing's key beside a positive 32-bit value that
 * names it (a member number, a purchase's place), open addressing with linear probing. A lookup walks the slots
 * whose hash matches ({@link #start}, {@link #next}) and asks the candidates they name whether they are the one
 * (decoding them or reading their key from the file): a hash names candidates, never an answer.
 * <p>
 * Filled in two steps: {@link #add} lists, {@link #finish} inserts them all in the order of their home slots.
 * Inserting 10 million one by one at random slots of a 128 MB table took 2.4 s of a restart, most of it TLB and
 * cache misses; bucketed first by the top bits of their home slot (one counting pass, one scatter into
 * {@value #BUCKET_BITS}-bit buckets), each bucket's inserts fall within one small stretch of the table.
 * Used by one thread.
 */
final class HashSlots
{
    private static final int BUCKET_BITS = 12;

    /** {@code hash << 32 | value} per slot, 0 for an empty one; null before anything was added. */
    private long[] slots;
    private int mask;
    private int size;
    /** What {@link #add} listed and {@link #finish} has not inserted yet. */
    private long[] pending;
    private int pendingCount;

    /** @param expected how many {@link #add} will list (a capacity to start from; 0: unknown or none). */
    HashSlots(final int expected)
    {
        if (expected > 0)
        {
            slots = new long[capacityFor(expected)];
            mask = slots.length - 1;
        }
    }

    /** Lists {@code value} (positive) under {@code hash}, to be inserted by {@link #finish}. */
    void add(final int hash, final int value)
    {
        if (value < 1)
        {
            throw new IllegalArgumentException("value " + value);
        }
        if (pending == null)
        {
            pending = new long[Math.max(16, slots == null ? 16 : slots.length * 2 / 3)];
        }
        else if (pendingCount == pending.length)
        {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = (long)hash << 32 | value;
    }

    /** Inserts what {@link #add} listed; until then the slots may not be looked up. */
    void finish()
    {
        final long[] listed = pending;
        final int n = pendingCount;
        pending = null;
        pendingCount = 0;
        if (listed == null || n == 0)
        {
            return;
        }
        final int capacity = capacityFor(size + n);
        if (slots == null || slots.length < capacity)
        {
            final long[] old = slots;
            slots = new long[capacity];
            mask = capacity - 1;
            if (old != null)
            {
                for (final long slot : old)
                {
                    if (slot != 0)
                    {
                        insert(slots, mask, slot);
                    }
                }
            }
        }
        final int tableBits = Integer.numberOfTrailingZeros(slots.length);
        final int bucketBits = Math.min(BUCKET_BITS, tableBits);
        final int shift = tableBits - bucketBits;
        final int[] starts = new int[(1 << bucketBits) + 1];
        for (int i = 0; i < n; i++)
        {
            starts[(((int)(listed[i] >>> 32) & mask) >>> shift) + 1]++;
        }
        for (int b = 0; b < 1 << bucketBits; b++)
        {
            starts[b + 1] += starts[b];
        }
        final long[] sorted = new long[n];
        for (int i = 0; i < n; i++)
        {
            final long slot = listed[i];
            sorted[starts[((int)(slot >>> 32) & mask) >>> shift]++] = slot;
        }
        for (int i = 0; i < n; i++)
        {
            insert(slots, mask, sorted[i]);
        }
        size += n;
    }

    /**
     * The slots as they are, for a snapshot to store ({@link #load} takes them back): a power-of-two length, each
     * {@code hash << 32 | value} or 0. Everything listed must be inserted ({@link #finish}) first.
     */
    long[] table()
    {
        if (pending != null)
        {
            throw new IllegalStateException("the table is asked for while keys are still being listed");
        }
        return slots == null ? new long[0] : slots;
    }

    /**
     * Takes slots {@link #table} gave back, holding {@code size} values, each at most {@code maxValue}: checked
     * to be such a table, else {@link IllegalArgumentException}. The index must be empty.
     */
    void load(final long[] table, final int size, final int maxValue)
    {
        if (this.size != 0 || pending != null)
        {
            throw new IllegalStateException("slots are loaded into an empty index only");
        }
        if (table.length == 0 ? size != 0 : Integer.bitCount(table.length) != 1 || size > table.length * 2L / 3 + 1)
        {
            throw new IllegalArgumentException(size + " values in a table of " + table.length + " slots");
        }
        int found = 0;
        for (final long slot : table)
        {
            if (slot != 0)
            {
                final int value = (int)slot;
                if (value < 1 || value > maxValue)
                {
                    throw new IllegalArgumentException("a slot of value " + value + " where at most " + maxValue);
                }
                found++;
            }
        }
        if (found != size)
        {
            throw new IllegalArgumentException(found + " values in a table said to hold " + size);
        }
        slots = table.length == 0 ? null : table;
        mask = table.length == 0 ? 0 : table.length - 1;
        this.size = size;
    }

    /** How many values it holds. */
    int size()
    {
        return size;
    }

    /** Whether it holds nothing to look up: nothing added (what is listed and not inserted yet counts as something). */
    boolean isEmpty()
    {
        return size == 0 && pending == null;
    }

    /**
     * Where a walk for {@code hash} starts: pass it to {@link #valueAt} and {@link #next} until
     * {@link #valueAt} gives 0.
     */
    int start(final int hash)
    {
        if (pending != null)
        {
            throw new IllegalStateException("looked up while a snapshot's keys are still being listed");
        }
        return hash & mask;
    }

    /** The value of the slot at {@code at} if its hash is {@code hash}; -1 if it holds another's; 0 if empty. */
    int valueAt(final int at, final int hash)
    {
        final long slot = slots == null ? 0 : slots[at];
        if (slot == 0)
        {
            return 0;
        }
        return (int)(slot >>> 32) == hash ? (int)slot : -1;
    }

    /** The slot after {@code at}. */
    int next(final int at)
    {
        return (at + 1) & mask;
    }

    /** The last step of a key's hash: its bits mixed, so that similar keys spread over the table. */
    static int mix(final int h)
    {
        int x = h;
        x ^= x >>> 16;
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        x ^= x >>> 16;
        return x;
    }

    private static void insert(final long[] s, final int m, final long slot)
    {
        int i = (int)(slot >>> 32) & m;
        while (s[i] != 0)
        {
            i = (i + 1) & m;
        }
        s[i] = slot;
    }

    /** A power of two at least 1.5 times {@code expected}: a load of at most two thirds. */
    private static int capacityFor(final int expected)
    {
        final long wanted = Math.max(16L, expected * 3L / 2 + 1);
        if (wanted > 1 << 30)
        {
            throw new IllegalArgumentException("too many keys for one index: " + expected);
        }
        return Integer.highestOneBit((int)wanted - 1) << 1;
    }
}
