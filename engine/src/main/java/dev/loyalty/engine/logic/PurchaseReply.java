package dev.loyalty.engine.logic;

import dev.loyalty.engine.pricing.AppliedPromotion;
import dev.loyalty.engine.pricing.PricedCheque;
import dev.loyalty.engine.promotion.CouponResult;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * The authorize shape, answered by authorize, one-shot, calculate and {@code GET /v1/purchases/{txId}}.
 * {@code balance} is null for an anonymous sale; {@code holdExpiresAt} is {@link #ABSENT} unless the purchase is
 * AUTHORIZED; {@code pointsEarned} is {@link #ABSENT} until captured, and {@code achievements} (what the capture
 * unlocked) null until then; {@code refunded} is null until refunded.
 * Each presented coupon code is answered {@code {"code","status":"APPLIED"}} or
 * {@code {"code","status":"REJECTED","reason"}}, as it was at authorize.
 */
record PurchaseReply(
    String txId,
    PurchaseStatus status,
    String statusName,
    String memberId,
    String storeId,
    PricedCheque priced,
    long pointsToEarn,
    List<CouponResult> coupons,
    BalanceView balance,
    long holdExpiresAt,
    long pointsEarned,
    List<UnlockView> achievements,
    RefundedView refunded) implements Reply
{
    static final long ABSENT = Long.MIN_VALUE;

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        write(w, txId, statusName, memberId, storeId, priced, pointsToEarn, coupons, balance != null,
            balance == null ? 0 : balance.available(), balance == null ? 0 : balance.pending(),
            balance == null ? 0 : balance.held(), holdExpiresAt, pointsEarned, achievements, refunded);
    }

    /** Renders the authorize shape from its parts: what this reply and a purchase's first answer both write. */
    static void write(
        final ReplyWriter w,
        final String txId,
        final String statusName,
        final String memberId,
        final String storeId,
        final PricedCheque priced,
        final long pointsToEarn,
        final List<CouponResult> coupons,
        final boolean withBalance,
        final long available,
        final long pending,
        final long held,
        final long holdExpiresAt,
        final long pointsEarned,
        final List<UnlockView> achievements,
        final RefundedView refunded)
    {
        w.startObject();
        w.field("txId", txId);
        w.field("status", statusName);
        w.field("memberId", memberId);
        w.field("storeId", storeId);
        w.field("total", priced.total());
        w.field("discount", priced.discount());
        w.field("pointsRedeemed", priced.pointsRedeemed());
        w.field("payable", priced.payable());
        w.field("pointsToEarn", pointsToEarn);
        w.field("maxRedeemable", priced.maxRedeemable());
        w.startArray("lines");
        for (int i = 0, size = priced.lineCount(); i < size; i++)
        {
            w.startObject();
            w.field("sku", priced.lineSku(i));
            w.field("amount", priced.lineAmount(i));
            w.field("discount", priced.lineDiscount(i));
            w.field("pointsPaid", priced.linePointsPaid(i));
            w.field("paid", priced.linePaid(i));
            w.endObject();
        }
        w.endArray();
        AppliedPromotion.writeAll(w, priced.promotions());
        w.startArray("coupons");
        for (int i = 0, size = coupons.size(); i < size; i++)
        {
            final CouponResult coupon = coupons.get(i);
            w.startObject();
            w.field("code", coupon.code());
            if (coupon.status().rejected())
            {
                w.field("status", "REJECTED");
                w.field("reason", coupon.status().name());
            }
            else
            {
                w.field("status", "APPLIED");
            }
            w.endObject();
        }
        w.endArray();
        if (withBalance)
        {
            BalanceView.write(w, available, pending, held);
        }
        if (holdExpiresAt != ABSENT)
        {
            w.field("holdExpiresAt", Times.iso(holdExpiresAt));
        }
        if (pointsEarned != ABSENT)
        {
            w.field("pointsEarned", pointsEarned);
        }
        if (achievements != null)
        {
            UnlockView.writeAll(w, achievements);
        }
        if (refunded != null)
        {
            refunded.writeTo(w);
        }
        w.endObject();
    }
}
