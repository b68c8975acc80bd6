package dev.loyalty.client;

import dev.loyalty.engine.sbe.ActivityAnswerDecoder;
import org.agrona.DirectBuffer;

/** An activity ({@code ActivityAnswer}): the points activity rules gave, which promotions, the balance. */
public final class ActivityView extends View
{
    private final ActivityAnswerDecoder decoder = new ActivityAnswerDecoder();
    private int promotionCount;
    private int[] promotionOffsets = new int[4];
    private int[] promotionIds = new int[4];
    private int requestIdPosition;
    private int memberIdPosition;
    private int typePosition;

    ActivityView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        int position = offset + blockLength;
        final int entryLength = u16(position);
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
