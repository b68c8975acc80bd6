package dev.loyalty.client;

import dev.loyalty.engine.sbe.PurchaseAnswerDecoder;
import dev.loyalty.engine.sbe.WireCouponStatus;
import dev.loyalty.engine.sbe.WirePurchaseStatus;
import org.agrona.DirectBuffer;

/**
 * The authorize shape ({@code PurchaseAnswer}): the answer to authorize, one-shot, calculate and purchase
 * lookup. The figures are API.md's; {@code line*(i)}, {@code promotion*(i)} and {@code coupon*(i)} read the
 * i-th entry of each list. Optional parts ({@code has*}) read 0 when absent.
 */
public final class PurchaseView extends View
{
    private final PurchaseAnswerDecoder decoder = new PurchaseAnswerDecoder();
    private int lineCount;
    private int[] lineOffsets = new int[8];
    private int[] lineSkus = new int[8];
    private int promotionCount;
    private int[] promotionOffsets = new int[4];
    private int[] promotionIds = new int[4];
    private int couponCount;
    private int[] couponOffsets = new int[4];
    private int[] couponCodes = new int[4];
    private int achievementCount;
    private int[] achievementOffsets = new int[2];
    private int[] achievementIds = new int[2];
    private int txIdPosition;
    private int memberIdPosition;
    private int storeIdPosition;

    PurchaseView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        int position = offset + blockLength;

        int entryLength = u16(position);
        lineCount = u16(position + 2);
        position += 4;
        lineOffsets = ensure(lineOffsets, lineCount);
        lineSkus = ensure(lineSkus, lineCount);
        for (int i = 0; i < lineCount; i++)
        {
            lineOffsets[i] = position;
            lineSkus[i] = position + entryLength;
            position = skipText(position + entryLength);
        }

        entryLength = u16(position);
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
        couponCount = u16(position + 2);
        position += 4;
        couponOffsets = ensure(couponOffsets, couponCount);
        couponCodes = ensure(couponCodes, couponCount);
        for (int i = 0; i < couponCount; i++)
        {
            couponOffsets[i] = position;
            couponCodes[i] = position + entryLength;
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

        txIdPosition = position;
        memberIdPosition = skipText(txIdPosition);
        storeIdPosition = skipText(memberIdPosition);
        return this;
    }

    /** AUTHORIZED, CAPTURED, VOIDED, EXPIRED, PARTIALLY_REFUNDED, REFUNDED, or CALCULATED. */
    public WirePurchaseStatus status()
    {
        return decoder.status();
    }

    /** The purchase's txId; null for calculate. */
    public String txId()
    {
        return textOrNull(txIdPosition);
    }

    /** The member; null for an anonymous sale. */
    public String memberId()
    {
        return textOrNull(memberIdPosition);
    }

    public String storeId()
    {
        return textOrNull(storeIdPosition);
    }

    public long total()
    {
        return decoder.total();
    }

    public long discount()
    {
        return decoder.discount();
    }

    public long pointsRedeemed()
    {
        return decoder.pointsRedeemed();
    }

    public long payable()
    {
        return decoder.payable();
    }

    public long pointsToEarn()
    {
        return decoder.pointsToEarn();
    }

    public long maxRedeemable()
    {
        return decoder.maxRedeemable();
    }

    /** False for an anonymous sale. */
    public boolean hasBalance()
    {
        return decoder.parts().balance();
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

    /** True while the purchase is AUTHORIZED. */
    public boolean hasHoldExpiresAt()
    {
        return decoder.parts().holdExpiresAt();
    }

    /** When the hold times out, epoch ms (whole seconds). */
    public long holdExpiresAtMillis()
    {
        return decoder.holdExpiresAt();
    }

    /** True once captured. */
    public boolean hasPointsEarned()
    {
        return decoder.parts().pointsEarned();
    }

    public long pointsEarned()
    {
        return decoder.pointsEarned();
    }

    /** True once refunded (purchase lookup only). */
    public boolean hasRefunded()
    {
        return decoder.parts().refunded();
    }

    public long refundedAmount()
    {
        return decoder.refundedAmount();
    }

    public long refundedPointsReversed()
    {
        return decoder.refundedPointsReversed();
    }

    public long refundedPointsReturned()
    {
        return decoder.refundedPointsReturned();
    }

    public int lineCount()
    {
        return lineCount;
    }

    public String lineSku(final int i)
    {
        return text(lineSkus[check(i, lineCount)]);
    }

    public long lineAmount(final int i)
    {
        return i64(lineOffsets[check(i, lineCount)] + PurchaseAnswerDecoder.LinesDecoder.amountEncodingOffset());
    }

    public long lineDiscount(final int i)
    {
        return i64(lineOffsets[check(i, lineCount)] + PurchaseAnswerDecoder.LinesDecoder.discountEncodingOffset());
    }

    public long linePointsPaid(final int i)
    {
        return i64(lineOffsets[check(i, lineCount)] + PurchaseAnswerDecoder.LinesDecoder.pointsPaidEncodingOffset());
    }

    public long linePaid(final int i)
    {
        return i64(lineOffsets[check(i, lineCount)] + PurchaseAnswerDecoder.LinesDecoder.paidEncodingOffset());
    }

    public int promotionCount()
    {
        return promotionCount;
    }

    public String promotionId(final int i)
    {
        return text(promotionIds[check(i, promotionCount)]);
    }

    public long promotionPoints(final int i)
    {
        return i64(promotionOffsets[check(i, promotionCount)] +
            PurchaseAnswerDecoder.PromotionsDecoder.pointsEncodingOffset());
    }

    public long promotionDiscount(final int i)
    {
        return i64(promotionOffsets[check(i, promotionCount)] +
            PurchaseAnswerDecoder.PromotionsDecoder.discountEncodingOffset());
    }

    public int couponCount()
    {
        return couponCount;
    }

    public String couponCode(final int i)
    {
        return text(couponCodes[check(i, couponCount)]);
    }

    /** APPLIED, or why the code was rejected. */
    public WireCouponStatus couponStatus(final int i)
    {
        return WireCouponStatus.get((short)(buffer.getByte(couponOffsets[check(i, couponCount)] +
            PurchaseAnswerDecoder.CouponsDecoder.statusEncodingOffset()) & 0xFF));
    }

    /** True once captured: the capture's unlocks follow (possibly none). */
    public boolean hasAchievements()
    {
        return decoder.parts().achievements();
    }

    /** Achievements the capture unlocked. */
    public int achievementCount()
    {
        return achievementCount;
    }

    public String achievementId(final int i)
    {
        return text(achievementIds[check(i, achievementCount)]);
    }

    public String achievementName(final int i)
    {
        return text(skipText(achievementIds[check(i, achievementCount)]));
    }

    /** How many times it unlocked (more than 1 when one purchase passes several targets of a repeatable one). */
    public long achievementUnlocks(final int i)
    {
        return i64(achievementOffsets[check(i, achievementCount)] +
            PurchaseAnswerDecoder.AchievementsDecoder.unlocksEncodingOffset());
    }

    /** The points it credited. */
    public long achievementPoints(final int i)
    {
        return i64(achievementOffsets[check(i, achievementCount)] +
            PurchaseAnswerDecoder.AchievementsDecoder.pointsEncodingOffset());
    }

    static int check(final int i, final int count)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("index " + i + " of " + count);
        }
        return i;
    }
}
