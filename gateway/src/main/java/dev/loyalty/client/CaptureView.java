package dev.loyalty.client;

import dev.loyalty.engine.sbe.CaptureAnswerDecoder;
import org.agrona.DirectBuffer;

/** A capture ({@code CaptureAnswer}): {@code status} CAPTURED, points earned and redeemed, the balance. */
public final class CaptureView extends View
{
    private final CaptureAnswerDecoder decoder = new CaptureAnswerDecoder();
    private int txIdPosition;

    CaptureView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        txIdPosition = offset + blockLength;
        return this;
    }

    public String txId()
    {
        return textOrNull(txIdPosition);
    }

    public long pointsEarned()
    {
        return decoder.pointsEarned();
    }

    public long pointsRedeemed()
    {
        return decoder.pointsRedeemed();
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
