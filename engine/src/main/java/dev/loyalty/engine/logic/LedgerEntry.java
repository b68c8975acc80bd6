package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.ReplyWriter;

import java.util.Objects;

/**
 * One immutable ledger entry. {@code seq} is global and increasing; {@code points} is the change to the
 * member's total; {@code moved} is the amount moved between buckets (HOLD, RELEASE, ACTIVATE only);
 * {@code reason} is an adjustment's reason, an activity's type, an achievement's id or, for a
 * referral, the other member's id.
 * <p>
 * Every member keeps every entry for ever, so an entry is 48 bytes, not 56: a type that moves points between
 * buckets changes the total by nothing and every other type moves nothing, so one field holds whichever of
 * {@code points} and {@code moved} the type can have.
 */
final class LedgerEntry
{
    private final long seq;
    private final long amount;
    private final long atMillis;
    private final LedgerType type;
    private final String txId;
    private final String reason;

    LedgerEntry(
        final long seq, final LedgerType type, final long points, final long moved, final String txId,
        final long atMillis, final String reason)
    {
        if (type.movesBetweenBuckets() ? points != 0 : moved != 0)
        {
            throw new IllegalArgumentException(
                "a " + type + " entry has points " + points + " and moved " + moved + " (entry " + seq + ")");
        }
        this.seq = seq;
        this.type = type;
        this.amount = type.movesBetweenBuckets() ? moved : points;
        this.txId = txId;
        this.atMillis = atMillis;
        this.reason = reason;
    }

    long seq()
    {
        return seq;
    }

    LedgerType type()
    {
        return type;
    }

    /** The change to the member's total: 0 for HOLD, RELEASE and ACTIVATE. */
    long points()
    {
        return type.movesBetweenBuckets() ? 0 : amount;
    }

    /** The amount moved between buckets: HOLD, RELEASE and ACTIVATE only, else 0. */
    long moved()
    {
        return type.movesBetweenBuckets() ? amount : 0;
    }

    String txId()
    {
        return txId;
    }

    long atMillis()
    {
        return atMillis;
    }

    String reason()
    {
        return reason;
    }

    public boolean equals(final Object o)
    {
        return o instanceof LedgerEntry e && e.seq == seq && e.amount == amount && e.atMillis == atMillis &&
            e.type == type && Objects.equals(e.txId, txId) && Objects.equals(e.reason, reason);
    }

    public int hashCode()
    {
        return Long.hashCode(seq);
    }

    public String toString()
    {
        return "LedgerEntry[seq=" + seq + ", type=" + type + ", points=" + points() + ", moved=" + moved() +
            ", txId=" + txId + ", atMillis=" + atMillis + ", reason=" + reason + "]";
    }

    void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("seq", seq);
        w.field("type", type.name());
        w.field("points", points());
        if (type.movesBetweenBuckets())
        {
            w.field("moved", moved());
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
