package dev.loyalty.engine.logic;

/**
 * A lot of points earned together: it is pending until {@code activateAt}, then available, and expires at
 * {@code expireAt}. {@code remaining} is what is left in the lot and not held; {@code heldOut} is what open
 * holds took from it (a release gives it back).
 */
final class Lot
{
    final long lotId;
    final long earnedAt;
    final long activateAt;
    final long expireAt;
    Member owner;
    long remaining;
    long heldOut;
    boolean pending;
    boolean expired;
    DueWork activation;
    DueWork expiry;

    Lot(final long lotId, final Member owner, final long earnedAt, final long activateAt, final long expireAt)
    {
        this.lotId = lotId;
        this.owner = owner;
        this.earnedAt = earnedAt;
        this.activateAt = activateAt;
        this.expireAt = expireAt;
    }

    /** True when points can be taken from this lot for a hold, a debit or a reversal. */
    boolean spendable()
    {
        return !pending && !expired && remaining > 0;
    }

    /** True when the lot can never hold points again and may be dropped from its member's list. */
    boolean dead()
    {
        return remaining == 0 && heldOut == 0 && (expired || !pending);
    }
}
