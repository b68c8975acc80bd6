package dev.loyalty.engine.promotion;

/**
 * Everything known about one promotion id: its current compiled definition and the counters that outlive
 * redefinitions (a {@code PUT} replaces the rule, not what it has already given). Mutable state of the single
 * business-logic thread.
 */
public final class PromotionEntry
{
    final String id;
    Promotion current;
    long uses;
    long usesReserved;
    long budgetSpent;
    long budgetReserved;
    long coupons;

    PromotionEntry(final String id)
    {
        this.id = id;
    }

    public String id()
    {
        return id;
    }

    /** The definition in force. */
    public Promotion current()
    {
        return current;
    }

    /** Applications consumed: captured purchases and activities, less fully refunded purchases. */
    public long uses()
    {
        return uses;
    }

    /** Applications held by open authorizations. */
    public long usesReserved()
    {
        return usesReserved;
    }

    /** Points given and not returned by refunds. */
    public long budgetSpent()
    {
        return budgetSpent;
    }

    /** Points held by open authorizations. */
    public long budgetReserved()
    {
        return budgetReserved;
    }

    /** How many coupon codes the promotion has. */
    public long coupons()
    {
        return coupons;
    }

    /** What is left of the points budget; {@code Long.MAX_VALUE} without a budget. May be 0 or less. */
    public long budgetLeft()
    {
        final long budget = current.budgetPoints;
        return budget == 0 ? Long.MAX_VALUE : budget - budgetSpent - budgetReserved;
    }
}
