package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** {@code {"txId","status":"CAPTURED","pointsEarned","pointsRedeemed","balance"}}; balance null when anonymous. */
record CaptureReply(String txId, long pointsEarned, long pointsRedeemed, BalanceView balance) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("txId", txId);
        w.field("status", "CAPTURED");
        w.field("pointsEarned", pointsEarned);
        w.field("pointsRedeemed", pointsRedeemed);
        if (balance != null)
        {
            balance.writeTo(w);
        }
        w.endObject();
    }
}
