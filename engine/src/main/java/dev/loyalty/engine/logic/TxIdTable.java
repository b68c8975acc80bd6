package dev.loyalty.engine.logic;

/**
 * Purchases found by txId in an open-addressing table that grows without stopping the logic thread: when it is
 * half full, a table twice its size takes the new purchases, and every add moves {@value #MOVES_PER_ADD} slots of
 * the old table into it, so the old one is empty long before the new one is half full.
 * <p>
 * The tables are in pages of 2^{@value #PAGE_BITS} slots, each made when the first purchase lands in it, so
 * that no add zeroes a whole new table either (48 MB at a million purchases).
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
    /** Slots a page: a page is made when the first purchase lands in it, so no add zeroes a whole table. */
    static final int PAGE_BITS = 14;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;

    private Table table;
    private int resizeAt;
    private int size;
    /** The table being emptied into {@link #table}, or null; its slots below {@link #moved} are moved already. */
    private Table old;
    private int moved;

    /** A table that takes {@code expected} purchases before it first grows. */
    TxIdTable(final int expected)
    {
        final long wanted = Math.max(MIN_CAPACITY, 2L * Math.max(0, expected));
        use(new Table((int)Math.min(MAX_CAPACITY, Long.highestOneBit(wanted - 1) << 1)));
    }

    private void use(final Table next)
    {
        table = next;
        resizeAt = next.capacity() >>> 1;
    }

    /** The number of purchases in the table. */
    int size()
    {
        return size;
    }

    /** Whether a table is being emptied into the current one. */
    boolean growing()
    {
        return old != null;
    }

    /** The slots of the table that takes new purchases. */
    int capacity()
    {
        return table.capacity();
    }

    /** How many pages of the table that takes new purchases are made. */
    int pagesMade()
    {
        return table.pagesMade();
    }

    /** The purchase with this txId, or null. */
    Purchase get(final String txId)
    {
        final int hash = hash(txId);
        final Purchase found = table.find(hash, txId);
        return found != null || old == null ? found : old.find(hash, txId);
    }

    /**
     * Adds a purchase, or returns the one that has its txId already (and adds nothing).
     *
     * @return null when added.
     */
    Purchase addIfAbsent(final Purchase p)
    {
        final int hash = hash(p.txId);
        // a txId already here is in the old table or the current one; the insert's probe looks in the current
        if (old != null)
        {
            final Purchase existing = old.find(hash, p.txId);
            if (existing != null)
            {
                return existing;
            }
            moveSome();
        }
        else if (size >= resizeAt)
        {
            final Purchase existing = table.find(hash, p.txId);
            if (existing != null)
            {
                return existing;
            }
            startGrowing();
        }
        final Purchase existing = table.insertIfAbsent(hash, p);
        if (existing == null)
        {
            size++;
        }
        return existing;
    }

    private void startGrowing()
    {
        if (table.capacity() == MAX_CAPACITY)
        {
            throw new IllegalStateException("more than " + (MAX_CAPACITY >>> 1) + " purchases");
        }
        old = table;
        moved = 0;
        use(new Table(table.capacity() << 1));
        moveSome();
    }

    /** Moves the next {@value #MOVES_PER_ADD} slots of the old table; drops it once all are moved. */
    private void moveSome()
    {
        final Table from = old;
        final int end = Math.min(from.capacity(), moved + MOVES_PER_ADD);
        for (int i = moved; i < end; i++)
        {
            final Purchase p = from.purchaseAt(i);
            if (p != null)
            {
                table.insert(from.hashAt(i), p);
            }
        }
        moved = end;
        if (end == from.capacity())
        {
            old = null;
        }
    }

    /** One open-addressing table with linear probing, in pages; a page not made yet is empty slots. */
    private static final class Table
    {
        private final int[][] hashes;
        private final Purchase[][] slots;
        private final int mask;
        private final int pageBits;
        private final int pageMask;

        Table(final int capacity)
        {
            pageBits = Math.min(PAGE_BITS, Integer.numberOfTrailingZeros(capacity));
            pageMask = (1 << pageBits) - 1;
            mask = capacity - 1;
            hashes = new int[capacity >>> pageBits][];
            slots = new Purchase[capacity >>> pageBits][];
        }

        int capacity()
        {
            return mask + 1;
        }

        int pagesMade()
        {
            int made = 0;
            for (final Purchase[] page : slots)
            {
                made += page == null ? 0 : 1;
            }
            return made;
        }

        Purchase purchaseAt(final int at)
        {
            final Purchase[] page = slots[at >>> pageBits];
            return page == null ? null : page[at & pageMask];
        }

        int hashAt(final int at)
        {
            return hashes[at >>> pageBits][at & pageMask];
        }

        Purchase find(final int hash, final String txId)
        {
            for (int at = hash & mask; ; at = (at + 1) & mask)
            {
                final Purchase[] page = slots[at >>> pageBits];
                final Purchase p = page == null ? null : page[at & pageMask];
                if (p == null)
                {
                    return null;
                }
                if (hashes[at >>> pageBits][at & pageMask] == hash && p.txId.equals(txId))
                {
                    return p;
                }
            }
        }

        /** Puts {@code p} in the first free slot of its probe; the table holds no purchase with its txId. */
        void insert(final int hash, final Purchase p)
        {
            insertIfAbsent(hash, p, false);
        }

        /** Puts {@code p} in the first free slot of its probe, unless the probe finds its txId: returns that one. */
        Purchase insertIfAbsent(final int hash, final Purchase p)
        {
            return insertIfAbsent(hash, p, true);
        }

        private Purchase insertIfAbsent(final int hash, final Purchase p, final boolean check)
        {
            for (int at = hash & mask; ; at = (at + 1) & mask)
            {
                final int index = at >>> pageBits;
                Purchase[] page = slots[index];
                if (page == null)
                {
                    page = new Purchase[pageMask + 1];
                    slots[index] = page;
                    hashes[index] = new int[pageMask + 1];
                }
                final int i = at & pageMask;
                final Purchase there = page[i];
                if (there == null)
                {
                    page[i] = p;
                    hashes[index][i] = hash;
                    return null;
                }
                if (check && hashes[index][i] == hash && there.txId.equals(p.txId))
                {
                    return there;
                }
            }
        }
    }

    private static int hash(final String txId)
    {
        return HashSlots.mix(txId.hashCode());
    }
}
