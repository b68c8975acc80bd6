package dev.loyalty.engine.pricing;

/**
 * A promotion that has already been matched and selected (stacking decided) for one cheque, as the pricer's
 * immutable wrapper takes it. Matching and stacking belong to {@code dev.loyalty.engine.promotion}, which feeds
 * the zero-allocation core through {@link SelectedPromotions} instead; the pricer applies discounts in the
 * order given (callers sort by priority, higher first, then promotionId), then earning.
 *
 * @param promotionId        the promotion's id.
 * @param scope              {@code scope[i]} is true when cheque line i is in the promotion's scope.
 * @param discountBp         percentage discount of the scope's amount, in basis points.
 * @param discountMinor      fixed discount in minor units.
 * @param earnBp             extra earning on the scope's paid amount, in basis points.
 * @param earnPoints         fixed points.
 * @param multiplierPct      extra points as a percentage of the scope's base points.
 * @param maxPointsPerTx     cap on this promotion's points for the cheque; 0 means no cap.
 * @param budgetPointsLeft   what is left of the promotion's points budget; {@code Long.MAX_VALUE} if none.
 */
public record PromotionEffect(
    String promotionId,
    boolean[] scope,
    long discountBp,
    long discountMinor,
    long earnBp,
    long earnPoints,
    long multiplierPct,
    long maxPointsPerTx,
    long budgetPointsLeft)
{
}
