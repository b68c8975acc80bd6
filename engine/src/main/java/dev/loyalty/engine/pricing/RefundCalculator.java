package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.RefundLine;

import java.util.List;

/**
 * Computes a refund by lines (matched by sku in cheque order) or by amount (spread over the lines' amounts not
 * yet refunded, by largest remainder, like a discount). Earned points come back in proportion to the refunded
 * share of {@code paid}, redeemed points in proportion to the refunded share of {@code pointsPaid}, both
 * rounded down on the running total. Errors: {@code REFUND_EXCEEDS_PURCHASE} (more than is left),
 * {@code INVALID_REQUEST} (an sku not on the cheque).
 */
public final class RefundCalculator
{
    /**
     * @param lines                  the purchase's lines as bought.
     * @param priced                 the purchase as priced at authorize.
     * @param pointsEarned           points the purchase earned at capture.
     * @param refundedAmountPerLine  cumulative refunded amount per line before this refund (not modified).
     * @param cumulativeReversed     earned points taken back before this refund.
     * @param cumulativeReturned     redeemed points given back before this refund.
     * @param refundLines            lines to refund, or empty when {@code amount} is used.
     * @param amount                 the amount to refund, or -1 when {@code refundLines} is used.
     */
    public RefundOutcome refund(
        final List<Line> lines,
        final PricedCheque priced,
        final long pointsEarned,
        final long[] refundedAmountPerLine,
        final long cumulativeReversed,
        final long cumulativeReturned,
        final List<RefundLine> refundLines,
        final long amount)
    {
        throw new UnsupportedOperationException("refunds: being written");
    }
}
