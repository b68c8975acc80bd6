package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.pricing.PricedCheque;
import dev.loyalty.engine.promotion.CouponResult;
import dev.loyalty.engine.promotion.PromotionCharge;
import dev.loyalty.engine.reply.Reply;

import java.util.List;

/**
 * A purchase: how it was priced at authorize (what capture books), where it happened (store, its partner and
 * channel at that time), its status, its hold, what its promotions hold or used ({@code charges}), the
 * answer for each presented coupon, its earned lot and what has been refunded. It also keeps the first answers
 * of the operations keyed by its txId (authorize or one-shot, capture, void).
 */
final class Purchase
{
    private static final long[][] NONE_REFUNDED = new long[BusinessLogic.MAX_LINES + 1][];

    final String txId;
    final CommandType origin;
    final Command originCommand;
    final PurchaseRequest request;
    final String storeId;
    final String partnerId;
    final Channel channel;
    /** The member as named at authorize, or null for an anonymous sale. */
    final Member member;
    final PricedCheque priced;
    final long pointsToEarn;
    final long occurredAtMillis;
    final long holdExpiresAt;
    /** One per applied promotion, in application order. */
    final List<PromotionCharge> charges;
    /** One per presented code, in the order presented. */
    final List<CouponResult> coupons;
    PurchaseStatus status = PurchaseStatus.AUTHORIZED;
    List<HoldPart> hold = List.of();
    DueWork holdTimeout;
    long pointsEarned;
    Lot earnedLot;
    /** Shared zeros ({@link #noneRefunded}) until the first refund: replaced, never written into. */
    long[] refundedAmountPerLine;
    /** Refunded quantity of each line, as the refund calculator tracks it (lines priced 0 need it). */
    long[] refundedQtyPerLine;
    long refundedAmount;
    long refundedMoney;
    long cumulativeReversed;
    long cumulativeReturned;
    /** The gamification sequence and engine time of the capture (0 until captured). */
    long captureSeq;
    long capturedAt;
    /** What the capture unlocked of the member's achievements; null until captured. */
    List<UnlockView> unlocked;
    Reply firstReply;
    Reply captureReply;
    Reply voidReply;

    Purchase(
        final String txId,
        final CommandType origin,
        final Command originCommand,
        final PurchaseRequest request,
        final Store store,
        final Member member,
        final PricedCheque priced,
        final long pointsToEarn,
        final long occurredAtMillis,
        final long holdExpiresAt,
        final List<PromotionCharge> charges,
        final List<CouponResult> coupons)
    {
        this.txId = txId;
        this.origin = origin;
        this.originCommand = originCommand;
        this.request = request;
        this.storeId = store.storeId();
        this.partnerId = store.partnerId();
        this.channel = store.channel();
        this.member = member;
        this.priced = priced;
        this.pointsToEarn = pointsToEarn;
        this.occurredAtMillis = occurredAtMillis;
        this.holdExpiresAt = holdExpiresAt;
        this.charges = charges;
        this.coupons = coupons;
        this.refundedAmountPerLine = noneRefunded(priced.lineCount());
        this.refundedQtyPerLine = this.refundedAmountPerLine;
    }

    /**
     * A shared array of {@code lines} zeros: what a purchase has refunded before its first refund. Nothing
     * writes into these arrays (the refund calculator reads them; a refund replaces them with its own), so every
     * purchase of that many lines shares one instead of two of its own.
     */
    static long[] noneRefunded(final int lines)
    {
        if (lines >= NONE_REFUNDED.length)
        {
            return new long[lines];
        }
        long[] zeros = NONE_REFUNDED[lines];
        if (zeros == null)
        {
            zeros = new long[lines];
            NONE_REFUNDED[lines] = zeros;
        }
        return zeros;
    }

    long heldPoints()
    {
        long n = 0;
        for (int i = 0, size = hold.size(); i < size; i++)
        {
            n += hold.get(i).amount();
        }
        return n;
    }
}
