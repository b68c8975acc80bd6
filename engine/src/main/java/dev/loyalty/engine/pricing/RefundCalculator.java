package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.reply.ErrorCode;

import java.util.List;

/**
 * Computes a refund by lines (matched by sku in cheque order) or by amount (spread over the lines' amounts not
 * yet refunded, by largest remainder, like a discount). Earned points come back in proportion to the refunded
 * share of {@code paid}, redeemed points in proportion to the refunded share of {@code pointsPaid}, both
 * rounded down on the running total. Errors: {@code REFUND_EXCEEDS_PURCHASE} (more than is left),
 * {@code INVALID_REQUEST} (an sku not on the cheque).
 * <p>
 * The running figures, from each line's cumulative refunded amount {@code r} (a part of its {@code amount}):
 * <ul>
 *     <li>{@code refundedPaid = floor(paid * r / amount)} and {@code refundedPointsPaid = floor(pointsPaid * r /
 *     amount)}; a line of amount 0 counts its {@code paid} only once all its quantity is refunded;</li>
 *     <li>{@code cumulativeReversed = floor(pointsEarned * sum(refundedPaid) / sum(paid))} and
 *     {@code cumulativeReturned = floor(pointsRedeemed * sum(refundedPointsPaid) / sum(pointsPaid))}; a sum
 *     of 0 gives all or nothing on a full refund;</li>
 *     <li>a refund's points are the change of these figures, its money the change of {@code sum(refundedPaid)}.
 *     </li>
 * </ul>
 * A purchase is fully refunded when its whole total is refunded (a purchase of total 0: when every quantity
 * is); then the figures are exactly {@code pointsEarned}, {@code pointsRedeemed} and {@code payable}.
 * Quantities of lines priced 0 cannot be read from amounts: pass them with
 * {@link #refund(List, PricedCheque, long, long[], long[], long, long, List, long)}.
 */
public final class RefundCalculator
{
    /**
     * Refunds without quantities for zero-price lines: such lines count as not refunded before. Use the
     * overload with {@code refundedQtyPerLine} when a purchase has lines priced 0.
     *
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
        return refund(
            lines,
            priced,
            pointsEarned,
            refundedAmountPerLine,
            null,
            cumulativeReversed,
            cumulativeReturned,
            refundLines,
            amount);
    }

    /**
     * @param lines                  the purchase's lines as bought.
     * @param priced                 the purchase as priced at authorize.
     * @param pointsEarned           points the purchase earned at capture.
     * @param refundedAmountPerLine  cumulative refunded amount per line before this refund (not modified).
     * @param refundedQtyPerLine     cumulative refunded quantity per line before this refund, as the previous
     *                               {@link RefundOutcome#refundedQtyPerLine()} gave it (not modified); null
     *                               before the first refund. Only zero-price lines read it.
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
        final long[] refundedQtyPerLine,
        final long cumulativeReversed,
        final long cumulativeReturned,
        final List<RefundLine> refundLines,
        final long amount)
    {
        checkArguments(lines, priced, pointsEarned, refundedAmountPerLine, refundedQtyPerLine);
        final int lineCount = lines.size();
        final List<LinePrice> prices = priced.lines();
        final boolean byLines = refundLines != null && !refundLines.isEmpty();
        final boolean byAmount = amount >= 0;
        if (byLines && byAmount)
        {
            return rejected(ErrorCode.INVALID_REQUEST, "give either lines or amount, not both");
        }
        if (!byLines && !byAmount)
        {
            return rejected(ErrorCode.INVALID_REQUEST, "lines or amount is required");
        }
        if (byAmount && amount == 0)
        {
            return rejected(ErrorCode.INVALID_REQUEST, "amount must be positive");
        }

        final long[] previousQty = new long[lineCount];
        for (int i = 0; i < lineCount; i++)
        {
            previousQty[i] = refundedQty(
                lines.get(i), prices.get(i).amount(), refundedAmountPerLine[i],
                refundedQtyPerLine == null ? 0 : refundedQtyPerLine[i]);
        }
        final long[] refunded = refundedAmountPerLine.clone();
        final long[] refundedQty = previousQty.clone();

        if (byLines)
        {
            final RefundOutcome rejection = applyLines(lines, refundLines, refunded, refundedQty);
            if (rejection != null)
            {
                return rejection;
            }
        }
        else
        {
            final RefundOutcome rejection = applyAmount(lines, prices, amount, refunded, refundedQty);
            if (rejection != null)
            {
                return rejection;
            }
        }

        final long previousAmount = sum(refundedAmountPerLine);
        final long cumulativeAmount = sum(refunded);
        final boolean fullyRefunded = priced.total() > 0 ?
            cumulativeAmount == priced.total() : allQuantityRefunded(lines, refundedQty);

        long paidSum = 0;
        long pointsPaidSum = 0;
        long previousRefundedPaid = 0;
        long refundedPaid = 0;
        long refundedPointsPaid = 0;
        for (int i = 0; i < lineCount; i++)
        {
            final LinePrice price = prices.get(i);
            final long qty = lines.get(i).qty();
            paidSum += price.paid();
            pointsPaidSum += price.pointsPaid();
            previousRefundedPaid += lineShare(price.paid(), price.amount(), refundedAmountPerLine[i],
                previousQty[i] == qty);
            refundedPaid += lineShare(price.paid(), price.amount(), refunded[i], refundedQty[i] == qty);
            refundedPointsPaid += lineShare(price.pointsPaid(), price.amount(), refunded[i], refundedQty[i] == qty);
        }

        final long newReversed = runningShare(pointsEarned, refundedPaid, paidSum, fullyRefunded);
        final long newReturned = runningShare(
            priced.pointsRedeemed(), refundedPointsPaid, pointsPaidSum, fullyRefunded);

        return new RefundOutcome(
            refunded,
            refundedQty,
            cumulativeAmount - previousAmount,
            refundedPaid - previousRefundedPaid,
            newReversed - cumulativeReversed,
            newReturned - cumulativeReturned,
            cumulativeAmount,
            newReversed,
            newReturned,
            fullyRefunded,
            null,
            null);
    }

    private static RefundOutcome applyLines(
        final List<Line> lines, final List<RefundLine> refundLines, final long[] refunded, final long[] refundedQty)
    {
        for (int k = 0; k < refundLines.size(); k++)
        {
            final RefundLine refundLine = refundLines.get(k);
            if (refundLine == null || refundLine.sku() == null)
            {
                return rejected(ErrorCode.INVALID_REQUEST, "lines[" + k + "].sku is required");
            }
            if (refundLine.qty() <= 0)
            {
                return rejected(ErrorCode.INVALID_REQUEST, "lines[" + k + "].qty must be positive");
            }

            long wanted = refundLine.qty();
            boolean found = false;
            for (int i = 0; i < lines.size() && wanted > 0; i++)
            {
                final Line line = lines.get(i);
                if (refundLine.sku().equals(line.sku()))
                {
                    found = true;
                    final long take = Math.min(wanted, line.qty() - refundedQty[i]);
                    refundedQty[i] += take;
                    refunded[i] += take * line.unitPrice();
                    wanted -= take;
                }
            }
            if (!found)
            {
                return rejected(ErrorCode.INVALID_REQUEST, "sku " + refundLine.sku() + " is not on purchase");
            }
            if (wanted > 0)
            {
                return rejected(
                    ErrorCode.REFUND_EXCEEDS_PURCHASE,
                    "refund of " + refundLine.qty() + " x sku " + refundLine.sku() + " exceeds the quantity left (" +
                    (refundLine.qty() - wanted) + ")");
            }
        }
        return null;
    }

    private static RefundOutcome applyAmount(
        final List<Line> lines,
        final List<LinePrice> prices,
        final long amount,
        final long[] refunded,
        final long[] refundedQty)
    {
        final int lineCount = lines.size();
        final long[] left = new long[lineCount];
        long leftSum = 0;
        for (int i = 0; i < lineCount; i++)
        {
            left[i] = prices.get(i).amount() - refunded[i];
            leftSum += left[i];
        }
        if (amount > leftSum)
        {
            return rejected(
                ErrorCode.REFUND_EXCEEDS_PURCHASE,
                "amount " + amount + " exceeds what is left to refund (" + leftSum + ")");
        }

        final long[] shares = new long[lineCount];
        PricingMath.spread(amount, left, null, shares);
        for (int i = 0; i < lineCount; i++)
        {
            refunded[i] += shares[i];
            refundedQty[i] = refundedQty(lines.get(i), prices.get(i).amount(), refunded[i], refundedQty[i]);
        }
        return null;
    }

    /** Whole units no longer left on a line; for a zero-price line the tracked count. */
    private static long refundedQty(final Line line, final long lineAmount, final long refunded, final long tracked)
    {
        if (line.unitPrice() == 0)
        {
            return tracked;
        }
        return line.qty() - (lineAmount - refunded) / line.unitPrice();
    }

    /** {@code floor(figure * refunded / amount)}; a line of amount 0 counts its figure once fully refunded. */
    private static long lineShare(final long figure, final long amount, final long refunded, final boolean full)
    {
        if (amount == 0)
        {
            return full ? figure : 0;
        }
        return PricingMath.mulDiv(figure, refunded, amount);
    }

    private static long runningShare(final long points, final long part, final long whole, final boolean full)
    {
        if (whole == 0)
        {
            return full ? points : 0;
        }
        return PricingMath.mulDiv(points, part, whole);
    }

    private static boolean allQuantityRefunded(final List<Line> lines, final long[] refundedQty)
    {
        for (int i = 0; i < refundedQty.length; i++)
        {
            if (refundedQty[i] != lines.get(i).qty())
            {
                return false;
            }
        }
        return true;
    }

    private static long sum(final long[] values)
    {
        long sum = 0;
        for (final long value : values)
        {
            sum += value;
        }
        return sum;
    }

    private static RefundOutcome rejected(final ErrorCode error, final String message)
    {
        return new RefundOutcome(null, null, 0, 0, 0, 0, 0, 0, 0, false, error, message);
    }

    private static void checkArguments(
        final List<Line> lines,
        final PricedCheque priced,
        final long pointsEarned,
        final long[] refundedAmountPerLine,
        final long[] refundedQtyPerLine)
    {
        if (lines == null || priced == null || refundedAmountPerLine == null)
        {
            throw new IllegalArgumentException("lines, priced and refundedAmountPerLine are required");
        }
        if (!priced.ok())
        {
            throw new IllegalArgumentException("cannot refund a rejected cheque");
        }
        final int lineCount = lines.size();
        if (priced.lines().size() != lineCount || refundedAmountPerLine.length != lineCount ||
            (refundedQtyPerLine != null && refundedQtyPerLine.length != lineCount))
        {
            throw new IllegalArgumentException("lines, priced lines and refunded figures differ in length");
        }
        if (pointsEarned < 0)
        {
            throw new IllegalArgumentException("pointsEarned must not be negative: " + pointsEarned);
        }
        for (int i = 0; i < lineCount; i++)
        {
            final long lineAmount = priced.lines().get(i).amount();
            if (refundedAmountPerLine[i] < 0 || refundedAmountPerLine[i] > lineAmount)
            {
                throw new IllegalArgumentException("refunded amount of line " + i + " is outside 0.." + lineAmount);
            }
            if (refundedQtyPerLine != null &&
                (refundedQtyPerLine[i] < 0 || refundedQtyPerLine[i] > lines.get(i).qty()))
            {
                throw new IllegalArgumentException(
                    "refunded qty of line " + i + " is outside 0.." + lines.get(i).qty());
            }
        }
    }
}
