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

    /** While a snapshot loads: member {@code number} holds an identifier of hash {@link #hash}. */
    void addFromSnapshot(final int hash, final int number)
    {
        if (number < 1)
        {
            throw new IllegalArgumentException("member number " + number);
        }
        if (slots == null)
        {
            slots = new long[capacityFor(16)];
            mask = slots.length - 1;
        }
        else if ((fromSnapshot + 1L) * 3 > slots.length * 2L)
        {
            grow();
        }
        insert(slots, mask, (long)hash << 32 | number);
        fromSnapshot++;
    }

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
