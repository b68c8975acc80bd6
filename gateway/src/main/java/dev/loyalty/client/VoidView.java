package dev.loyalty.client;

import dev.loyalty.engine.sbe.VoidAnswerDecoder;
import org.agrona.DirectBuffer;

/** A void ({@code VoidAnswer}): {@code status} VOIDED and the balance with the hold released. */
public final class VoidView extends View
{
    private final VoidAnswerDecoder decoder = new VoidAnswerDecoder();
    private int txIdPosition;

    VoidView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
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
