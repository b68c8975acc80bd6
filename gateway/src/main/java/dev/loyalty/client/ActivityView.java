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
    private int promotionCount;
    private int[] promotionOffsets = new int[4];
    private int[] promotionIds = new int[4];
    private int achievementCount;
    private int[] achievementOffsets = new int[2];
    private int[] achievementIds = new int[2];
    private int requestIdPosition;
    private int memberIdPosition;
    private int typePosition;

    ActivityView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        int position = offset + blockLength;
        int entryLength = u16(position);
        promotionCount = u16(position + 2);
        position += 4;
        promotionOffsets = ensure(promotionOffsets, promotionCount);
        promotionIds = ensure(promotionIds, promotionCount);
        for (int i = 0; i < promotionCount; i++)
        {
            promotionOffsets[i] = position;
            promotionIds[i] = position + entryLength;
            position = skipText(position + entryLength);
        }
        entryLength = u16(position);
        achievementCount = u16(position + 2);
        position += 4;
        achievementOffsets = ensure(achievementOffsets, achievementCount);
        achievementIds = ensure(achievementIds, achievementCount);
        for (int i = 0; i < achievementCount; i++)
        {
            achievementOffsets[i] = position;
            achievementIds[i] = position + entryLength;
            position = skipText(skipText(position + entryLength));
        }
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
        return promotionCount;
    }

    public String promotionId(final int i)
    {
        return text(promotionIds[PurchaseView.check(i, promotionCount)]);
    }

    public long promotionPoints(final int i)
    {
        return i64(promotionOffsets[PurchaseView.check(i, promotionCount)] +
            ActivityAnswerDecoder.PromotionsDecoder.pointsEncodingOffset());
    }

    public long promotionDiscount(final int i)
    {
        return i64(promotionOffsets[PurchaseView.check(i, promotionCount)] +
            ActivityAnswerDecoder.PromotionsDecoder.discountEncodingOffset());
    }

    /** Achievements the activity unlocked. */
    public int achievementCount()
    {
        return achievementCount;
    }

    public String achievementId(final int i)
    {
        return text(achievementIds[PurchaseView.check(i, achievementCount)]);
    }

    public String achievementName(final int i)
    {
        return text(skipText(achievementIds[PurchaseView.check(i, achievementCount)]));
    }

    public long achievementUnlocks(final int i)
    {
        return i64(achievementOffsets[PurchaseView.check(i, achievementCount)] +
            ActivityAnswerDecoder.AchievementsDecoder.unlocksEncodingOffset());
    }

    public long achievementPoints(final int i)
    {
        return i64(achievementOffsets[PurchaseView.check(i, achievementCount)] +
            ActivityAnswerDecoder.AchievementsDecoder.pointsEncodingOffset());
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
