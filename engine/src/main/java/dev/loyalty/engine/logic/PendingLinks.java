package dev.loyalty.engine.logic;

import dev.loyalty.engine.snapshot.InvalidSnapshotException;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * What a loaded snapshot's purchases and due work name in members that are still in its file
 * ({@link MemberTable}), linked when those members are decoded.
 * <ul>
 *   <li>A purchase still in the file ({@link SnapshotPurchases}) names its hold's lots and its earned lot by their
 *   owner's number and their place in the owner's lots as the snapshot has them. The owner may be decoded and
 *   changed (lots spent, added, dropped) before the purchase is: so when a member that such a purchase names is
 *   decoded, its lots as decoded (the snapshot's) are kept here until every purchase naming it is decoded, and
 *   the purchase finds its lots among them, the same objects an eager load would have given it.</li>
 *   <li>Due work (a lot's activation or expiry, a tier window) whose member is still in the file waits here and
 *   is linked (the lot's {@code activation} / {@code expiry}, the member's {@code tierDue}) the moment the member
 *   is decoded, before anything else sees the member; due work that comes due first decodes it
 *   ({@link #resolve}).</li>
 * </ul>
 * Used by the single business-logic thread.
 */
final class PendingLinks
{
    /** Per member number: how many purchases still in the file name its lots. */
    private final Int2IntHashMap lotReferences = new Int2IntHashMap(0);
    /** Per member number, once decoded: its lots as the snapshot has them, while {@link #lotReferences} counts any. */
    private final Int2ObjectHashMap<Lot[]> lotsAtSnapshot = new Int2ObjectHashMap<>();
    /** Per member number: the due work waiting for it, chained by {@link DueWork#nextPending}. */
    private final Int2ObjectHashMap<DueWork> dueByMember = new Int2ObjectHashMap<>();

    /** While the snapshot loads: a purchase in the file names lots of member {@code number}. */
    void addLotReference(final int number)
    {
        lotReferences.put(number, lotReferences.get(number) + 1);
    }

    /** A purchase that named lots of member {@code number} was decoded: it no longer needs them kept. */
    void releaseLotReference(final int number)
    {
        final int left = lotReferences.get(number) - 1;
        if (left < 0)
        {
            throw new IllegalStateException("member number " + number + " has no lot reference to release");
        }
        if (left == 0)
        {
            lotReferences.remove(number);
            lotsAtSnapshot.remove(number);
        }
        else
        {
            lotReferences.put(number, left);
        }
    }

    /** Lot {@code index} of {@code owner}'s lots as the snapshot had them, or null if it had no such lot. */
    Lot lotAtSnapshot(final Member owner, final long index)
    {
        final Lot[] lots = lotsAtSnapshot.get((int)owner.number);
        if (lots == null)
        {
            throw new IllegalStateException("member " + owner.memberId + "'s lots as the snapshot had them are not kept");
        }
        return index >= 0 && index < lots.length ? lots[(int)index] : null;
    }

    /**
     * While the snapshot loads: {@code work} (its {@link DueWork#pendingRef} the member's number) waits for that
     * member to be decoded.
     */
    void await(final DueWork work)
    {
        final int number = (int)work.pendingRef;
        work.nextPending = dueByMember.put(number, work);
    }

    /** How many members have due work waiting for them. */
    int membersAwaited()
    {
        return dueByMember.size();
    }

    /** Member {@code m} was just decoded from the snapshot: keep its lots if purchases name them, link its due work. */
    void decoded(final Member m)
    {
        final int number = (int)m.number;
        if (lotReferences.get(number) > 0)
        {
            lotsAtSnapshot.put(number, m.lots.toArray(new Lot[0]));
        }
        DueWork work = dueByMember.remove(number);
        while (work != null)
        {
            final DueWork next = work.nextPending;
            work.nextPending = null;
            link(work, m);
            work = next;
        }
    }

    /** Links due work of member {@code m} as the snapshot wrote it: {@code m} must be as the snapshot has it. */
    static void link(final DueWork work, final Member m)
    {
        switch (work.kind)
        {
            case TIER_WINDOW ->
            {
                work.member = m;
                m.tierDue = work;
            }
            case ACTIVATE, EXPIRE ->
            {
                final int index = work.pendingLotIndex;
                if (index < 0 || index >= m.lots.size())
                {
                    throw new InvalidSnapshotException("snapshot due work " + work.kind + " " + work.id + " names lot " +
                        index + " of " + m.memberId + ", who has " + m.lots.size());
                }
                final Lot lot = m.lots.get(index);
                work.lot = lot;
                if (work.kind == DueWork.Kind.ACTIVATE)
                {
                    lot.activation = work;
                }
                else
                {
                    lot.expiry = work;
                }
            }
            default -> throw new IllegalStateException(work.kind + " " + work.id + " does not wait for a member");
        }
        work.pendingRef = 0;
        work.pendingLotIndex = 0;
    }

    /** Links a hold timeout loaded before its purchase was decoded. */
    static void link(final DueWork work, final Purchase p)
    {
        if (work.kind != DueWork.Kind.HOLD_TIMEOUT)
        {
            throw new IllegalStateException(work.kind + " " + work.id + " does not wait for a purchase");
        }
        work.purchase = p;
        p.holdTimeout = work;
        work.pendingRef = 0;
        work.pendingTxId = null;
    }

    /** Due work about to be done (or looked at) whose member or purchase is still in the file: decodes it, linking it. */
    static void resolve(final DueWork work, final MemberTable members, final PurchaseIndex purchases)
    {
        if (work.pendingRef == 0)
        {
            return;
        }
        if (work.kind == DueWork.Kind.HOLD_TIMEOUT)
        {
            purchases.values().get((int)work.pendingRef - 1);
        }
        else
        {
            members.byNumber(work.pendingRef);
        }
        if (work.pendingRef != 0)
        {
            throw new IllegalStateException(work.kind + " " + work.id + " was not linked by decoding what it names");
        }
    }

}
