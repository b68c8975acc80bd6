package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.reply.ErrorCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The result of pricing one cheque per API.md's "How a purchase is priced". When {@link #error()} is not null
 * the cheque was rejected (INVALID_REQUEST for arithmetic overflow, INSUFFICIENT_POINTS, REDEEM_LIMIT_EXCEEDED)
 * and only {@code error}, {@code errorMessage} and whatever was computed before the failure are meaningful.
 * Immutable, with a record's equality: two cheques are equal when every figure, line and promotion is.
 * <p>
 * A purchase keeps its priced cheque for as long as the purchase is kept, so a cheque the pricer made
 * ({@link PricingResult#toCheque()}) keeps its lines compactly: the cheque's own {@link Line}s (sku and amount
 * {@code qty * unitPrice}, as the pricer computed it) and two figures a line, discount and points paid
 * ({@code paid} is {@code amount - discount - pointsPaid}). Read a line with {@link #lineCount()} and
 * {@link #lineSku(int)}, {@link #lineAmount(int)}...; {@link #lines()} makes the {@link LinePrice} list (allocates).
 */
public final class PricedCheque
{
    private final long total;
    private final long discount;
    private final long pointsRedeemed;
    private final long payable;
    private final long pointsToEarn;
    private final long basePoints;
    private final long maxRedeemable;
    /** The lines as given, or null when the cheque keeps its lines compactly in {@link #chequeLines}. */
    private final List<LinePrice> linePrices;
    /** The cheque's lines when {@link #linePrices} is null. */
    private final List<Line> chequeLines;
    /** Discount and points paid of each line, when {@link #linePrices} is null. */
    private final long[] lineFigures;
    private final List<AppliedPromotion> promotions;
    private final ErrorCode error;
    private final String errorMessage;

    /**
     * @param total           sum of line amounts.
     * @param discount        sum of line discounts.
     * @param pointsRedeemed  points paying for the cheque.
     * @param payable         {@code total - discount - pointsRedeemed * pointValueMinor}.
     * @param pointsToEarn    base points plus every applied promotion's points (after caps).
     * @param basePoints      the base part of {@code pointsToEarn}.
     * @param maxRedeemable   the most points this cheque could take.
     * @param lines           per-line figures, in cheque order.
     * @param promotions      per-promotion figures, in application order.
     * @param error           the rejection, or null.
     * @param errorMessage    the rejection's message, or null.
     */
    public PricedCheque(
        final long total,
        final long discount,
        final long pointsRedeemed,
        final long payable,
        final long pointsToEarn,
        final long basePoints,
        final long maxRedeemable,
        final List<LinePrice> lines,
        final List<AppliedPromotion> promotions,
        final ErrorCode error,
        final String errorMessage)
    {
        this(total, discount, pointsRedeemed, payable, pointsToEarn, basePoints, maxRedeemable, lines, null, null,
            promotions, error, errorMessage);
    }

    private PricedCheque(
        final long total,
        final long discount,
        final long pointsRedeemed,
        final long payable,
        final long pointsToEarn,
        final long basePoints,
        final long maxRedeemable,
        final List<LinePrice> linePrices,
        final List<Line> chequeLines,
        final long[] lineFigures,
        final List<AppliedPromotion> promotions,
        final ErrorCode error,
        final String errorMessage)
    {
        this.total = total;
        this.discount = discount;
        this.pointsRedeemed = pointsRedeemed;
        this.payable = payable;
        this.pointsToEarn = pointsToEarn;
        this.basePoints = basePoints;
        this.maxRedeemable = maxRedeemable;
        this.linePrices = linePrices;
        this.chequeLines = chequeLines;
        this.lineFigures = lineFigures;
        this.promotions = promotions;
        this.error = error;
        this.errorMessage = errorMessage;
    }

    /**
     * A cheque the pricer made, keeping its lines compactly: {@code lines} are the cheque's own (their sku and
     * {@code qty * unitPrice} are the lines' sku and amount), {@code figures} holds {@code lineCount} pairs of
     * discount and points paid and becomes the cheque's.
     */
    static PricedCheque priced(
        final long total,
        final long discount,
        final long pointsRedeemed,
        final long payable,
        final long pointsToEarn,
        final long basePoints,
        final long maxRedeemable,
        final List<Line> lines,
        final long[] figures,
        final List<AppliedPromotion> promotions)
    {
        return new PricedCheque(total, discount, pointsRedeemed, payable, pointsToEarn, basePoints, maxRedeemable,
            null, lines, figures, promotions, null, null);
    }

    /**
     * This cheque with its lines given as {@code lines}, lines equal to the cheque's own (the same skus,
     * categories, quantities and prices, as a purchase keeps them shared with other purchases): the same figures,
     * the same rendering, the same equality. A cheque that keeps {@link LinePrice}s, or whose lines are these
     * already, is returned as it is.
     */
    public PricedCheque withLines(final List<Line> lines)
    {
        if (chequeLines == null || chequeLines == lines)
        {
            return this;
        }
        if (!chequeLines.equals(lines))
        {
            throw new IllegalArgumentException("lines " + lines + " are not the cheque's " + chequeLines);
        }
        return new PricedCheque(total, discount, pointsRedeemed, payable, pointsToEarn, basePoints, maxRedeemable,
            null, lines, lineFigures, promotions, error, errorMessage);
    }

    /**
     * This cheque keeping its lines compactly as {@code lines} when they are its lines (same skus, amounts
     * {@code qty * unitPrice}, in order): what a restored purchase keeps instead of the {@link LinePrice}s a
     * snapshot gives back. Otherwise (or when compact already with these lines) this cheque as it is.
     */
    public PricedCheque compactWith(final List<Line> lines)
    {
        if (linePrices == null)
        {
            return chequeLines.equals(lines) ? withLines(lines) : this;
        }
        final int n = linePrices.size();
        if (lines.size() != n)
        {
            return this;
        }
        final long[] figures = new long[n << 1];
        for (int i = 0; i < n; i++)
        {
            final LinePrice price = linePrices.get(i);
            final Line line = lines.get(i);
            if (!price.sku().equals(line.sku()) || price.amount() != line.qty() * line.unitPrice() ||
                price.paid() != price.amount() - price.discount() - price.pointsPaid())
            {
                return this;
            }
            figures[i << 1] = price.discount();
            figures[(i << 1) + 1] = price.pointsPaid();
        }
        return new PricedCheque(total, discount, pointsRedeemed, payable, pointsToEarn, basePoints, maxRedeemable,
            null, lines, figures, promotions, error, errorMessage);
    }

    public long total()
    {
        return total;
    }

    public long discount()
    {
        return discount;
    }

    public long pointsRedeemed()
    {
        return pointsRedeemed;
    }

    public long payable()
    {
        return payable;
    }

    public long pointsToEarn()
    {
        return pointsToEarn;
    }

    public long basePoints()
    {
        return basePoints;
    }

    public long maxRedeemable()
    {
        return maxRedeemable;
    }

    /** Per-promotion figures, in application order. */
    public List<AppliedPromotion> promotions()
    {
        return promotions;
    }

    public ErrorCode error()
    {
        return error;
    }

    public String errorMessage()
    {
        return errorMessage;
    }

    public boolean ok()
    {
        return error == null;
    }

    /** How many lines were priced (0 for a rejection). */
    public int lineCount()
    {
        return linePrices != null ? linePrices.size() : lineFigures.length >> 1;
    }

    public String lineSku(final int line)
    {
        return linePrices != null ? linePrices.get(line).sku() : chequeLines.get(line).sku();
    }

    public long lineAmount(final int line)
    {
        if (linePrices != null)
        {
            return linePrices.get(line).amount();
        }
        final Line l = chequeLines.get(line);
        return l.qty() * l.unitPrice();
    }

    public long lineDiscount(final int line)
    {
        return linePrices != null ? linePrices.get(line).discount() : lineFigures[line << 1];
    }

    public long linePointsPaid(final int line)
    {
        return linePrices != null ? linePrices.get(line).pointsPaid() : lineFigures[(line << 1) + 1];
    }

    public long linePaid(final int line)
    {
        if (linePrices != null)
        {
            return linePrices.get(line).paid();
        }
        return lineAmount(line) - lineFigures[line << 1] - lineFigures[(line << 1) + 1];
    }

    /** Per-line figures, in cheque order (a new list of the cheque's lines when it keeps them compactly). */
    public List<LinePrice> lines()
    {
        if (linePrices != null)
        {
            return linePrices;
        }
        final int n = lineCount();
        final ArrayList<LinePrice> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            lines.add(new LinePrice(lineSku(i), lineAmount(i), lineDiscount(i), linePointsPaid(i), linePaid(i)));
        }
        return Collections.unmodifiableList(lines);
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof PricedCheque c))
        {
            return false;
        }
        return total == c.total && discount == c.discount && pointsRedeemed == c.pointsRedeemed &&
            payable == c.payable && pointsToEarn == c.pointsToEarn && basePoints == c.basePoints &&
            maxRedeemable == c.maxRedeemable && lines().equals(c.lines()) && promotions.equals(c.promotions) &&
            error == c.error && Objects.equals(errorMessage, c.errorMessage);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(total, discount, pointsRedeemed, payable, pointsToEarn, basePoints, maxRedeemable,
            lines(), promotions, error, errorMessage);
    }

    @Override
    public String toString()
    {
        return "PricedCheque[total=" + total + ", discount=" + discount + ", pointsRedeemed=" + pointsRedeemed +
            ", payable=" + payable + ", pointsToEarn=" + pointsToEarn + ", basePoints=" + basePoints +
            ", maxRedeemable=" + maxRedeemable + ", lines=" + lines() + ", promotions=" + promotions +
            ", error=" + error + ", errorMessage=" + errorMessage + "]";
    }
}
