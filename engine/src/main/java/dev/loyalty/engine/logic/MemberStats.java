package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.reply.ReplyWriter;

/**
 * A member's purchase statistics, in total and by channel. Mutable state of the business logic; replies take
 * a {@link #copy()}. Times are epoch millis, {@link #NONE} when there was no purchase yet.
 */
class MemberStats
{
    static final long NONE = Long.MIN_VALUE;
    /**
     * No purchase and no credit: shared by every member that has none (most at rest), so that they hold no
     * statistics object of their own; changing it throws (change a member's through {@code statsForWrite()}).
     */
    static final MemberStats NOTHING = new Nothing();
    private static final Channel[] CHANNELS = Channel.values();

    long purchases;
    long spentMinor;
    long pointsEarned;
    long pointsRedeemed;
    long firstPurchaseAt = NONE;
    long lastPurchaseAt = NONE;
    /**
     * Per channel (by ordinal): purchases, spentMinor, pointsEarned, pointsRedeemed; null until used, the whole
     * array null until the first purchase (most members at rest never bought: no array for them).
     */
    private long[][] byChannel;

    void recordPurchase(final Channel channel, final long spent, final long earned, final long redeemed, final long at)
    {
        purchases++;
        spentMinor += spent;
        pointsEarned += earned;
        pointsRedeemed += redeemed;
        if (firstPurchaseAt == NONE || at < firstPurchaseAt)
        {
            firstPurchaseAt = at;
        }
        if (lastPurchaseAt == NONE || at > lastPurchaseAt)
        {
            lastPurchaseAt = at;
        }
        final long[] c = channel(channel);
        c[0]++;
        c[1] += spent;
        c[2] += earned;
        c[3] += redeemed;
    }

    /** Points an activity credited count as earned (not per channel: byChannel is about purchases). */
    void recordActivity(final long earned)
    {
        pointsEarned += earned;
    }

    /** Points an achievement or a referral credited count as earned, like an activity's. */
    void recordCredit(final long earned)
    {
        pointsEarned += earned;
    }

    void recordRefund(final Channel channel, final long money)
    {
        spentMinor -= money;
        channel(channel)[1] -= money;
    }

    /** Adds another member's statistics into these (a merge). */
    void add(final MemberStats o)
    {
        purchases += o.purchases;
        spentMinor += o.spentMinor;
        pointsEarned += o.pointsEarned;
        pointsRedeemed += o.pointsRedeemed;
        if (o.firstPurchaseAt != NONE && (firstPurchaseAt == NONE || o.firstPurchaseAt < firstPurchaseAt))
        {
            firstPurchaseAt = o.firstPurchaseAt;
        }
        if (o.lastPurchaseAt != NONE && (lastPurchaseAt == NONE || o.lastPurchaseAt > lastPurchaseAt))
        {
            lastPurchaseAt = o.lastPurchaseAt;
        }
        for (int i = 0; i < CHANNELS.length; i++)
        {
            final long[] theirs = o.channelStats(i);
            if (theirs != null)
            {
                final long[] mine = channel(CHANNELS[i]);
                for (int k = 0; k < mine.length; k++)
                {
                    mine[k] += theirs[k];
                }
            }
        }
    }

    void clear()
    {
        purchases = 0;
        spentMinor = 0;
        pointsEarned = 0;
        pointsRedeemed = 0;
        firstPurchaseAt = NONE;
        lastPurchaseAt = NONE;
        byChannel = null;
    }

    MemberStats copy()
    {
        final MemberStats c = new MemberStats();
        c.add(this);
        return c;
    }

    /** The channel's {@code [purchases, spentMinor, pointsEarned, pointsRedeemed]} (by ordinal), or null. */
    long[] channelStats(final int ordinal)
    {
        return byChannel == null ? null : byChannel[ordinal];
    }

    /** Sets a channel's statistics (a snapshot being read). */
    void channelStats(final int ordinal, final long[] values)
    {
        if (byChannel == null)
        {
            byChannel = new long[CHANNELS.length][];
        }
        byChannel[ordinal] = values;
    }

    static int channels()
    {
        return CHANNELS.length;
    }

    private long[] channel(final Channel channel)
    {
        if (byChannel == null)
        {
            byChannel = new long[CHANNELS.length][];
        }
        long[] c = byChannel[channel.ordinal()];
        if (c == null)
        {
            c = new long[4];
            byChannel[channel.ordinal()] = c;
        }
        return c;
    }

    void writeTo(final ReplyWriter w)
    {
        w.startObject("stats");
        w.field("purchases", purchases);
        w.field("spentMinor", spentMinor);
        w.field("pointsEarned", pointsEarned);
        w.field("pointsRedeemed", pointsRedeemed);
        writeTime(w, "firstPurchaseAt", firstPurchaseAt);
        writeTime(w, "lastPurchaseAt", lastPurchaseAt);
        w.startObject("byChannel");
        for (int i = 0; i < CHANNELS.length; i++)
        {
            final long[] c = channelStats(i);
            if (c != null)
            {
                w.startObject(CHANNELS[i].name());
                w.field("purchases", c[0]);
                w.field("spentMinor", c[1]);
                w.field("pointsEarned", c[2]);
                w.field("pointsRedeemed", c[3]);
                w.endObject();
            }
        }
        w.endObject();
        w.endObject();
    }

    private static void writeTime(final ReplyWriter w, final String name, final long at)
    {
        if (at == NONE)
        {
            w.nullField(name);
        }
        else
        {
            w.field(name, Times.iso(at));
        }
    }

    /** The shared statistics of no purchase: read-only. */
    private static final class Nothing extends MemberStats
    {
        void recordPurchase(final Channel channel, final long spent, final long earned, final long redeemed,
            final long at)
        {
            throw shared();
        }

        void recordActivity(final long earned)
        {
            throw shared();
        }

        void recordCredit(final long earned)
        {
            throw shared();
        }

        void recordRefund(final Channel channel, final long money)
        {
            throw shared();
        }

        void add(final MemberStats o)
        {
            throw shared();
        }

        void channelStats(final int ordinal, final long[] values)
        {
            throw shared();
        }

        void clear()
        {
            // nothing to clear
        }

        private static UnsupportedOperationException shared()
        {
            return new UnsupportedOperationException("the shared statistics of no purchase: change a member's " +
                "through statsForWrite()");
        }
    }
}
