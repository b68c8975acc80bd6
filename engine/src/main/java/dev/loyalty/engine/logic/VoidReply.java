package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/**
 * {@code {"txId","status":"VOIDED","balance"}}; balance absent when anonymous. A view of a voided purchase, made
 * when it is answered: it reads only the closing balance the void wrote once.
 */
record VoidReply(Purchase purchase) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        final Purchase p = purchase;
        w.startObject();
        w.field("txId", p.txId);
        w.field("status", "VOIDED");
        if (p.member != null)
        {
            BalanceView.write(w, p.closingAvailable, p.closingPending, p.closingHeld);
        }
        w.endObject();
    }
}
