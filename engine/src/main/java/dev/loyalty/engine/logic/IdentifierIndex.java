package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.snapshot.SnapshotReader;
import org.agrona.collections.Hashing;
import org.agrona.collections.Object2ObjectHashMap;

/**
 * Members by identifier (card, phone, ...): the member whose {@link Member#identifiers} holds it. Two parts:
 * <ul>
 *   <li>the identifiers of members loaded from a snapshot, indexed while the snapshot loads without making them:
 *   one {@code long} a slot, a 32-bit hash of the identifier's type and UTF-8 bytes beside the member's number,
 *   open addressing with linear probing. A slot whose hash matches names a candidate, which is decoded
 *   ({@link MemberTable#byNumber}) and asked whether it holds the identifier: so a lookup of an unknown card
 *   decodes nothing, and a lookup of a known one decodes only the member it finds;</li>
 *   <li>every identifier given or moved since ({@link #put}: a new member's, one added, those a merge moves to
 *   its target), in an Agrona open-addressing map. It is asked first: an identifier a merge moved is found
 *   there at its new owner (the old owner's list no longer holds it).</li>
 * </ul>
 * Identifiers are never removed, only moved. Used by the single business-logic thread.
 */
final class IdentifierIndex
{
    private final MemberTable members;
    private final Object2ObjectHashMap<Identifier, Member> live;
    /** {@code hash << 32 | number} per slot, 0 for an empty one; null when no snapshot was loaded. */
    private long[] slots;
    private int mask;
    private int fromSnapshot;
    /** What {@link #addFromSnapshot} listed and {@link #finishSnapshot} has not inserted yet. */
    private long[] pending;
    private int pendingCount;

    /** @param expectedFromSnapshot identifiers a snapshot about to be loaded holds (0: none). */
    IdentifierIndex(final MemberTable members, final int expectedFromSnapshot)
    {
        this.members = members;
        this.live = new Object2ObjectHashMap<>(16, Hashing.DEFAULT_LOAD_FACTOR);
        if (expectedFromSnapshot > 0)
        {
            slots = new long[capacityFor(expectedFromSnapshot)];
            mask = slots.length - 1;
        }
    }

    /** The member holding {@code id}, or null. */
    Member get(final Identifier id)
    {
        final Member m = live.get(id);
        if (pending != null)
        {
            throw new IllegalStateException("identifiers looked up while a snapshot's are still being listed");
        }
        if (m != null || slots == null)
        {
            return m;
        }
        final int hash = hash(id);
        final long[] s = slots;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            final long slot = s[i];
            if (slot == 0)
            {
                return null;
            }
            if ((int)(slot >>> 32) == hash)
            {
                final Member candidate = members.byNumber((int)slot);
                if (candidate != null && candidate.identifiers.contains(id))
                {
                    return candidate;
                }
            }
        }
    }

    boolean containsKey(final Identifier id)
    {
        return get(id) != null;
    }

    /** {@code id} is {@code m}'s from now on (a new one, or one moved to it). */
    void put(final Identifier id, final Member m)
    {
        live.put(id, m);
    }

    /** At most how many identifiers it holds (one a merge moved counts twice): a size to prepare for. */
    int size()
    {
        return live.size() + fromSnapshot;
    }

    /**
     * While a snapshot loads: member {@code number} holds an identifier of hash {@link #hash}. Kept in a list
     * until {@link #finishSnapshot}, which inserts them all in the order of their home slots.
     */
    void addFromSnapshot(final int hash, final int number)
    {
        if (number < 1)
        {
            throw new IllegalArgumentException("member number " + number);
        }
        if (pending == null)
        {
            pending = new long[Math.max(16, slots == null ? 16 : slots.length * 2 / 3)];
        }
        else if (pendingCount == pending.length)
        {
            pending = java.util.Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = (long)hash << 32 | number;
    }

    /**
     * Inserts what {@link #addFromSnapshot} listed. Inserting 10 million identifiers one by one at random slots of
     * a 128 MB table took 2.4 s of a restart, most of it TLB and cache misses; here they are first bucketed by the
     * top bits of their home slot (one counting pass, one scatter into {@value #BUCKET_BITS}-bit buckets), then
     * inserted bucket by bucket, each bucket's slots within one small stretch of the table.
     */
    void finishSnapshot()
    {
        final long[] listed = pending;
        final int n = pendingCount;
        pending = null;
        pendingCount = 0;
        if (listed == null || n == 0)
        {
            return;
        }
        final int capacity = capacityFor(fromSnapshot + n);
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
        fromSnapshot += n;
    }

    private static final int BUCKET_BITS = 12;

    /** The hash of an identifier: its type's and its value's UTF-8 bytes ({@link SnapshotReader#hashUtf8}), mixed. */
    static int hash(final Identifier id)
    {
        return mix(SnapshotReader.hashUtf8(seed(id.type().ordinal()), id.value()));
    }

    /** The seed {@link #hash} starts an identifier of type ordinal {@code typeOrdinal} with. */
    static int seed(final int typeOrdinal)
    {
        return typeOrdinal + 1;
    }

    /** The last step of {@link #hash}, for a hash read with {@link SnapshotReader#getStringHash}. */
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

    private void grow()
    {
        final long[] bigger = new long[slots.length * 2];
        final int biggerMask = bigger.length - 1;
        for (final long slot : slots)
        {
            if (slot != 0)
            {
                insert(bigger, biggerMask, slot);
            }
        }
        slots = bigger;
        mask = biggerMask;
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
            throw new IllegalArgumentException("too many identifiers for one index: " + expected);
        }
        return Integer.highestOneBit((int)wanted - 1) << 1;
    }
}
