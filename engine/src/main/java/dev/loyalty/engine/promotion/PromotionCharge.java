package dev.loyalty.engine.promotion;

import java.math.BigInteger;

/**
 * One promotion applied to one purchase or activity: what it gave and what it holds. At authorize it holds a
 * use, its points against the budget and its coupon's use; capture consumes them, void and hold expiry give
 * them back. A refund returns the points it reverses to the budget, and a full refund gives back the use and
 * the coupon's use.
 */
public final class PromotionCharge
{
    /** Where a charge is in its life. */
    public enum State
    {
        RESERVED, CONSUMED, RELEASED
    }

    final PromotionEntry promotion;
    final long points;
    final long discount;
    final Coupon coupon;
    State state;
    long budgetReturned;
    boolean useReturned;

    PromotionCharge(final PromotionEntry promotion, final long points, final long discount, final Coupon coupon)
    {
        this.promotion = promotion;
        this.points = points;
        this.discount = discount;
        this.coupon = coupon;
    }

    /**
     * At authorize: holds a use, the points against the budget and the coupon's use.
     *
     * @param uses the member's uses, or null for an anonymous sale.
     */
    public void reserve(final MemberPromotionUses uses)
    {
        expect(null);
        state = State.RESERVED;
        promotion.usesReserved++;
        promotion.budgetReserved += points;
        if (uses != null)
        {
            uses.add(promotion.id, 0, 1);
        }
        if (coupon != null)
        {
            coupon.reserved++;
        }
    }

    /** At capture: what authorize held is used. {@code uses} is the live member's (it may have been merged). */
    public void consume(final MemberPromotionUses uses)
    {
        expect(State.RESERVED);
        state = State.CONSUMED;
        promotion.usesReserved--;
        promotion.uses++;
        promotion.budgetReserved -= points;
        promotion.budgetSpent += points;
        if (uses != null)
        {
            uses.add(promotion.id, 1, -1);
        }
        if (coupon != null)
        {
            coupon.reserved--;
            coupon.used++;
        }
    }

    /** At void or hold expiry: what authorize held is given back. */
    public void release(final MemberPromotionUses uses)
    {
        expect(State.RESERVED);
        state = State.RELEASED;
        promotion.usesReserved--;
        promotion.budgetReserved -= points;
        if (uses != null)
        {
            uses.add(promotion.id, 0, -1);
        }
        if (coupon != null)
        {
            coupon.reserved--;
        }
    }

    /** A one-shot purchase or an activity: used at once, nothing held. */
    public void consumeNow(final MemberPromotionUses uses)
    {
        expect(null);
        state = State.CONSUMED;
        promotion.uses++;
        promotion.budgetSpent += points;
        if (uses != null)
        {
            uses.add(promotion.id, 1, 0);
        }
        if (coupon != null)
        {
            coupon.used++;
        }
    }

    /**
     * A refund of a captured purchase: the budget gets back this promotion's share of the earned points taken
     * back so far ({@code floor(points * cumulativeReversed / pointsEarned)}, on the running total, so a full
     * refund gives back exactly {@code points}); a full refund also gives back the use and the coupon's use.
     */
    public void refund(
        final MemberPromotionUses uses, final long cumulativeReversed, final long pointsEarned, final boolean full)
    {
        expect(State.CONSUMED);
        if (points > 0 && pointsEarned > 0)
        {
            final long returned = BigInteger.valueOf(points).multiply(BigInteger.valueOf(cumulativeReversed))
                .divide(BigInteger.valueOf(pointsEarned)).longValueExact();
            promotion.budgetSpent -= returned - budgetReturned;
            budgetReturned = returned;
        }
        if (full && !useReturned)
        {
            useReturned = true;
            promotion.uses--;
            if (uses != null)
            {
                uses.add(promotion.id, -1, 0);
            }
            if (coupon != null)
            {
                coupon.used--;
            }
        }
    }

    private void expect(final State expected)
    {
        if (state != expected)
        {
            throw new IllegalStateException("charge of " + promotion.id + " is " + state + ", not " + expected);
        }
    }

    public String promotionId()
    {
        return promotion.id;
    }

    public long points()
    {
        return points;
    }

    public long discount()
    {
        return discount;
    }

    /** The code it applied through, or null. */
    public String couponCode()
    {
        return coupon == null ? null : coupon.code;
    }

    /** Null before it is reserved or consumed. */
    public State state()
    {
        return state;
    }

    /** Points a refund gave back to the budget so far. */
    public long budgetReturned()
    {
        return budgetReturned;
    }

    /** True once a full refund gave back the use (and the coupon's use). */
    public boolean useReturned()
    {
        return useReturned;
    }
}
