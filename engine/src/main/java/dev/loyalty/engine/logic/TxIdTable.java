package dev.loyalty.engine.logic;

/**
 * Purchases found by txId in an open-addressing table that grows without stopping the logic thread: when it is
 * half full, a table twice its size takes the new purchases, and every add moves {@value #MOVES_PER_ADD} slots of
 * the old table into it, so the old one is empty long before the new one is half full.
 * <p>
 * Why: a map that rehashes all at once stops the single writer for as long as the rehash takes, and every
 * request in flight waits. Agrona's {@code Object2ObjectHashMap}, which this replaces, re-reads every key to
 * rehash (a cache miss a purchase): a put that grew it took 51 ms at 0.7M purchases and 1.3 s at 2.7M
 * (docs/BENCHMARKS.md, "Growing without a pause"). Here each slot keeps its key's hash beside it, so a move
 * reads two arrays in order and touches no purchase; a lookup compares hashes in an {@code int[]} and reads a
 * purchase's txId only when they match.
 * <p>
 * Adds and lookups only (purchases are never removed). One thread.
 */
final class TxIdTable
{
    /** Slots of the old table moved into the new one per add while a table grows. */
    static final int MOVES_PER_ADD = 8;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;

    private int[] hashes;
    private Purchase[] slots;
    private int mask;
    private int resizeAt;
    private int size;
    /** The table being emptied into {@link #slots}, or null; its slots below {@link #moved} are moved already. */
    private int[] oldHashes;
    private Purchase[] oldSlots;
    private int oldMask;
    private int moved;

    /** A table that takes {@code expected} purchases before it first grows. */
    TxIdTable(final int expected)
    {
        final long wanted = Math.max(MIN_CAPACITY, 2L * Math.max(0, expected));
        final int capacity = (int)Math.min(MAX_CAPACITY, Long.highestOneBit(wanted - 1) << 1);
        allocate(capacity);
    }

    private void allocate(final int capacity)
    {
        hashes = new int[capacity];
        slots = new Purchase[capacity];
        mask = capacity - 1;
        resizeAt = capacity >>> 1;
    }

    /** The number of purchases in the table. */
    int size()
    {
        return size;
    }

    /** Whether a table is being emptied into the current one. */
    boolean growing()
    {
        return oldSlots != null;
    }

    /** The slots of the table that takes new purchases. */
    int capacity()
    {
        return slots.length;
    }

    /** The purchase with this txId, or null. */
    Purchase get(final String txId)
    {
        final int hash = hash(txId);
        final Purchase found = find(hashes, slots, mask, hash, txId);
        if (found != null || oldSlots == null)
        {
            return found;
        }
        return find(oldHashes, oldSlots, oldMask, hash, txId);
    }

    /**
     * Adds a purchase, or returns the one that has its txId already (and adds nothing).
     *
     * @return null when added.
     */
    Purchase addIfAbsent(final Purchase p)
    {
        final Purchase existing = get(p.txId);
        if (existing != null)
        {
            return existing;
        }
        if (oldSlots != null)
        {
            moveSome();
        }
        else if (size >= resizeAt)
        {
            startGrowing();
        }
        insert(hashes, slots, mask, hash(p.txId), p);
        size++;
        return null;
    }

    private void startGrowing()
    {
        if (slots.length == MAX_CAPACITY)
        {
            throw new IllegalStateException("more than " + (MAX_CAPACITY >>> 1) + " purchases");
        }
        oldHashes = hashes;
        oldSlots = slots;
        oldMask = mask;
        moved = 0;
        allocate(slots.length << 1);
        moveSome();
    }

    /** Moves the next {@value #MOVES_PER_ADD} slots of the old table; drops it once all are moved. */
    private void moveSome()
    {
        final Purchase[] from = oldSlots;
        final int[] fromHashes = oldHashes;
        final int end = Math.min(from.length, moved + MOVES_PER_ADD);
        for (int i = moved; i < end; i++)
        {
            final Purchase p = from[i];
            if (p != null)
            {
                insert(hashes, slots, mask, fromHashes[i], p);
            }
        }
        moved = end;
        if (end == from.length)
        {
            oldSlots = null;
            oldHashes = null;
        }
    }

    private static Purchase find(
        final int[] hashes, final Purchase[] slots, final int mask, final int hash, final String txId)
    {
        for (int at = hash & mask; ; at = (at + 1) & mask)
        {
            final Purchase p = slots[at];
            if (p == null)
            {
                return null;
            }
            if (hashes[at] == hash && p.txId.equals(txId))
            {
                return p;
            }
        }
    }

    private static void insert(
        final int[] hashes, final Purchase[] slots, final int mask, final int hash, final Purchase p)
    {
        int at = hash & mask;
        while (slots[at] != null)
        {
            at = (at + 1) & mask;
        }
        slots[at] = p;
        hashes[at] = hash;
    }

    private static int hash(final String txId)
    {
        return HashSlots.mix(txId.hashCode());
    }
}
