package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.ReplyWriter;

/** What has been refunded of a purchase so far: {@code {"amount","pointsReversed","pointsReturned"}}. */
record RefundedView(long amount, long pointsReversed, long pointsReturned)
{
    void writeTo(final ReplyWriter w)
    {
        w.startObject("refunded");
        w.field("amount", amount);
        w.field("pointsReversed", pointsReversed);
        w.field("pointsReturned", pointsReturned);
        w.endObject();
    }
}
