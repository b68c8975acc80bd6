package dev.loyalty.engine.pricing;

/** What one applied promotion gave on a cheque. */
public record AppliedPromotion(String promotionId, long points, long discount)
{
}
