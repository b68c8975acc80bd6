package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.reply.ErrorCode;

import java.util.ArrayList;
import java.util.List;

/**
 * Prices a cheque exactly as API.md's "How a purchase is priced" says: discounts of the given promotions in
 * the order given, the points payment capped by balance and {@code maxRedeemShareBp}, base and promotion
 * earning, and largest-remainder spreading everywhere. Pure arithmetic on longs: no state, no clock, no
 * floating point; overflow of a signed 64-bit value is a result ({@code INVALID_REQUEST}), not an exception.
 * <p>
 * The steps, in order:
 * <ol>
 *     <li>{@code amount = qty * unitPrice} per line, {@code total = sum(amount)}; a total above 10^13 is
 *     rejected.</li>
 *     <li>Each promotion's discount {@code floor(scopeAmount * discountBp / 10000) + discountMinor} on the
 *     scope's original amounts, capped at what is left undiscounted of its scope and spread over the scope in
 *     proportion to each line's amount left.</li>
 *     <li>{@code maxRedeemable = min(max(available, 0), floor(min(base * maxRedeemShareBp / 10000, base) /
 *     pointValueMinor))} with {@code base = total - discount}; the share is never more than the whole base,
 *     so {@code payable} never goes negative. Over the balance is {@code INSUFFICIENT_POINTS} (checked first),
 *     over the cap {@code REDEEM_LIMIT_EXCEEDED}. The money points pay is spread over all lines in proportion
 *     to their amount after discounts.</li>
 *     <li>Base points on the earning basis ({@code paid}, or {@code amount} when earning on TOTAL), then each
 *     promotion's points: its {@code earnBp} and {@code multiplierPct} of its scope's base points and
 *     {@code earnPoints}, capped by {@code maxPointsPerTx} (0: no cap) and the budget left.</li>
 * </ol>
 * Arguments that only a caller's bug can produce (nulls, scopes of the wrong length, negative promotion
 * figures) are {@link IllegalArgumentException}s.
 */
public final class Pricer
{
    /** The largest total a purchase may have: 10^13 minor units. */
    public static final long MAX_TOTAL = 10_000_000_000_000L;

    private static final long BP_DENOMINATOR = 10_000L;
    private static final long PERCENT_DENOMINATOR = 100L;

    /**
     * @param lines            the cheque's lines (validated: qty 1..100000, unitPrice 0..10^11).
     * @param program          the program settings in force.
     * @param availablePoints  the member's available points before this purchase (may be negative: redeems nothing);
     *                         0 for an anonymous sale.
     * @param redeemPoints     points asked for (ignored when {@code redeemMax}).
     * @param redeemMax        take {@code maxRedeemable}.
     * @param promotions       selected promotions in application order; empty when none.
     */
    public PricedCheque price(
        final List<Line> lines,
        final ProgramSettings program,
        final long availablePoints,
        final long redeemPoints,
        final boolean redeemMax,
        final List<PromotionEffect> promotions)
    {
        checkArguments(lines, program, promotions);
        final int lineCount = lines.size();
        final int promotionCount = promotions.size();

        if (lineCount == 0)
        {
            return rejected(ErrorCode.INVALID_REQUEST, "lines must not be empty", 0, 0, 0);
        }
        final long pointValue = program.pointValueMinor();
        if (pointValue <= 0)
        {
            return rejected(ErrorCode.INVALID_REQUEST, "pointValueMinor must be positive", 0, 0, 0);
        }
        if (program.baseEarnBp() < 0 || program.maxRedeemShareBp() < 0)
        {
            return rejected(
                ErrorCode.INVALID_REQUEST, "baseEarnBp and maxRedeemShareBp must not be negative", 0, 0, 0);
        }

        // 1. Amounts and total.
        final long[] amounts = new long[lineCount];
        long total = 0;
        for (int i = 0; i < lineCount; i++)
        {
            final Line line = lines.get(i);
            if (line.qty() <= 0)
            {
                return rejected(ErrorCode.INVALID_REQUEST, "lines[" + i + "].qty must be positive", 0, 0, 0);
            }
            if (line.unitPrice() < 0)
            {
                return rejected(
                    ErrorCode.INVALID_REQUEST, "lines[" + i + "].unitPrice must not be negative", 0, 0, 0);
            }
            try
            {
                amounts[i] = Math.multiplyExact(line.qty(), line.unitPrice());
            }
            catch (final ArithmeticException ex)
            {
                return rejected(
                    ErrorCode.INVALID_REQUEST,
                    "lines[" + i + "] amount (qty x unitPrice) overflows a 64-bit integer",
                    0, 0, 0);
            }
            try
            {
                total = Math.addExact(total, amounts[i]);
            }
            catch (final ArithmeticException ex)
            {
                return rejected(ErrorCode.INVALID_REQUEST, "total overflows a 64-bit integer", 0, 0, 0);
            }
        }
        if (total > MAX_TOTAL)
        {
            return rejected(ErrorCode.INVALID_REQUEST, "total exceeds " + MAX_TOTAL, total, 0, 0);
        }

        // 2. Discounts, in the order given, each spread over its scope by what is left of each line.
        final long[] lineDiscounts = new long[lineCount];
        final long[] left = new long[lineCount];
        final long[] shares = new long[lineCount];
        final long[] promotionDiscounts = new long[promotionCount];
        long discount = 0;
        for (int p = 0; p < promotionCount; p++)
        {
            final PromotionEffect promotion = promotions.get(p);
            final boolean[] scope = promotion.scope();
            long scopeAmount = 0;
            long scopeLeft = 0;
            for (int i = 0; i < lineCount; i++)
            {
                left[i] = amounts[i] - lineDiscounts[i];
                if (scope[i])
                {
                    scopeAmount += amounts[i];
                    scopeLeft += left[i];
                }
            }

            final long promotionDiscount;
            try
            {
                final long asked = Math.addExact(
                    PricingMath.mulDiv(scopeAmount, promotion.discountBp(), BP_DENOMINATOR),
                    promotion.discountMinor());
                promotionDiscount = Math.min(asked, scopeLeft);
            }
            catch (final ArithmeticException ex)
            {
                return rejected(
                    ErrorCode.INVALID_REQUEST,
                    "promotion " + promotion.promotionId() + " discount overflows a 64-bit integer",
                    total, discount, 0);
            }

            PricingMath.spread(promotionDiscount, left, scope, shares);
            for (int i = 0; i < lineCount; i++)
            {
                lineDiscounts[i] += shares[i];
            }
            promotionDiscounts[p] = promotionDiscount;
            discount += promotionDiscount;
        }

        // 3. Points payment.
        final long base = total - discount;
        final long maxRedeemable;
        try
        {
            final long shareCap = Math.min(
                PricingMath.mulDiv(base, program.maxRedeemShareBp(), BP_DENOMINATOR), base);
            maxRedeemable = Math.min(Math.max(availablePoints, 0), shareCap / pointValue);
        }
        catch (final ArithmeticException ex)
        {
            return rejected(
                ErrorCode.INVALID_REQUEST, "maxRedeemable overflows a 64-bit integer", total, discount, 0);
        }

        final long pointsRedeemed;
        if (redeemMax)
        {
            pointsRedeemed = maxRedeemable;
        }
        else if (redeemPoints < 0)
        {
            return rejected(
                ErrorCode.INVALID_REQUEST, "redeemPoints must not be negative", total, discount, maxRedeemable);
        }
        else if (redeemPoints > Math.max(availablePoints, 0))
        {
            return rejected(
                ErrorCode.INSUFFICIENT_POINTS,
                "redeemPoints " + redeemPoints + " exceeds available points " + Math.max(availablePoints, 0),
                total, discount, maxRedeemable);
        }
        else if (redeemPoints > maxRedeemable)
        {
            return rejected(
                ErrorCode.REDEEM_LIMIT_EXCEEDED,
                "redeemPoints " + redeemPoints + " exceeds maxRedeemable " + maxRedeemable,
                total, discount, maxRedeemable);
        }
        else
        {
            pointsRedeemed = redeemPoints;
        }

        // pointsRedeemed * pointValue <= shareCap <= base, so neither this product nor payable can overflow.
        final long pointsMoney = pointsRedeemed * pointValue;
        for (int i = 0; i < lineCount; i++)
        {
            left[i] = amounts[i] - lineDiscounts[i];
        }
        final long[] linePointsPaid = new long[lineCount];
        PricingMath.spread(pointsMoney, left, null, linePointsPaid);
        final long payable = base - pointsMoney;

        // 4. Earning.
        final boolean earnOnTotal = program.earnOn() == EarnOn.TOTAL;
        final long[] basis = new long[lineCount];
        final List<LinePrice> linePrices = new ArrayList<>(lineCount);
        long basisSum = 0;
        for (int i = 0; i < lineCount; i++)
        {
            final long paid = left[i] - linePointsPaid[i];
            basis[i] = earnOnTotal ? amounts[i] : paid;
            basisSum += basis[i];
            linePrices.add(new LinePrice(lines.get(i).sku(), amounts[i], lineDiscounts[i], linePointsPaid[i], paid));
        }

        final List<AppliedPromotion> applied = new ArrayList<>(promotionCount);
        final long basePoints;
        long pointsToEarn;
        int promotionIndex = -1;
        try
        {
            basePoints = points(basisSum, program.baseEarnBp(), pointValue);
            pointsToEarn = basePoints;
            for (int p = 0; p < promotionCount; p++)
            {
                promotionIndex = p;
                final PromotionEffect promotion = promotions.get(p);
                final long promotionPoints = promotionPoints(promotion, basis, program.baseEarnBp(), pointValue);
                applied.add(new AppliedPromotion(promotion.promotionId(), promotionPoints, promotionDiscounts[p]));
                pointsToEarn = Math.addExact(pointsToEarn, promotionPoints);
            }
        }
        catch (final ArithmeticException ex)
        {
            final String what = promotionIndex < 0 ?
                "base points" : "promotion " + promotions.get(promotionIndex).promotionId() + " points";
            return rejected(
                ErrorCode.INVALID_REQUEST, what + " overflow a 64-bit integer", total, discount, maxRedeemable);
        }

        return new PricedCheque(
            total,
            discount,
            pointsRedeemed,
            payable,
            pointsToEarn,
            basePoints,
            maxRedeemable,
            List.copyOf(linePrices),
            List.copyOf(applied),
            null,
            null);
    }

    private static long promotionPoints(
        final PromotionEffect promotion, final long[] basis, final long baseEarnBp, final long pointValue)
    {
        final boolean[] scope = promotion.scope();
        long scopeBasis = 0;
        for (int i = 0; i < basis.length; i++)
        {
            if (scope[i])
            {
                scopeBasis += basis[i];
            }
        }

        final long scopeBasePoints = points(scopeBasis, baseEarnBp, pointValue);
        long result = points(scopeBasis, promotion.earnBp(), pointValue);
        result = Math.addExact(
            result, PricingMath.mulDiv(scopeBasePoints, promotion.multiplierPct(), PERCENT_DENOMINATOR));
        result = Math.addExact(result, promotion.earnPoints());
        if (promotion.maxPointsPerTx() > 0)
        {
            result = Math.min(result, promotion.maxPointsPerTx());
        }
        return Math.min(result, Math.max(promotion.budgetPointsLeft(), 0));
    }

    /**
     * {@code floor(basis * bp / 10000 / pointValue)}; the nested floor divisions of non-negative integers equal
     * one division by {@code 10000 * pointValue}, and need no product of the two denominators.
     */
    private static long points(final long basis, final long bp, final long pointValue)
    {
        return PricingMath.mulDiv(basis, bp, BP_DENOMINATOR) / pointValue;
    }

    private static PricedCheque rejected(
        final ErrorCode error,
        final String message,
        final long total,
        final long discount,
        final long maxRedeemable)
    {
        return new PricedCheque(total, discount, 0, 0, 0, 0, maxRedeemable, List.of(), List.of(), error, message);
    }

    private static void checkArguments(
        final List<Line> lines, final ProgramSettings program, final List<PromotionEffect> promotions)
    {
        if (lines == null || program == null || promotions == null || program.earnOn() == null)
        {
            throw new IllegalArgumentException("lines, program (with earnOn) and promotions are required");
        }
        for (final PromotionEffect promotion : promotions)
        {
            if (promotion.scope() == null || promotion.scope().length != lines.size())
            {
                throw new IllegalArgumentException(
                    "promotion " + promotion.promotionId() + " scope does not have one flag per line");
            }
            if (promotion.discountBp() < 0 || promotion.discountMinor() < 0 || promotion.earnBp() < 0 ||
                promotion.earnPoints() < 0 || promotion.multiplierPct() < 0 || promotion.maxPointsPerTx() < 0)
            {
                throw new IllegalArgumentException("promotion " + promotion.promotionId() + " has a negative figure");
            }
        }
    }
}
