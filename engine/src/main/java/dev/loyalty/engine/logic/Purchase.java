package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.pricing.PricedCheque;
import dev.loyalty.engine.promotion.CouponResult;
import dev.loyalty.engine.promotion.PromotionCharge;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * A purchase: how it was priced at authorize (what capture books), where it happened (store, its partner and
 * channel at that time), its status, its hold, what its promotions hold or used ({@code charges}), the
 * answer for each presented coupon, its earned lot and what has been refunded.
 * <p>
 * It also answers the operations keyed by its txId again, byte for byte, without keeping a reply object for
 * each: the answers are rendered from fields that are written once, before the answer is returned, and never
 * again (so a reply stage on another thread may render them while the business logic moves the purchase on).
 * The purchase is itself its first answer (authorize or one-shot, {@link #writeTo}); {@link CaptureReply} and
 * {@link VoidReply} are views of it made when they are answered. The only figures those answers need that the
 * purchase does not otherwise keep are the member's balance at the time: {@code answer*} for the first answer,
 * {@code closing*} for the capture answer (or the void answer: a purchase is captured or voided, never both).
 */
final class Purchase implements Reply
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
    /** The member's balance in the first answer (0 for an anonymous sale). Written once. */
    long answerAvailable;
    long answerPending;
    long answerHeld;
    /** Whether it was captured (by a capture or as a one-shot): there is a capture answer. Written once. */
    boolean booked;
    /** The member's balance in the capture answer, or in the void answer when voided. Written once. */
    long closingAvailable;
    long closingPending;
    long closingHeld;

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

    /** Keeps the member's balance now as the first answer's; call before the purchase is answered. */
    void keepAnswerBalance(final Member m)
    {
        if (m != null)
        {
            answerAvailable = m.available;
            answerPending = m.pending;
            answerHeld = m.held;
        }
    }

    /** Keeps the member's balance now as the capture or void answer's; call before it is answered. */
    void keepClosingBalance(final Member m)
    {
        if (m != null)
        {
            closingAvailable = m.available;
            closingPending = m.pending;
            closingHeld = m.held;
        }
    }

    public int httpStatus()
    {
        return 200;
    }

    /**
     * The first answer: AUTHORIZED with the hold's expiry for an authorization, CAPTURED with what it earned
     * and unlocked for a one-shot purchase, with the member's balance at the time.
     */
    public void writeTo(final ReplyWriter w)
    {
        final boolean oneShot = origin == CommandType.ONE_SHOT;
        PurchaseReply.write(w, txId, oneShot ? "CAPTURED" : "AUTHORIZED", member == null ? null : member.memberId,
            storeId, priced, pointsToEarn, coupons, member != null, answerAvailable, answerPending, answerHeld,
            oneShot ? PurchaseReply.ABSENT : holdExpiresAt, oneShot ? pointsEarned : PurchaseReply.ABSENT,
            oneShot ? unlocked : null, null);
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
