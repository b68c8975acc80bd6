package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.reply.ErrorCode;

import java.util.Arrays;
import java.util.List;

/**
 * The reusable, preallocated result of pricing one cheque with the pricer's zero-allocation core
 * ({@link Pricer#price(List, ProgramSettings, long, long, boolean, boolean, SelectedPromotions, PricingResult)}).
 * It holds the same figures as {@link PricedCheque}, line by line and promotion by promotion, in arrays sized
 * for {@link Pricer#MAX_LINES} lines; it grows only for a larger cheque or more promotions than seen before.
 * {@link #toCheque()} copies it out into an immutable {@link PricedCheque} for whoever must keep it.
 * <p>
 * When {@link #ok()} is false the cheque was rejected and, as with {@link PricedCheque}, only the error and
 * the figures computed before the failure (total, discount, maxRedeemable) are meaningful; the line and
 * promotion counts are 0. One instance serves one thread.
 */
public final class PricingResult
{
    List<Line> lines = List.of();
    ErrorCode error;
    String errorMessage;
    long total;
    long discount;
    long pointsRedeemed;
    long payable;
    long pointsToEarn;
    long basePoints;
    long maxRedeemable;
    int lineCount;
    long[] lineAmount;
    long[] lineDiscount;
    long[] linePointsPaid;
    long[] linePaid;
    int promotionCount;
    String[] promotionIds;
    long[] promotionPoints;
    long[] promotionDiscount;

    /** A result for cheques of up to {@link Pricer#MAX_LINES} lines and 16 promotions before it grows. */
    public PricingResult()
    {
        lineAmount = new long[Pricer.MAX_LINES];
        lineDiscount = new long[Pricer.MAX_LINES];
        linePointsPaid = new long[Pricer.MAX_LINES];
        linePaid = new long[Pricer.MAX_LINES];
        promotionIds = new String[16];
        promotionPoints = new long[16];
        promotionDiscount = new long[16];
    }

    /** Starts a cheque: clears every figure, makes room for its lines and promotions. */
    void reset(final List<Line> lines, final int promotions)
    {
        final int n = lines.size();
        if (n > lineAmount.length)
        {
            lineAmount = new long[n];
            lineDiscount = new long[n];
            linePointsPaid = new long[n];
            linePaid = new long[n];
        }
        if (promotions > promotionIds.length)
        {
            final int capacity = Math.max(promotions, promotionIds.length * 2);
            promotionIds = Arrays.copyOf(promotionIds, capacity);
            promotionPoints = Arrays.copyOf(promotionPoints, capacity);
            promotionDiscount = Arrays.copyOf(promotionDiscount, capacity);
        }
        this.lines = lines;
        error = null;
        errorMessage = null;
        total = 0;
        discount = 0;
        pointsRedeemed = 0;
        payable = 0;
        pointsToEarn = 0;
        basePoints = 0;
        maxRedeemable = 0;
        lineCount = 0;
        Arrays.fill(lineDiscount, 0, n, 0L);
        promotionCount = 0;
    }

    /** Marks the cheque rejected, keeping only the figures computed before the failure. */
    void reject(
        final ErrorCode error, final String message, final long total, final long discount, final long maxRedeemable)
    {
        this.error = error;
        this.errorMessage = message;
        this.total = total;
        this.discount = discount;
        this.maxRedeemable = maxRedeemable;
        pointsRedeemed = 0;
        payable = 0;
        pointsToEarn = 0;
        basePoints = 0;
        lineCount = 0;
        promotionCount = 0;
    }

    public boolean ok()
    {
        return error == null;
    }

    public ErrorCode error()
    {
        return error;
    }

    public String errorMessage()
    {
        return errorMessage;
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

    public int lineCount()
    {
        return lineCount;
    }

    public long lineAmount(final int line)
    {
        return lineAmount[line];
    }

    public long lineDiscount(final int line)
    {
        return lineDiscount[line];
    }

    public long linePointsPaid(final int line)
    {
        return linePointsPaid[line];
    }

    public long linePaid(final int line)
    {
        return linePaid[line];
    }

    /** Promotions priced, in application order (the order of the {@link SelectedPromotions} given). */
    public int promotionCount()
    {
        return promotionCount;
    }

    public String promotionId(final int index)
    {
        return promotionIds[index];
    }

    public long promotionPoints(final int index)
    {
        return promotionPoints[index];
    }

    public long promotionDiscount(final int index)
    {
        return promotionDiscount[index];
    }

    /**
     * Removes a priced promotion that gave nothing (no points, no discount): no other figure depends on it.
     *
     * @throws IllegalArgumentException if the promotion gave points or a discount.
     */
    public void removeIneffectivePromotion(final int index)
    {
        if (promotionPoints[index] != 0 || promotionDiscount[index] != 0)
        {
            throw new IllegalArgumentException("promotion " + promotionIds[index] + " gave points or a discount");
        }
        final int tail = promotionCount - index - 1;
        System.arraycopy(promotionIds, index + 1, promotionIds, index, tail);
        System.arraycopy(promotionPoints, index + 1, promotionPoints, index, tail);
        System.arraycopy(promotionDiscount, index + 1, promotionDiscount, index, tail);
        promotionCount--;
        promotionIds[promotionCount] = null;
    }

    /** Copies the result out into an immutable cheque (allocates: for callers that keep it). */
    public PricedCheque toCheque()
    {
        if (error != null)
        {
            return new PricedCheque(
                total, discount, 0, 0, 0, 0, maxRedeemable, List.of(), List.of(), error, errorMessage);
        }
        final long[] figures = new long[lineCount << 1];
        for (int i = 0; i < lineCount; i++)
        {
            figures[i << 1] = lineDiscount[i];
            figures[(i << 1) + 1] = linePointsPaid[i];
        }
        final List<AppliedPromotion> applied;
        if (promotionCount == 0)
        {
            applied = List.of();
        }
        else
        {
            final AppliedPromotion[] each = new AppliedPromotion[promotionCount];
            for (int p = 0; p < promotionCount; p++)
            {
                each[p] = new AppliedPromotion(promotionIds[p], promotionPoints[p], promotionDiscount[p]);
            }
            applied = List.of(each);
        }
        final List<Line> chequeLines = lines.size() == lineCount ? lines : lines.subList(0, lineCount);
        return PricedCheque.priced(
            total, discount, pointsRedeemed, payable, pointsToEarn, basePoints, maxRedeemable, chequeLines, figures,
            applied);
    }
}
