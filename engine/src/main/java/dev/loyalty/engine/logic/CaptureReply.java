package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * {@code {"txId","status":"CAPTURED","pointsEarned","pointsRedeemed","achievements":[…],"balance"}}: what the
 * capture unlocked ({@link UnlockView}; empty for an anonymous sale); balance null when anonymous. The balance
 * is after everything the capture credited: earned points, a referral's and the achievements' rewards.
 */
record CaptureReply(String txId, long pointsEarned, long pointsRedeemed, List<UnlockView> achievements,
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
        w.field("status", "CAPTURED");
        w.field("pointsEarned", pointsEarned);
        w.field("pointsRedeemed", pointsRedeemed);
        UnlockView.writeAll(w, achievements);
        if (balance != null)
        {
            balance.writeTo(w);
        }
        w.endObject();
    }
}
