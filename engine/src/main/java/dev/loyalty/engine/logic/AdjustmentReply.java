package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** {@code {"memberId","points","balance"}}. */
record AdjustmentReply(String memberId, long points, BalanceView balance) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("memberId", memberId);
        w.field("points", points);
        balance.writeTo(w);
        w.endObject();
    }
}
