package dev.loyalty.engine.logic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The points side of the state: lots, buckets, ledger entries, and the queue of time-driven work. Every change
 * to a member's points goes through here, so that each bucket change and its ledger entry happen together.
 * Callers validate first: these methods assume the change is allowed.
 *
 * <p>Running totals of every kind of posting are kept apart from the ledgers and the balances, so that
 * {@link BusinessLogic#checkInvariants()} can check one against the others.
 */
final class PointsBook
{
    static final Comparator<Lot> OLDEST_FIRST = (a, b) ->
    {
        final int byTime = Long.compare(a.earnedAt, b.earnedAt);
        return byTime != 0 ? byTime : Long.compare(a.lotId, b.lotId);
    };

    private static final int MAX_SPARE_HOLD_TIMEOUTS = 64;

    final DueQueue due = new DueQueue();
    /** Cancelled hold timeouts kept for reuse, linked through {@link DueWork#next} (they are in no lane). */
    private DueWork spareHoldTimeout;
    private int spareHoldTimeouts;
    long ledgerSeq;
    long lotSeq;
    long dueSeq;

    long totalEarned;
    long totalRedeemed;
    long totalExpired;
    long totalReversedOut;
    long totalReturned;
    long totalAdjustedIn;
    long totalAdjustedOut;
    long totalActivity;
    long totalAchievement;
    long totalReferral;

    long nextDueAt()
    {
        final DueWork first = due.first();
        return first == null ? Long.MAX_VALUE : first.dueAt;
    }

    DueWork schedule(final long dueAt, final DueWork.Kind kind, final Purchase purchase, final Lot lot)
    {
        final DueWork work = new DueWork(++dueSeq, dueAt, kind, purchase, lot);
        due.add(work);
        return work;
    }

    /**
     * Schedules a purchase's hold timeout, reusing one its purchase let go of ({@link #cancelHoldTimeout}) when
     * there is one: nearly every authorization is captured or voided before its timeout, so the timeout of one
     * serves the next and authorizing allocates no due work.
     */
    DueWork scheduleHoldTimeout(final long dueAt, final Purchase purchase)
    {
        final DueWork work = spareHoldTimeout;
        if (work == null)
        {
            return schedule(dueAt, DueWork.Kind.HOLD_TIMEOUT, purchase, null);
        }
        spareHoldTimeout = work.next;
        spareHoldTimeouts--;
        work.next = null;
        work.id = ++dueSeq;
        work.dueAt = dueAt;
        work.purchase = purchase;
        due.add(work);
        return work;
    }

    /**
     * Cancels a purchase's hold timeout (null: none) that nothing else refers to once the caller clears the
     * purchase's reference, and keeps it for {@link #scheduleHoldTimeout}.
     */
    void cancelHoldTimeout(final DueWork work)
    {
        if (work == null)
        {
            return;
        }
        if (work.kind != DueWork.Kind.HOLD_TIMEOUT)
        {
            throw new IllegalArgumentException("not a hold timeout: " + work.kind);
        }
        due.remove(work);
        work.purchase = null;
        if (spareHoldTimeouts < MAX_SPARE_HOLD_TIMEOUTS)
        {
            work.next = spareHoldTimeout;
            spareHoldTimeout = work;
            spareHoldTimeouts++;
        }
    }

    /** Schedules gamification work: a member's tier window ({@code member}) or a board's period end. */
    DueWork schedule(final long dueAt, final DueWork.Kind kind, final Member member, final Leaderboard board)
    {
        final DueWork work = new DueWork(++dueSeq, dueAt, kind, null, null, member, board);
        due.add(work);
        return work;
    }

    void cancel(final DueWork work)
    {
        if (work != null)
        {
            due.remove(work);
        }
    }

    private void post(
        final Member m, final LedgerType type, final long points, final long moved, final String txId,
        final long now, final String reason)
    {
        m.ledgerForWrite().add(new LedgerEntry(++ledgerSeq, type, points, moved, txId, now, reason));
    }

    /** Points that went into a non-pending lot: pay the member's debt first, the rest stays in the lot. */
    private static void creditAvailable(final Member m, final Lot lot, final long n)
    {
        final long pay = Math.min(m.debt, n);
        m.debt -= pay;
        lot.remaining += n - pay;
        m.available += n;
    }

    private Lot newLot(final Member m, final long now, final long activateAt, final long ttlDays)
    {
        final Lot lot = new Lot(++lotSeq, m, now, activateAt, Times.plus(now, ttlDays, Times.MILLIS_PER_DAY));
        m.lotsForWrite().add(lot);
        return lot;
    }

    private void scheduleExpiry(final Lot lot)
    {
        if (lot.expiry == null && lot.expireAt != Long.MAX_VALUE)
        {
            lot.expiry = schedule(lot.expireAt, DueWork.Kind.EXPIRE, null, lot);
        }
    }

    /** Credits points earned by a purchase: pending until {@code activationDelayHours}, then available. */
    Lot earn(final Member m, final long n, final String txId, final long now, final long delayHours, final long ttlDays)
    {
        final long activateAt = Times.plus(now, delayHours, Times.MILLIS_PER_HOUR);
        final Lot lot = newLot(m, now, activateAt, ttlDays);
        post(m, LedgerType.EARN, n, 0, txId, now, null);
        totalEarned += n;
        if (delayHours > 0)
        {
            lot.pending = true;
            lot.remaining = n;
            m.pending += n;
            lot.activation = schedule(activateAt, DueWork.Kind.ACTIVATE, null, lot);
            scheduleExpiry(lot);
        }
        else
        {
            creditAvailable(m, lot, n);
            if (lot.remaining > 0)
            {
                scheduleExpiry(lot);
            }
        }
        return lot;
    }

    /** Moves a pending lot to available (ACTIVATE, points 0, moved n). */
    void activate(final Lot lot, final long now)
    {
        final Member m = lot.owner;
        lot.activation = null;
        if (!lot.pending || lot.expired)
        {
            return;
        }
        lot.pending = false;
        final long n = lot.remaining;
        lot.remaining = 0;
        m.pending -= n;
        if (n > 0)
        {
            post(m, LedgerType.ACTIVATE, 0, n, null, now, null);
            creditAvailable(m, lot, n);
        }
        if (lot.dead())
        {
            cancel(lot.expiry);
            lot.expiry = null;
        }
    }

    /** Expires what is left in a lot (EXPIRE, points -n). */
    void expire(final Lot lot, final long now)
    {
        final Member m = lot.owner;
        lot.expiry = null;
        lot.expired = true;
        final long n = lot.remaining;
        lot.remaining = 0;
        if (lot.pending)
        {
            m.pending -= n;
            cancel(lot.activation);
            lot.activation = null;
        }
        else
        {
            m.available -= n;
        }
        if (n > 0)
        {
            post(m, LedgerType.EXPIRE, -n, 0, null, now, null);
            totalExpired += n;
        }
    }

    /** Holds n available points, oldest lots first (HOLD, points 0, moved n). The caller checked available >= n. */
    List<HoldPart> hold(final Member m, final long n, final String txId, final long now)
    {
        if (n == 0)
        {
            return List.of();
        }
        HoldPart only = null;
        ArrayList<HoldPart> parts = null;
        long need = n;
        final ArrayList<Lot> lots = m.lots;
        for (int i = 0, size = lots.size(); i < size && need > 0; i++)
        {
            final Lot lot = lots.get(i);
            if (lot.spendable())
            {
                final long take = Math.min(need, lot.remaining);
                lot.remaining -= take;
                lot.heldOut += take;
                need -= take;
                final HoldPart part = new HoldPart(lot, take);
                if (only == null && parts == null)
                {
                    only = part;
                }
                else
                {
                    if (parts == null)
                    {
                        parts = new ArrayList<>(4);
                        parts.add(only);
                        only = null;
                    }
                    parts.add(part);
                }
            }
        }
        if (need != 0)
        {
            throw new IllegalStateException("member " + m.memberId + " has fewer spendable points than available");
        }
        m.available -= n;
        m.held += n;
        post(m, LedgerType.HOLD, 0, n, txId, now, null);
        return parts != null ? parts : List.of(only);
    }

    /** Spends n available points at once, oldest lots first (REDEEM, points -n): a one-shot purchase. */
    void spend(final Member m, final long n, final String txId, final long now)
    {
        if (n == 0)
        {
            return;
        }
        if (takeAvailable(m, n) != 0)
        {
            throw new IllegalStateException("member " + m.memberId + " has fewer spendable points than available");
        }
        m.available -= n;
        post(m, LedgerType.REDEEM, -n, 0, txId, now, null);
        totalRedeemed += n;
        compact(m);
    }

    /** Spends held points at capture (REDEEM, points -n). */
    void redeem(final Member m, final List<HoldPart> parts, final String txId, final long now)
    {
        long n = 0;
        for (int i = 0, size = parts.size(); i < size; i++)
        {
            final HoldPart part = parts.get(i);
            final Lot lot = part.lot();
            lot.heldOut -= part.amount();
            n += part.amount();
            if (lot.dead())
            {
                cancel(lot.expiry);
                lot.expiry = null;
            }
        }
        if (n > 0)
        {
            m.held -= n;
            post(m, LedgerType.REDEEM, -n, 0, txId, now, null);
            totalRedeemed += n;
        }
        compact(m);
    }

    /**
     * Gives held points back to the lots they came from (RELEASE, points 0, moved n). A lot that expired
     * meanwhile is due to expire again at once, so the points expire at the next time advance.
     */
    void release(final Member m, final List<HoldPart> parts, final String txId, final long now)
    {
        long n = 0;
        for (int i = 0, size = parts.size(); i < size; i++)
        {
            final HoldPart part = parts.get(i);
            final Lot lot = part.lot();
            lot.heldOut -= part.amount();
            n += part.amount();
            m.held -= part.amount();
            creditAvailable(m, lot, part.amount());
            if (lot.remaining > 0)
            {
                scheduleExpiry(lot);
            }
        }
        if (n > 0)
        {
            post(m, LedgerType.RELEASE, 0, n, txId, now, null);
        }
    }

    /**
     * Takes back n earned points (REVERSE, points -n): first from the purchase's own lot while it has points,
     * then from the oldest available lots; what is still missing leaves available negative (a debt).
     */
    void reverse(final Member m, final Lot ownLot, final long n, final String txId, final long now)
    {
        long need = n;
        if (ownLot != null && ownLot.owner == m && !ownLot.expired && ownLot.remaining > 0)
        {
            final long take = Math.min(need, ownLot.remaining);
            ownLot.remaining -= take;
            if (ownLot.pending)
            {
                m.pending -= take;
            }
            else
            {
                m.available -= take;
            }
            need -= take;
        }
        m.available -= need;
        m.debt += takeAvailable(m, need);
        post(m, LedgerType.REVERSE, -n, 0, txId, now, null);
        totalReversedOut += n;
        compact(m);
    }

    /** Gives back n redeemed points as a new available lot (REVERSE, points +n). */
    void returnRedeemed(final Member m, final long n, final String txId, final long now, final long ttlDays)
    {
        final Lot lot = newLot(m, now, now, ttlDays);
        post(m, LedgerType.REVERSE, n, 0, txId, now, null);
        totalReturned += n;
        creditAvailable(m, lot, n);
        if (lot.remaining > 0)
        {
            scheduleExpiry(lot);
        }
        compact(m);
    }

    /**
     * Credits points an activity earned (ACTIVITY, points +n, its type as reason) as a new lot, available at
     * once: there is no purchase to take back, so no activation delay applies.
     */
    void creditActivity(final Member m, final long n, final String activityType, final long now, final long ttlDays)
    {
        credit(m, LedgerType.ACTIVITY, n, null, activityType, now, ttlDays);
    }

    /**
     * Credits points that come from no purchase's earning, as a new lot available at once: an activity's
     * (ACTIVITY, reason: its type), an achievement's reward (ACHIEVEMENT, reason: the achievement id) or a
     * referral's (REFERRAL, reason: the other member's id, txId: the referee's first purchase).
     */
    void credit(
        final Member m, final LedgerType type, final long n, final String txId, final String reason, final long now,
        final long ttlDays)
    {
        final Lot lot = newLot(m, now, now, ttlDays);
        post(m, type, n, 0, txId, now, reason);
        switch (type)
        {
            case ACTIVITY -> totalActivity += n;
            case ACHIEVEMENT -> totalAchievement += n;
            case REFERRAL -> totalReferral += n;
            default -> throw new IllegalArgumentException("not a credit: " + type);
        }
        creditAvailable(m, lot, n);
        if (lot.remaining > 0)
        {
            scheduleExpiry(lot);
        }
        compact(m);
    }

    /**
     * An adjustment (ADJUST with its reason): positive adds a new available lot, negative takes from the
     * oldest available lots. The caller checked that a negative one is covered by available.
     */
    void adjust(final Member m, final long points, final String reason, final long now, final long ttlDays)
    {
        if (points > 0)
        {
            final Lot lot = newLot(m, now, now, ttlDays);
            post(m, LedgerType.ADJUST, points, 0, null, now, reason);
            totalAdjustedIn += points;
            creditAvailable(m, lot, points);
            if (lot.remaining > 0)
            {
                scheduleExpiry(lot);
            }
        }
        else
        {
            final long n = -points;
            if (takeAvailable(m, n) != 0)
            {
                throw new IllegalStateException("member " + m.memberId + " has fewer spendable points than available");
            }
            m.available -= n;
            post(m, LedgerType.ADJUST, points, 0, null, now, reason);
            totalAdjustedOut += n;
        }
        compact(m);
    }

    /** Takes up to n from the oldest spendable lots (buckets are the caller's); returns what is still missing. */
    private long takeAvailable(final Member m, final long n)
    {
        long need = n;
        final ArrayList<Lot> lots = m.lots;
        for (int i = 0, size = lots.size(); i < size && need > 0; i++)
        {
            final Lot lot = lots.get(i);
            if (lot.spendable())
            {
                final long take = Math.min(need, lot.remaining);
                lot.remaining -= take;
                need -= take;
                if (lot.dead())
                {
                    cancel(lot.expiry);
                    lot.expiry = null;
                }
            }
        }
        return need;
    }

    /**
     * Moves the source's points, lots and ledger into the target. The source's debt is paid from the target's
     * lots (and the other way round) so that a debt only exists while no lot has spendable points.
     */
    void merge(final Member target, final Member source)
    {
        target.available += source.available;
        target.pending += source.pending;
        target.held += source.held;
        target.debt += source.debt;
        source.available = 0;
        source.pending = 0;
        source.held = 0;
        source.debt = 0;

        for (int i = 0, size = source.lots.size(); i < size; i++)
        {
            source.lots.get(i).owner = target;
        }
        if (!source.lots.isEmpty())
        {
            target.lotsForWrite().addAll(source.lots);
        }
        source.lots.clear();
        target.lots.sort(OLDEST_FIRST);
        if (target.debt > 0)
        {
            final long missing = takeAvailable(target, target.debt);
            target.debt = missing;
        }
        compact(target);

        final ArrayList<LedgerEntry> a = target.ledger;
        final ArrayList<LedgerEntry> b = source.ledger;
        final ArrayList<LedgerEntry> merged = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size())
        {
            if (j >= b.size() || (i < a.size() && a.get(i).seq() < b.get(j).seq()))
            {
                merged.add(a.get(i++));
            }
            else
            {
                merged.add(b.get(j++));
            }
        }
        target.ledger = merged;
        b.clear();
    }

    /**
     * Drops lots that can never hold points again, keeping the order of the rest. Lots before the first one
     * dropped stay where they are without being written again (a write into an old array marks its card for
     * the next young collection to scan).
     */
    private static void compact(final Member m)
    {
        final ArrayList<Lot> lots = m.lots;
        final int size = lots.size();
        int w = 0;
        while (w < size && keep(lots.get(w)))
        {
            w++;
        }
        for (int r = w + 1; r < size; r++)
        {
            final Lot lot = lots.get(r);
            if (keep(lot))
            {
                lots.set(w++, lot);
            }
        }
        for (int k = lots.size() - 1; k >= w; k--)
        {
            lots.remove(k);
        }
    }

    private static boolean keep(final Lot lot)
    {
        return !lot.dead() || lot.expiry != null || lot.activation != null;
    }
}
