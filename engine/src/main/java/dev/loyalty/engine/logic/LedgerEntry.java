package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.ReplyWriter;

/**
 * One immutable ledger entry. {@code seq} is global and increasing; {@code points} is the change to the
 * member's total; {@code moved} is the amount moved between buckets (HOLD, RELEASE, ACTIVATE only);
 * {@code reason} is an adjustment's reason, an activity's type, an achievement's id or, for a
 * referral, the other member's id.
 */
record LedgerEntry(long seq, LedgerType type, long points, long moved, String txId, long atMillis, String reason)
{
    void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("seq", seq);
        w.field("type", type.name());
        w.field("points", points);
        if (type.movesBetweenBuckets())
        {
            w.field("moved", moved);
        }
        w.field("txId", txId);
        w.field("at", Times.iso(atMillis));
        if (type == LedgerType.ADJUST)
        {
            w.field("reason", reason);
        }
        if (type == LedgerType.ACTIVITY)
        {
            w.field("activity", reason);
        }
        if (type == LedgerType.ACHIEVEMENT)
        {
            w.field("achievementId", reason);
        }
        if (type == LedgerType.REFERRAL)
        {
            w.field("referralOf", reason);
        }
        w.endObject();
    }
}
