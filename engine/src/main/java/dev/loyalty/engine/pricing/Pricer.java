package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.Line;

import java.util.List;

/**
 * Prices a cheque exactly as API.md's "How a purchase is priced" says: discounts of the given promotions in
 * the order given, the points payment capped by balance and {@code maxRedeemShareBp}, base and promotion
 * earning, and largest-remainder spreading everywhere. Pure arithmetic on longs: no state, no clock, no
 * floating point; overflow of a signed 64-bit value is a result ({@code INVALID_REQUEST}), not an exception.
 */
public final class Pricer
{
    /**
     * @param lines            the cheque's lines (validated: qty 1..100000, unitPrice 0..10^11).
     * @param program          the program settings in force.
     * @param availablePoints  the member's available points before this purchase (may be negative: redeems nothing);
     *                         0 for an anonymous sale.
     * @param redeemPoints     points asked for (ignored when {@code redeemMax}).
     * @param redeemMax        take {@code maxRedeemable}.
     * @param promotions       selected promotions in application order; empty when none.
     */
    public PricedCheque price(
        final List<Line> lines,
        final ProgramSettings program,
        final long availablePoints,
        final long redeemPoints,
        final boolean redeemMax,
        final List<PromotionEffect> promotions)
    {
        throw new UnsupportedOperationException("pricing: being written");
    }
}
