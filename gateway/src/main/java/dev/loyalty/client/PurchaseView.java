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
    private final Group lines = new Group(8);
    private final Group promotions = new Group(4);
    private final Group coupons = new Group(4);
    private final Group achievements = new Group(2);
    private int txIdPosition;
    private int memberIdPosition;
    private int storeIdPosition;

    PurchaseView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        int position = lines.wrap(buffer, offset + blockLength, 1);
        position = promotions.wrap(buffer, position, 1);
        position = coupons.wrap(buffer, position, 1);
        position = achievements.wrap(buffer, position, 2);
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
        return lines.count();
    }

    public String lineSku(final int i)
    {
        return text(lines.text(i));
    }

    public long lineAmount(final int i)
    {
        return i64(lines.block(i) + PurchaseAnswerDecoder.LinesDecoder.amountEncodingOffset());
    }

    public long lineDiscount(final int i)
    {
        return i64(lines.block(i) + PurchaseAnswerDecoder.LinesDecoder.discountEncodingOffset());
    }

    public long linePointsPaid(final int i)
    {
        return i64(lines.block(i) + PurchaseAnswerDecoder.LinesDecoder.pointsPaidEncodingOffset());
    }

    public long linePaid(final int i)
    {
        return i64(lines.block(i) + PurchaseAnswerDecoder.LinesDecoder.paidEncodingOffset());
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
        return i64(promotions.block(i) + PurchaseAnswerDecoder.PromotionsDecoder.pointsEncodingOffset());
    }

    public long promotionDiscount(final int i)
    {
        return i64(promotions.block(i) + PurchaseAnswerDecoder.PromotionsDecoder.discountEncodingOffset());
    }

    public int couponCount()
    {
        return coupons.count();
    }

    public String couponCode(final int i)
    {
        return text(coupons.text(i));
    }

    /** APPLIED, or why the code was rejected. */
    public WireCouponStatus couponStatus(final int i)
    {
        return WireCouponStatus.get((short)(buffer.getByte(coupons.block(i) +
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

    /** How many times it unlocked (more than 1 when one purchase passes several targets of a repeatable one). */
    public long achievementUnlocks(final int i)
    {
        return i64(achievements.block(i) + PurchaseAnswerDecoder.AchievementsDecoder.unlocksEncodingOffset());
    }

    /** The points it credited. */
    public long achievementPoints(final int i)
    {
        return i64(achievements.block(i) + PurchaseAnswerDecoder.AchievementsDecoder.pointsEncodingOffset());
    }
}
