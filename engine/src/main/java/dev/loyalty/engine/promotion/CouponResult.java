package dev.loyalty.engine.promotion;

/** The answer for one presented coupon code, in the order the codes were presented. */
public record CouponResult(String code, CouponStatus status)
{
}
