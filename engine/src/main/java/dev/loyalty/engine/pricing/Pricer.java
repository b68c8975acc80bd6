package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.reply.ErrorCode;

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
 * <p>
 * The core, {@link #price(List, ProgramSettings, long, long, boolean, boolean, SelectedPromotions, PricingResult)},
 * allocates nothing: it reads the selected promotions from a reusable {@link SelectedPromotions} and writes
 * into a reusable {@link PricingResult}, with scratch arrays owned by this instance (so one instance serves one
 * thread). {@link #price(List, ProgramSettings, long, long, boolean, List)} wraps it for callers that want an
 * immutable {@link PricedCheque}.
 */
public final class Pricer
{
    /** The largest total a purchase may have: 10^13 minor units. */
    public static final long MAX_TOTAL = 10_000_000_000_000L;

    /** The most lines a purchase may have; results and scratch arrays are preallocated for this many. */
    public static final int MAX_LINES = 200;

    private static final long BP_DENOMINATOR = 10_000L;
    private static final long PERCENT_DENOMINATOR = 100L;

    private long[] left = new long[MAX_LINES];
    private long[] shares = new long[MAX_LINES];
    private long[] basis = new long[MAX_LINES];
    private long[] remainders = new long[MAX_LINES];
    private long[] sorted = new long[MAX_LINES];

    /**
     * Prices a cheque into an immutable result (allocates; see the class comment for the zero-allocation core).
     *
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
        final SelectedPromotions selected = new SelectedPromotions(lines.size(), promotions.size());
        selected.clear(lines.size());
        for (final PromotionEffect promotion : promotions)
        {
            final int p = selected.add(
                promotion.promotionId(), promotion.discountBp(), promotion.discountMinor(), promotion.earnBp(),
                promotion.earnPoints(), promotion.multiplierPct(), promotion.maxPointsPerTx(),
                promotion.budgetPointsLeft());
            final boolean[] scope = promotion.scope();
            for (int i = 0; i < scope.length; i++)
            {
                if (scope[i])
                {
                    selected.includeLine(p, i);
                }
            }
        }
        final PricingResult result = new PricingResult();
        price(lines, program, availablePoints, redeemPoints, redeemMax, true, selected, result);
        return result.toCheque();
    }

    /**
     * The zero-allocation core: prices a cheque into {@code out}, which is reset first. A rejection (overflow,
     * INSUFFICIENT_POINTS, REDEEM_LIMIT_EXCEEDED) is a result in {@code out}, not an exception; only the
     * message of a rejection allocates.
     *
     * @param lines            the cheque's lines (validated: qty 1..100000, unitPrice 0..10^11).
     * @param program          the program settings in force.
     * @param availablePoints  the member's available points before this purchase (may be negative: redeems nothing);
     *                         0 for an anonymous sale.
     * @param redeemPoints     points asked for (ignored when {@code redeemMax}).
     * @param redeemMax        take {@code maxRedeemable}.
     * @param earns            false for a sale that earns nothing (anonymous): base and promotion points are 0.
     * @param promotions       selected promotions in application order, for a cheque of {@code lines.size()} lines.
     * @param out              receives the result.
     * @return {@code out.ok()}.
     */
    public boolean price(
        final List<Line> lines,
        final ProgramSettings program,
        final long availablePoints,
        final long redeemPoints,
        final boolean redeemMax,
        final boolean earns,
        final SelectedPromotions promotions,
        final PricingResult out)
    {
        checkArguments(lines, program, promotions);
        final int lineCount = lines.size();
        final int promotionCount = promotions.count();
        ensureScratch(lineCount);
        out.reset(lines, promotionCount);

        if (lineCount == 0)
        {
            out.reject(ErrorCode.INVALID_REQUEST, "lines must not be empty", 0, 0, 0);
            return false;
        }
        final long pointValue = program.pointValueMinor();
        if (pointValue <= 0)
        {
            out.reject(ErrorCode.INVALID_REQUEST, "pointValueMinor must be positive", 0, 0, 0);
            return false;
        }
        if (program.baseEarnBp() < 0 || program.maxRedeemShareBp() < 0)
        {
            out.reject(ErrorCode.INVALID_REQUEST, "baseEarnBp and maxRedeemShareBp must not be negative", 0, 0, 0);
            return false;
        }

        // 1. Amounts and total.
        final long[] amounts = out.lineAmount;
        long total = 0;
        for (int i = 0; i < lineCount; i++)
        {
            final Line line = lines.get(i);
            if (line.qty() <= 0)
            {
                out.reject(ErrorCode.INVALID_REQUEST, "lines[" + i + "].qty must be positive", 0, 0, 0);
                return false;
            }
            if (line.unitPrice() < 0)
            {
                out.reject(ErrorCode.INVALID_REQUEST, "lines[" + i + "].unitPrice must not be negative", 0, 0, 0);
                return false;
            }
            final long amount = line.qty() * line.unitPrice();
            if (Math.multiplyHigh(line.qty(), line.unitPrice()) != 0 || amount < 0)
            {
                out.reject(
                    ErrorCode.INVALID_REQUEST,
                    "lines[" + i + "] amount (qty x unitPrice) overflows a 64-bit integer",
                    0, 0, 0);
                return false;
            }
            amounts[i] = amount;
            if (addOverflows(total, amount))
            {
                out.reject(ErrorCode.INVALID_REQUEST, "total overflows a 64-bit integer", 0, 0, 0);
                return false;
            }
            total += amount;
        }
        if (total > MAX_TOTAL)
        {
            out.reject(ErrorCode.INVALID_REQUEST, "total exceeds " + MAX_TOTAL, total, 0, 0);
            return false;
        }

        // 2. Discounts, in the order given, each spread over its scope by what is left of each line.
        final long[] lineDiscounts = out.lineDiscount;
        final long[] left = this.left;
        final long[] shares = this.shares;
        final long[] promotionDiscounts = out.promotionDiscount;
        long discount = 0;
        for (int p = 0; p < promotionCount; p++)
        {
            final boolean[] scope = promotions.scope(p);
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

            final long asked = PricingMath.mulDivOrNegative(scopeAmount, promotions.discountBp(p), BP_DENOMINATOR);
            if (asked < 0 || addOverflows(asked, promotions.discountMinor(p)))
            {
                out.reject(
                    ErrorCode.INVALID_REQUEST,
                    "promotion " + promotions.promotionId(p) + " discount overflows a 64-bit integer",
                    total, discount, 0);
                return false;
            }
            final long promotionDiscount = Math.min(asked + promotions.discountMinor(p), scopeLeft);

            PricingMath.spread(promotionDiscount, left, scope, shares, lineCount, remainders, sorted);
            for (int i = 0; i < lineCount; i++)
            {
                lineDiscounts[i] += shares[i];
            }
            promotionDiscounts[p] = promotionDiscount;
            discount += promotionDiscount;
        }

        // 3. Points payment.
        final long base = total - discount;
        final long shareCap = PricingMath.mulDivOrNegative(base, program.maxRedeemShareBp(), BP_DENOMINATOR);
        if (shareCap < 0)
        {
            out.reject(ErrorCode.INVALID_REQUEST, "maxRedeemable overflows a 64-bit integer", total, discount, 0);
            return false;
        }
        final long maxRedeemable = Math.min(Math.max(availablePoints, 0), Math.min(shareCap, base) / pointValue);

        final long pointsRedeemed;
        if (redeemMax)
        {
            pointsRedeemed = maxRedeemable;
        }
        else if (redeemPoints < 0)
        {
            out.reject(
                ErrorCode.INVALID_REQUEST, "redeemPoints must not be negative", total, discount, maxRedeemable);
            return false;
        }
        else if (redeemPoints > Math.max(availablePoints, 0))
        {
            out.reject(
                ErrorCode.INSUFFICIENT_POINTS,
                "redeemPoints " + redeemPoints + " exceeds available points " + Math.max(availablePoints, 0),
                total, discount, maxRedeemable);
            return false;
        }
        else if (redeemPoints > maxRedeemable)
        {
            out.reject(
                ErrorCode.REDEEM_LIMIT_EXCEEDED,
                "redeemPoints " + redeemPoints + " exceeds maxRedeemable " + maxRedeemable,
                total, discount, maxRedeemable);
            return false;
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
        final long[] linePointsPaid = out.linePointsPaid;
        PricingMath.spread(pointsMoney, left, null, linePointsPaid, lineCount, remainders, sorted);
        final long payable = base - pointsMoney;

        // 4. Earning.
        final boolean earnOnTotal = program.earnOn() == EarnOn.TOTAL;
        final long[] basis = this.basis;
        final long[] linePaid = out.linePaid;
        long basisSum = 0;
        for (int i = 0; i < lineCount; i++)
        {
            final long paid = left[i] - linePointsPaid[i];
            linePaid[i] = paid;
            basis[i] = earnOnTotal ? amounts[i] : paid;
            basisSum += basis[i];
        }

        final long basePoints = earns ? points(basisSum, program.baseEarnBp(), pointValue) : 0;
        if (basePoints < 0)
        {
            out.reject(
                ErrorCode.INVALID_REQUEST, "base points overflow a 64-bit integer", total, discount, maxRedeemable);
            return false;
        }
        long pointsToEarn = basePoints;
        final String[] promotionIds = out.promotionIds;
        final long[] promotionPoints = out.promotionPoints;
        for (int p = 0; p < promotionCount; p++)
        {
            final long earnedByPromotion = earns ?
                promotionPoints(promotions, p, basis, lineCount, program.baseEarnBp(), pointValue) : 0;
            if (earnedByPromotion < 0 || addOverflows(pointsToEarn, earnedByPromotion))
            {
                out.reject(
                    ErrorCode.INVALID_REQUEST,
                    "promotion " + promotions.promotionId(p) + " points overflow a 64-bit integer",
                    total, discount, maxRedeemable);
                return false;
            }
            promotionIds[p] = promotions.promotionId(p);
            promotionPoints[p] = earnedByPromotion;
            pointsToEarn += earnedByPromotion;
        }

        out.total = total;
        out.discount = discount;
        out.pointsRedeemed = pointsRedeemed;
        out.payable = payable;
        out.pointsToEarn = pointsToEarn;
        out.basePoints = basePoints;
        out.maxRedeemable = maxRedeemable;
        out.lineCount = lineCount;
        out.promotionCount = promotionCount;
        return true;
    }

    /** One promotion's points on its scope, after its caps; negative when a figure overflows. */
    private static long promotionPoints(
        final SelectedPromotions promotions,
        final int p,
        final long[] basis,
        final int lineCount,
        final long baseEarnBp,
        final long pointValue)
    {
        final boolean[] scope = promotions.scope(p);
        long scopeBasis = 0;
        for (int i = 0; i < lineCount; i++)
        {
            if (scope[i])
            {
                scopeBasis += basis[i];
            }
        }

        final long scopeBasePoints = points(scopeBasis, baseEarnBp, pointValue);
        final long earned = points(scopeBasis, promotions.earnBp(p), pointValue);
        final long multiplied =
            PricingMath.mulDivOrNegative(scopeBasePoints, promotions.multiplierPct(p), PERCENT_DENOMINATOR);
        if (scopeBasePoints < 0 || earned < 0 || multiplied < 0 || addOverflows(earned, multiplied) ||
            addOverflows(earned + multiplied, promotions.earnPoints(p)))
        {
            return -1;
        }
        long result = earned + multiplied + promotions.earnPoints(p);
        if (promotions.maxPointsPerTx(p) > 0)
        {
            result = Math.min(result, promotions.maxPointsPerTx(p));
        }
        return Math.min(result, Math.max(promotions.budgetPointsLeft(p), 0));
    }

    /**
     * {@code floor(basis * bp / 10000 / pointValue)}; the nested floor divisions of non-negative integers equal
     * one division by {@code 10000 * pointValue}, and need no product of the two denominators. Negative when
     * the quotient overflows.
     */
    private static long points(final long basis, final long bp, final long pointValue)
    {
        final long q = PricingMath.mulDivOrNegative(basis, bp, BP_DENOMINATOR);
        return q < 0 ? q : q / pointValue;
    }

    private static boolean addOverflows(final long a, final long b)
    {
        final long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0;
    }

    private void ensureScratch(final int lineCount)
    {
        if (lineCount > left.length)
        {
            left = new long[lineCount];
            shares = new long[lineCount];
            basis = new long[lineCount];
            remainders = new long[lineCount];
            sorted = new long[lineCount];
        }
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
        }
    }

    private static void checkArguments(
        final List<Line> lines, final ProgramSettings program, final SelectedPromotions promotions)
    {
        if (lines == null || program == null || promotions == null || program.earnOn() == null)
        {
            throw new IllegalArgumentException("lines, program (with earnOn) and promotions are required");
        }
        if (promotions.lineCount() != lines.size())
        {
            throw new IllegalArgumentException(
                "promotions were selected for " + promotions.lineCount() + " lines, the cheque has " + lines.size());
        }
        for (int p = 0, n = promotions.count(); p < n; p++)
        {
            if (promotions.discountBp(p) < 0 || promotions.discountMinor(p) < 0 || promotions.earnBp(p) < 0 ||
                promotions.earnPoints(p) < 0 || promotions.multiplierPct(p) < 0 || promotions.maxPointsPerTx(p) < 0)
            {
                throw new IllegalArgumentException("promotion " + promotions.promotionId(p) + " has a negative figure");
            }
        }
    }
}
