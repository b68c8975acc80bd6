package dev.loyalty.engine.command;

/**
 * The limits of a promotion ({@code "limits"}); 0 means "no limit" for each of them.
 *
 * @param maxPointsPerTx   cap on the points the promotion gives on one purchase or activity.
 * @param maxUsesPerMember how many purchases or activities of one member it may apply to.
 * @param budgetPoints     the points it may give in total, over all members.
 */
public record PromotionLimits(long maxPointsPerTx, long maxUsesPerMember, long budgetPoints)
{
    /** No limit. */
    public static final PromotionLimits NONE = new PromotionLimits(0, 0, 0);
}
