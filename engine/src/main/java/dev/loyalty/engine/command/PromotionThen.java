package dev.loyalty.engine.command;

/**
 * The effect of a promotion ({@code "then"}); every field defaults to 0. An activity rule uses only
 * {@code earnPoints}.
 *
 * @param earnBp        extra points on the scope's paid amount, in basis points of the money (like baseEarnBp).
 * @param earnPoints    fixed points.
 * @param multiplierPct extra points as a percentage of the base points the scope earns (100: double points).
 * @param discountBp    discount of the scope's amount, in basis points.
 * @param discountMinor fixed discount in minor units.
 */
public record PromotionThen(long earnBp, long earnPoints, long multiplierPct, long discountBp, long discountMinor)
{
    /** No effect. */
    public static final PromotionThen NONE = new PromotionThen(0, 0, 0, 0, 0);
}
