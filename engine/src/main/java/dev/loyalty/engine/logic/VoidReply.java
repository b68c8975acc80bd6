package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** {@code {"txId","status":"VOIDED","balance"}}; balance null when anonymous. */
record VoidReply(String txId, BalanceView balance) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("txId", txId);
        w.field("status", "VOIDED");
        if (balance != null)
        {
            balance.writeTo(w);
        }
        w.endObject();
    }
}
