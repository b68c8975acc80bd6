package dev.loyalty.client;

import dev.loyalty.engine.sbe.RefundRequestEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * {@code POST /v1/purchases/{txId}/refund}: by lines ({@link #line}) or by {@link #amount}, never both.
 */
public final class RefundRequest extends Request
{
    private final RefundRequestEncoder encoder = new RefundRequestEncoder();
    private CharSequence txId;
    private CharSequence refundId;
    private long amount;
    private int lineCount;
    private CharSequence[] skus = new CharSequence[4];
    private long[] qtys = new long[4];

    /** Clears every value. */
    public RefundRequest reset()
    {
        txId = null;
        refundId = null;
        amount = 0;
        for (int i = 0; i < lineCount; i++)
        {
            skus[i] = null;
        }
        lineCount = 0;
        return this;
    }

    /** The purchase to refund. */
    public RefundRequest txId(final CharSequence txId)
    {
        this.txId = txId;
        return this;
    }

    /** The refund's idempotency key. */
    public RefundRequest refundId(final CharSequence refundId)
    {
        this.refundId = refundId;
        return this;
    }

    /** Refunds an amount of the total, in minor units. */
    public RefundRequest amount(final long amount)
    {
        this.amount = amount;
        return this;
    }

    /** Refunds {@code qty} of {@code sku} (matched to the purchase's lines in cheque order). */
    public RefundRequest line(final CharSequence sku, final long qty)
    {
        if (lineCount == skus.length)
        {
            skus = java.util.Arrays.copyOf(skus, lineCount * 2);
            qtys = java.util.Arrays.copyOf(qtys, lineCount * 2);
        }
        skus[lineCount] = sku;
        qtys[lineCount] = qty;
        lineCount++;
        return this;
    }

    public int templateId()
    {
        return Protocol.REFUND;
    }

    int blockLength()
    {
        return RefundRequestEncoder.BLOCK_LENGTH;
    }

    int maxBodyLength()
    {
        int n = RefundRequestEncoder.BLOCK_LENGTH + 4 + Protocol.maxTextLength(txId) + Protocol.maxTextLength(refundId);
        for (int i = 0; i < lineCount; i++)
        {
            n += RefundRequestEncoder.LinesEncoder.sbeBlockLength() + Protocol.maxTextLength(skus[i]);
        }
        return n;
    }

    int encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        final RefundRequestEncoder e = encoder.wrap(buffer, offset).amount(amount);
        final RefundRequestEncoder.LinesEncoder lines = e.linesCount(lineCount);
        for (int i = 0; i < lineCount; i++)
        {
            lines.next().qty(qtys[i]);
            e.limit(Protocol.putText(buffer, e.limit(), skus[i]));
        }
        e.limit(Protocol.putText(buffer, Protocol.putText(buffer, e.limit(), txId), refundId));
        return e.encodedLength();
    }
}
