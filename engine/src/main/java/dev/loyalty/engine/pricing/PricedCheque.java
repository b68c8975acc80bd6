package dev.loyalty.engine.pricing;

import dev.loyalty.engine.reply.ErrorCode;

import java.util.List;

/**
 * The result of pricing one cheque per API.md's "How a purchase is priced". When {@link #error()} is not null
 * the cheque was rejected (INVALID_REQUEST for arithmetic overflow, INSUFFICIENT_POINTS, REDEEM_LIMIT_EXCEEDED)
 * and only {@code error}, {@code errorMessage} and whatever was computed before the failure are meaningful.
 *
 * @param total           sum of line amounts.
 * @param discount        sum of line discounts.
 * @param pointsRedeemed  points paying for the cheque.
 * @param payable         {@code total - discount - pointsRedeemed * pointValueMinor}.
 * @param pointsToEarn    base points plus every applied promotion's points (after caps).
 * @param basePoints      the base part of {@code pointsToEarn}.
 * @param maxRedeemable   the most points this cheque could take.
 * @param lines           per-line figures, in cheque order.
 * @param promotions      per-promotion figures, in application order.
 */
public record PricedCheque(
    long total,
    long discount,
    long pointsRedeemed,
    long payable,
    long pointsToEarn,
    long basePoints,
    long maxRedeemable,
    List<LinePrice> lines,
    List<AppliedPromotion> promotions,
    ErrorCode error,
    String errorMessage)
{
    public boolean ok()
    {
        return error == null;
    }
}
