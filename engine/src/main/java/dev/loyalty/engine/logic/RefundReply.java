package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/**
 * {@code {"txId","refundId","status","amount","money","pointsReversed","pointsReturned","refunded":{…},"balance"}}:
 * this refund's figures, the cumulative ones in {@code refunded}; balance null when anonymous.
 */
record RefundReply(
    String txId,
    String refundId,
    PurchaseStatus status,
    long amount,
    long money,
    long pointsReversed,
    long pointsReturned,
    RefundedView refunded,
    BalanceView balance) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("txId", txId);
        w.field("refundId", refundId);
        w.field("status", status.name());
        w.field("amount", amount);
        w.field("money", money);
        w.field("pointsReversed", pointsReversed);
        w.field("pointsReturned", pointsReturned);
        refunded.writeTo(w);
        if (balance != null)
        {
            balance.writeTo(w);
        }
        w.endObject();
    }
}
