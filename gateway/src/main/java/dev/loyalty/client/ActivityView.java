package dev.loyalty.client;

import dev.loyalty.engine.sbe.ActivityAnswerDecoder;
import org.agrona.DirectBuffer;

/**
 * An activity ({@code ActivityAnswer}): the points activity rules gave, which promotions, what it unlocked, the
 * balance.
 */
public final class ActivityView extends View
{
    private final ActivityAnswerDecoder decoder = new ActivityAnswerDecoder();
    private final Group promotions = new Group(4);
    private final Group achievements = new Group(2);
    private int requestIdPosition;
    private int memberIdPosition;
    private int typePosition;

    ActivityView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        int position = promotions.wrap(buffer, offset + blockLength, 1);
        position = achievements.wrap(buffer, position, 2);
        requestIdPosition = position;
        memberIdPosition = skipText(requestIdPosition);
        typePosition = skipText(memberIdPosition);
        return this;
    }

    public String requestId()
    {
        return textOrNull(requestIdPosition);
    }

    public String memberId()
    {
        return textOrNull(memberIdPosition);
    }

    /** The activity type (JSON {@code type}). */
    public String type()
    {
        return textOrNull(typePosition);
    }

    public long pointsEarned()
    {
        return decoder.pointsEarned();
    }

    public int promotionCount()
    {
        return promotions.count();
    }

    public String promotionId(final int i)
    {
        return text(promotions.text(i));
    }

    public long promotionPoints(final int i)
    {
        return i64(promotions.block(i) + ActivityAnswerDecoder.PromotionsDecoder.pointsEncodingOffset());
    }

    public long promotionDiscount(final int i)
    {
        return i64(promotions.block(i) + ActivityAnswerDecoder.PromotionsDecoder.discountEncodingOffset());
    }

    /** Achievements the activity unlocked. */
    public int achievementCount()
    {
        return achievements.count();
    }

    public String achievementId(final int i)
    {
        return text(achievements.text(i));
    }

    public String achievementName(final int i)
    {
        return text(skipText(achievements.text(i)));
    }

    public long achievementUnlocks(final int i)
    {
        return i64(achievements.block(i) + ActivityAnswerDecoder.AchievementsDecoder.unlocksEncodingOffset());
    }

    public long achievementPoints(final int i)
    {
        return i64(achievements.block(i) + ActivityAnswerDecoder.AchievementsDecoder.pointsEncodingOffset());
    }

    public long balanceAvailable()
    {
        return decoder.balanceAvailable();
    }

    public long balancePending()
    {
        return decoder.balancePending();
    }

    public long balanceHeld()
    {
        return decoder.balanceHeld();
    }
}
