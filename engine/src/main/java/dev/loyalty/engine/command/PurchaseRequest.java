package dev.loyalty.engine.command;

import java.util.List;

/**
 * The body shared by authorize, one-shot and calculate.
 *
 * @param txId         the purchase's idempotency key; null only for calculate.
 * @param storeId      the store the sale happens in.
 * @param member       the member, or null for an anonymous sale.
 * @param occurredAt   business time from the till as ISO-8601 with offset, or null to use engine time.
 * @param payment      the UPPER_SNAKE payment word, or null.
 * @param lines        at least one line.
 * @param redeemPoints points the customer asks to pay with (0 for none); ignored when {@code redeemMax}.
 * @param redeemMax    true when the body said {@code "redeemPoints":"MAX"}.
 * @param coupons      coupon codes presented, possibly empty.
 */
public record PurchaseRequest(
    String txId,
    String storeId,
    MemberRef member,
    String occurredAt,
    String payment,
    List<Line> lines,
    long redeemPoints,
    boolean redeemMax,
    List<String> coupons)
{
    public PurchaseRequest
    {
        lines = List.copyOf(lines);
        coupons = coupons == null ? List.of() : List.copyOf(coupons);
    }
}
