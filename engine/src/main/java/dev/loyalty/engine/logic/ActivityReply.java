package dev.loyalty.engine.logic;

import dev.loyalty.engine.pricing.AppliedPromotion;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * {@code POST /v1/activities}: {@code {"requestId","memberId","type","pointsEarned","promotions":[{"promotionId",
 * "points","discount"}],"achievements":[…],"balance":{…}}}: what the activity unlocked ({@link UnlockView}).
 */
record ActivityReply(
    String requestId,
    String memberId,
    String activityType,
    long pointsEarned,
    List<AppliedPromotion> promotions,
    List<UnlockView> achievements,
    BalanceView balance) implements Reply
{
    ActivityReply
    {
        promotions = List.copyOf(promotions);
        achievements = List.copyOf(achievements);
    }

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("requestId", requestId);
        w.field("memberId", memberId);
        w.field("type", activityType);
        w.field("pointsEarned", pointsEarned);
        AppliedPromotion.writeAll(w, promotions);
        UnlockView.writeAll(w, achievements);
        balance.writeTo(w);
        w.endObject();
    }
}
