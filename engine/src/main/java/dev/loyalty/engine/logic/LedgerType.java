package dev.loyalty.engine.logic;

/**
 * The kinds of ledger entry. {@code HOLD}, {@code RELEASE} and {@code ACTIVATE} move points between a member's
 * buckets and carry {@code points: 0}; every other kind changes the member's total by its {@code points}.
 */
enum LedgerType
{
    EARN, ACTIVATE, REDEEM, HOLD, RELEASE, REVERSE, EXPIRE, ADJUST, ACTIVITY, REFERRAL, ACHIEVEMENT;

    /** True for the entries that move points between buckets and show {@code moved}. */
    boolean movesBetweenBuckets()
    {
        return this == HOLD || this == RELEASE || this == ACTIVATE;
    }
}
