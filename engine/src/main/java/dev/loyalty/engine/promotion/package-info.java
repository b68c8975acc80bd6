/**
 * Promotions: the rules marketers write, compiled for checkout speed.
 *
 * <p>{@link dev.loyalty.engine.promotion.PromotionValidation} checks a definition;
 * {@link dev.loyalty.engine.promotion.Promotions} compiles it ({@link dev.loyalty.engine.promotion.Promotion})
 * and files it in an index by its most selective condition, keeps the coupon codes, and matches a cheque or an
 * activity ({@link dev.loyalty.engine.promotion.ChequeContext}) into a reusable
 * {@link dev.loyalty.engine.promotion.PromotionSelection} without allocating. The selection feeds the pricer's
 * zero-allocation core; its {@link dev.loyalty.engine.promotion.PromotionCharge}s then hold, use and give back
 * the limits and coupons as the purchase moves through authorize, capture, void, expiry and refund.
 *
 * <p>Everything here is state of the single business-logic thread: no locks, no hash-order iteration (the
 * promotions are kept by id, coupons and per-member uses in creation order, and the index's hash maps are only
 * read).
 */
package dev.loyalty.engine.promotion;
