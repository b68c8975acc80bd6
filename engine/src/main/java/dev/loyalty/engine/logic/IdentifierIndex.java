package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.snapshot.SnapshotReader;
import org.agrona.collections.Hashing;
import org.agrona.collections.Object2ObjectHashMap;

/**
 * Members by identifier (card, phone, ...): the member whose {@link Member#identifiers} holds it. Two parts:
 * <ul>
 *   <li>the identifiers of members loaded from a snapshot, as the snapshot's member index stores them (written with
 *   the snapshot, loaded as one table, {@link HashSlots}), without making them:
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
    /** The snapshot's identifiers: hash beside the member number. */
    private final HashSlots slots;

    IdentifierIndex(final MemberTable members)
    {
        this.members = members;
        this.live = new Object2ObjectHashMap<>(16, Hashing.DEFAULT_LOAD_FACTOR);
        this.slots = new HashSlots(0);
    }

    /** The member holding {@code id}, or null. */
    Member get(final Identifier id)
    {
        final Member m = live.get(id);
        if (m != null || slots.isEmpty())
        {
            return m;
        }
        final int hash = hash(id);
        for (int at = slots.start(hash); ; at = slots.next(at))
        {
            final int number = slots.valueAt(at, hash);
            if (number == 0)
            {
                return null;
            }
            if (number > 0)
            {
                final Member candidate = members.byNumber(number);
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
        return live.size() + slots.size();
    }

    /** A snapshot's identifiers as its member index stored them ({@link HashSlots#table}); none added before. */
    void loadSnapshot(final long[] table, final int size, final int members)
    {
        slots.load(table, size, members);
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
        return HashSlots.mix(h);
    }
}
