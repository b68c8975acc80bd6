package dev.loyalty.tools.load;

/**
 * One request of the load, protocol-neutral: what to ask ({@link #type} and the fields it uses) and when. A
 * {@link Transport} encodes it; the checks compare its answer with it. Written by the thread of the connection
 * that sends it, read there when the answer comes.
 * <p>
 * Times are {@link System#nanoTime()}: {@link #intendedNs} is when the schedule meant it to be sent (latency is
 * measured from it, so a request sent late because the client or the server stalled counts the stall);
 * {@link #sentNs} is when the transport wrote it.
 */
public final class Request
{
    /** What is asked. */
    public final RequestType type;
    /** Purchases, captures and refunds: the purchase's id. */
    public String txId;
    /** Purchases and lookups: the member's card; null for an anonymous sale. */
    public String card;
    /** Purchases: the lines. */
    public Line[] lines;
    /** Purchases: points to redeem, 0 for none. */
    public long redeemPoints;
    /** Refunds: the refund's id, the sku and quantity given back, and the amount that must come back. */
    public String refundId;
    public String refundSku;
    public long refundQty;
    public long refundAmount;
    /** Refunds: true when the refund gives back the whole cheque (status REFUNDED, else PARTIALLY_REFUNDED). */
    public boolean refundsAll;
    /** Seeding: the request id, the member's phone, the member id and points of an adjustment. */
    public String requestId;
    public String phone;
    public String memberId;
    public long points;
    /** Captures: what the authorize answered, which the capture must book. */
    public long expectedPointsRedeemed;
    public long expectedPointsEarned;
    /** When the schedule meant it to be sent. */
    public long intendedNs;
    /** When the transport wrote it. */
    public long sentNs;
    /** True when its latency goes into the histograms (sent in the measured window). */
    public boolean measured;

    public Request(final RequestType type)
    {
        this.type = type;
    }

    /** The cheque's total: the sum of its lines' amounts. */
    public long total()
    {
        long total = 0;
        for (final Line line : lines)
        {
            total += line.amount();
        }
        return total;
    }

    public String toString()
    {
        return type.label() + (txId != null ? " " + txId : "") + (card != null ? " card " + card : "");
    }
}
