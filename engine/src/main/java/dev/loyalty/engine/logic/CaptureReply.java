package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/**
 * {@code {"txId","status":"CAPTURED","pointsEarned","pointsRedeemed","achievements":[…],"balance"}}: what the
 * capture unlocked ({@link UnlockView}; empty for an anonymous sale); balance absent when anonymous. The balance
 * is after everything the capture credited: earned points, a referral's and the achievements' rewards.
 * A view of a captured purchase, made when it is answered: it reads only what the capture wrote once
 * ({@link Purchase#pointsEarned}, {@link Purchase#unlocked}, the closing balance).
 */
record CaptureReply(Purchase purchase) implements Reply
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
        w.field("status", "CAPTURED");
        w.field("pointsEarned", p.pointsEarned());
        w.field("pointsRedeemed", p.priced.pointsRedeemed());
        UnlockView.writeAll(w, p.unlocked);
        if (p.member != null)
        {
            BalanceView.write(w, p.closingAvailable, p.closingPending, p.closingHeld);
        }
        w.endObject();
    }
}
