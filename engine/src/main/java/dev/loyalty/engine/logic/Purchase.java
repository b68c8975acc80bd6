package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Commands;
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
    /** The authorize or one-shot command that made it: its body for replays, its request's lines. */
    final Command originCommand;
    /** The store as it was when the purchase was made (its partner and channel at that time). */
    final Store store;
    /** The member as named at authorize, or null for an anonymous sale. */
    final Member member;
    final PricedCheque priced;
    final long occurredAtMillis;
    final long holdExpiresAt;
    /** One per applied promotion, in application order. */
    final List<PromotionCharge> charges;
    /** One per presented code, in the order presented. */
    final List<CouponResult> coupons;
    PurchaseStatus status = PurchaseStatus.AUTHORIZED;
    List<HoldPart> hold = List.of();
    DueWork holdTimeout;
    Lot earnedLot;
    /** What has been refunded; null until the first refund (most purchases are never refunded). */
    Refunds refunds;
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

    /** What refunds have taken back so far, as the refund calculator tracks it. */
    static final class Refunds
    {
        /** Refunded amount of each line. */
        long[] amountPerLine;
        /** Refunded quantity of each line (lines priced 0 need it). */
        long[] qtyPerLine;
        long amount;
        long money;
        long reversed;
        long returned;
    }

    Purchase(
        final String txId,
        final Command originCommand,
        final Store store,
        final Member member,
        final PricedCheque priced,
        final long occurredAtMillis,
        final long holdExpiresAt,
        final List<PromotionCharge> charges,
        final List<CouponResult> coupons)
    {
        if (originCommand.type() != CommandType.AUTHORIZE && originCommand.type() != CommandType.ONE_SHOT)
        {
            throw new IllegalArgumentException("a purchase made by " + originCommand.type());
        }
        this.txId = txId;
        this.originCommand = originCommand;
        this.store = store;
        this.member = member;
        this.priced = priced;
        this.occurredAtMillis = occurredAtMillis;
        this.holdExpiresAt = holdExpiresAt;
        this.charges = charges;
        this.coupons = coupons;
    }

    /** AUTHORIZE or ONE_SHOT: the operation that made it (a txId is scoped to it). */
    CommandType origin()
    {
        return originCommand.type();
    }

    PurchaseRequest request()
    {
        return originCommand instanceof Commands.Authorize a ? a.request() : ((Commands.OneShot)originCommand).request();
    }

    String storeId()
    {
        return store.storeId();
    }

    String partnerId()
    {
        return store.partnerId();
    }

    Channel channel()
    {
        return store.channel();
    }

    /** What capture earns: the priced points, or 0 for an anonymous sale. */
    long pointsToEarn()
    {
        return member == null ? 0 : priced.pointsToEarn();
    }

    /** What it earned: {@link #pointsToEarn()} once captured, else 0. */
    long pointsEarned()
    {
        return booked ? pointsToEarn() : 0;
    }

    long[] refundedAmountPerLine()
    {
        return refunds == null ? noneRefunded(priced.lineCount()) : refunds.amountPerLine;
    }

    long[] refundedQtyPerLine()
    {
        return refunds == null ? noneRefunded(priced.lineCount()) : refunds.qtyPerLine;
    }

    long refundedAmount()
    {
        return refunds == null ? 0 : refunds.amount;
    }

    long refundedMoney()
    {
        return refunds == null ? 0 : refunds.money;
    }

    long cumulativeReversed()
    {
        return refunds == null ? 0 : refunds.reversed;
    }

    long cumulativeReturned()
    {
        return refunds == null ? 0 : refunds.returned;
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
        final boolean oneShot = originCommand.type() == CommandType.ONE_SHOT;
        PurchaseReply.write(w, txId, oneShot ? "CAPTURED" : "AUTHORIZED", member == null ? null : member.memberId,
            store.storeId(), priced, pointsToEarn(), coupons, member != null, answerAvailable, answerPending,
            answerHeld, oneShot ? PurchaseReply.ABSENT : holdExpiresAt, oneShot ? pointsEarned() : PurchaseReply.ABSENT,
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
