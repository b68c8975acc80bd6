package dev.loyalty.client;

import dev.loyalty.engine.sbe.RefundAnswerDecoder;
import dev.loyalty.engine.sbe.WirePurchaseStatus;
import org.agrona.DirectBuffer;

/** A refund ({@code RefundAnswer}): this refund's figures, the running totals ({@code refunded*}), the balance. */
public final class RefundView extends View
{
    private final RefundAnswerDecoder decoder = new RefundAnswerDecoder();
    private int txIdPosition;
    private int refundIdPosition;

    RefundView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        txIdPosition = offset + blockLength;
        refundIdPosition = skipText(txIdPosition);
        return this;
    }

    public String txId()
    {
        return textOrNull(txIdPosition);
    }

    public String refundId()
    {
        return textOrNull(refundIdPosition);
    }

    /** PARTIALLY_REFUNDED or REFUNDED. */
    public WirePurchaseStatus status()
    {
        return decoder.status();
    }

    public long amount()
    {
        return decoder.amount();
    }

    public long money()
    {
        return decoder.money();
    }

    public long pointsReversed()
    {
        return decoder.pointsReversed();
    }

    public long pointsReturned()
    {
        return decoder.pointsReturned();
    }

    public long refundedAmount()
    {
        return decoder.refundedAmount();
    }

    public long refundedPointsReversed()
    {
        return decoder.refundedPointsReversed();
    }

    public long refundedPointsReturned()
    {
        return decoder.refundedPointsReturned();
    }

    /** False for an anonymous sale. */
    public boolean hasBalance()
    {
        return decoder.parts().balance();
    }

    public long balanceAvailable()
    {
        return decoder.balanceAvailable();
    }

    public long balancePending()
    {
        return decoder.balancePending();
    }

    public long balanceHeld()
    {
        return decoder.balanceHeld();
    }
}
