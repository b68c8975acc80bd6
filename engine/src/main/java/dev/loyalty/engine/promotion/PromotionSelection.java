package dev.loyalty.engine.promotion;

import dev.loyalty.engine.pricing.AppliedPromotion;
import dev.loyalty.engine.pricing.PricingResult;
import dev.loyalty.engine.pricing.SelectedPromotions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What matching chose for one cheque or activity: the promotions that apply, in application order (priority,
 * higher first, then promotionId), each with its coupon code if it took one, and the status of every
 * presented code. For a purchase, {@link #effects()} feeds the pricer and {@link #settle(PricingResult)} then
 * reads back each promotion's points and discount, dropping those that gave nothing.
 * <p>
 * A reusable, preallocated buffer (it grows only past the most promotions or codes seen so far); the list
 * methods at the end copy out for callers that keep them. One instance serves one thread.
 */
public final class PromotionSelection
{
    final SelectedPromotions effects = new SelectedPromotions();
    private Promotion[] promotions = new Promotion[16];
    private int[] couponIndex = new int[16];
    private long[] points = new long[16];
    private long[] discounts = new long[16];
    private int count;
    private List<String> codes = List.of();
    private Coupon[] presented = new Coupon[8];
    private CouponStatus[] couponStatus = new CouponStatus[8];

    /** Starts a selection for a cheque of {@code lineCount} lines with these presented codes. */
    void begin(final int lineCount, final List<String> codes)
    {
        effects.clear(lineCount);
        count = 0;
        this.codes = codes;
        final int n = codes.size();
        if (n > presented.length)
        {
            presented = new Coupon[n];
            couponStatus = new CouponStatus[n];
        }
        Arrays.fill(presented, 0, n, null);
        Arrays.fill(couponStatus, 0, n, CouponStatus.COUPON_NOT_FOUND);
    }

    void presented(final int k, final Coupon coupon, final CouponStatus status)
    {
        presented[k] = coupon;
        couponStatus[k] = status;
    }

    /** Appends a promotion; {@code coupon} is the index of the presented code it takes, or -1. */
    void add(final Promotion p, final int coupon, final long points)
    {
        if (count == promotions.length)
        {
            final int capacity = count * 2;
            promotions = Arrays.copyOf(promotions, capacity);
            couponIndex = Arrays.copyOf(couponIndex, capacity);
            this.points = Arrays.copyOf(this.points, capacity);
            discounts = Arrays.copyOf(discounts, capacity);
        }
        promotions[count] = p;
        couponIndex[count] = coupon;
        this.points[count] = points;
        discounts[count] = 0;
        count++;
        if (coupon >= 0)
        {
            couponStatus[coupon] = CouponStatus.APPLIED;
        }
    }

    /** The selected promotions' effects and scopes, for the pricer. */
    public SelectedPromotions effects()
    {
        return effects;
    }

    /**
     * Reads each promotion's points and discount from the priced cheque, and removes the promotions that gave
     * nothing from both (their codes go back to COUPON_NOT_APPLICABLE): a promotion that gave nothing did not
     * apply, uses nothing and holds nothing.
     */
    public void settle(final PricingResult result)
    {
        if (result.promotionCount() != count)
        {
            throw new IllegalArgumentException("the result priced " + result.promotionCount() + " promotions, " +
                count + " were selected");
        }
        for (int i = count - 1; i >= 0; i--)
        {
            if (result.promotionPoints(i) == 0 && result.promotionDiscount(i) == 0)
            {
                result.removeIneffectivePromotion(i);
                remove(i);
            }
        }
        for (int i = 0; i < count; i++)
        {
            points[i] = result.promotionPoints(i);
            discounts[i] = result.promotionDiscount(i);
        }
    }

    /** Removes the activity rules that give no points (the matcher calls this once points are known). */
    void dropPointless()
    {
        for (int i = count - 1; i >= 0; i--)
        {
            if (points[i] == 0)
            {
                remove(i);
            }
        }
    }

    private void remove(final int i)
    {
        if (couponIndex[i] >= 0)
        {
            couponStatus[couponIndex[i]] = CouponStatus.COUPON_NOT_APPLICABLE;
        }
        final int tail = count - i - 1;
        System.arraycopy(promotions, i + 1, promotions, i, tail);
        System.arraycopy(couponIndex, i + 1, couponIndex, i, tail);
        System.arraycopy(points, i + 1, points, i, tail);
        System.arraycopy(discounts, i + 1, discounts, i, tail);
        count--;
        promotions[count] = null;
    }

    public int count()
    {
        return count;
    }

    public String promotionId(final int i)
    {
        return promotions[i].id;
    }

    public long points(final int i)
    {
        return points[i];
    }

    public long discount(final int i)
    {
        return discounts[i];
    }

    /** Sum of the selected promotions' points. */
    public long totalPoints()
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += points[i];
        }
        return sum;
    }

    public int couponCount()
    {
        return codes.size();
    }

    public CouponStatus couponStatus(final int k)
    {
        return couponStatus[k];
    }

    /** The charges to reserve or consume, one per selected promotion (allocates). */
    public List<PromotionCharge> charges()
    {
        if (count == 0)
        {
            return List.of();
        }
        final List<PromotionCharge> charges = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final Coupon coupon = couponIndex[i] >= 0 ? presented[couponIndex[i]] : null;
            charges.add(new PromotionCharge(promotions[i].entry, points[i], discounts[i], coupon));
        }
        return List.copyOf(charges);
    }

    /** Every presented code with its status, in the order presented (allocates). */
    public List<CouponResult> couponResults()
    {
        if (codes.isEmpty())
        {
            return List.of();
        }
        final List<CouponResult> results = new ArrayList<>(codes.size());
        for (int k = 0; k < codes.size(); k++)
        {
            results.add(new CouponResult(codes.get(k), couponStatus[k]));
        }
        return List.copyOf(results);
    }

    /** Each selected promotion as answered: {@code {"promotionId","points","discount"}} (allocates). */
    public List<AppliedPromotion> applied()
    {
        final List<AppliedPromotion> applied = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            applied.add(new AppliedPromotion(promotions[i].id, points[i], discounts[i]));
        }
        return List.copyOf(applied);
    }
}
