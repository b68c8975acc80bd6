package dev.loyalty.engine.logic;

import java.util.Comparator;

/**
 * A piece of time-driven work: a hold timeout, a lot's activation or a lot's expiry, the moment a member's
 * oldest qualifying amount leaves its tier window, or the end of a leaderboard's period. Ordered by due time,
 * then by creation order ({@code id}), which makes processing deterministic.
 */
final class DueWork
{
    enum Kind
    {
        HOLD_TIMEOUT, ACTIVATE, EXPIRE, TIER_WINDOW, BOARD_PERIOD
    }

    static final Comparator<DueWork> ORDER = (a, b) ->
    {
        final int byTime = Long.compare(a.dueAt, b.dueAt);
        return byTime != 0 ? byTime : Long.compare(a.id, b.id);
    };

    /** Final but for a hold timeout, which {@link PointsBook} reuses once its purchase let go of it. */
    long id;
    long dueAt;
    final Kind kind;
    Purchase purchase;
    /** Final but for due work loaded from a snapshot before what it names was decoded ({@link PendingLinks}). */
    Lot lot;
    /** Final but for due work loaded from a snapshot before what it names was decoded ({@link PendingLinks}). */
    Member member;
    final Leaderboard board;
    /**
     * For due work loaded from a snapshot whose member (a lot's owner, a tier window's member) or purchase is still
     * in the snapshot file: that member's number, or the purchase's place + 1; 0 once linked ({@link PendingLinks}).
     */
    long pendingRef;
    /** With {@link #pendingRef}: the lot's place in its owner's lots as the snapshot has them. */
    int pendingLotIndex;
    /** With {@link #pendingRef}, for a hold timeout: its purchase's txId. */
    String pendingTxId;
    /** The next due work waiting for the same member to be decoded. */
    DueWork nextPending;
    /** Where {@link DueQueue} keeps it: its kind's lane, {@link DueQueue#IN_TREE} or {@link DueQueue#NOT_QUEUED}. */
    byte lane = DueQueue.NOT_QUEUED;
    /** Neighbours in its {@link DueQueue} lane, null at the ends and when not in a lane. */
    DueWork prev;
    DueWork next;

    DueWork(final long id, final long dueAt, final Kind kind, final Purchase purchase, final Lot lot)
    {
        this(id, dueAt, kind, purchase, lot, null, null);
    }

    DueWork(
        final long id,
        final long dueAt,
        final Kind kind,
        final Purchase purchase,
        final Lot lot,
        final Member member,
        final Leaderboard board)
    {
        this.id = id;
        this.dueAt = dueAt;
        this.kind = kind;
        this.purchase = purchase;
        this.lot = lot;
        this.member = member;
        this.board = board;
    }
}
