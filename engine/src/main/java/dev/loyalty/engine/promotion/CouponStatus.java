package dev.loyalty.engine.promotion;

/**
 * What happened to one coupon code presented with a purchase. Only {@link #APPLIED} is accepted; every other
 * status is answered {@code "status":"REJECTED"} with the status's name as {@code reason}, and never fails the
 * sale.
 */
public enum CouponStatus
{
    /** The code's promotion applied through it. */
    APPLIED,
    /** No such code. */
    COUPON_NOT_FOUND,
    /** The code has no use left (used, or held by an open authorization). */
    COUPON_USED,
    /** The code is usable but its promotion did not apply to this purchase. */
    COUPON_NOT_APPLICABLE;

    /** True for every status but {@link #APPLIED}. */
    public boolean rejected()
    {
        return this != APPLIED;
    }
}
