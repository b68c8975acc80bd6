package dev.loyalty.engine.promotion;

/**
 * One coupon code of a promotion. {@code usesPerCode} 0 means unlimited (still bound by the promotion's
 * {@code maxUsesPerMember}); otherwise the code can be used that many times, counting the uses held by open
 * authorizations. Mutable state of the single business-logic thread.
 */
public final class Coupon
{
    final String code;
    final PromotionEntry promotion;
    final long usesPerCode;
    final boolean generated;
    long used;
    long reserved;

    Coupon(final String code, final PromotionEntry promotion, final long usesPerCode, final boolean generated)
    {
        this.code = code;
        this.promotion = promotion;
        this.usesPerCode = usesPerCode;
        this.generated = generated;
    }

    /** True while the code has a use left. */
    public boolean usable()
    {
        return usesPerCode == 0 || used + reserved < usesPerCode;
    }

    public String code()
    {
        return code;
    }

    public String promotionId()
    {
        return promotion.id;
    }

    public long usesPerCode()
    {
        return usesPerCode;
    }

    public boolean generated()
    {
        return generated;
    }

    /** Uses consumed by captured purchases (less those given back by full refunds). */
    public long used()
    {
        return used;
    }

    /** Uses held by open authorizations. */
    public long reserved()
    {
        return reserved;
    }
}
