package dev.loyalty.client;

import dev.loyalty.engine.sbe.CaptureRequestEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * A request that names one purchase by its {@code txId}: capture, void, or look it up. The three share one
 * layout ({@code CaptureRequest}, {@code VoidRequest}, {@code GetPurchaseRequest}: the txId alone).
 */
public final class TxRequest extends Request
{
    /** Which operation is asked for. */
    public enum Operation
    {
        CAPTURE(Protocol.CAPTURE), VOID(Protocol.VOID), GET_PURCHASE(Protocol.GET_PURCHASE);

        private final int templateId;

        Operation(final int templateId)
        {
            this.templateId = templateId;
        }
    }

    private final CaptureRequestEncoder encoder = new CaptureRequestEncoder();
    private Operation operation;
    private CharSequence txId;

    /** A request for {@code operation} on {@code txId}. */
    public TxRequest(final Operation operation, final CharSequence txId)
    {
        this.operation = operation;
        this.txId = txId;
    }

    /** Capture the authorized purchase {@code txId}. */
    public static TxRequest capture(final CharSequence txId)
    {
        return new TxRequest(Operation.CAPTURE, txId);
    }

    /** Void the authorized purchase {@code txId}. */
    public static TxRequest voidPurchase(final CharSequence txId)
    {
        return new TxRequest(Operation.VOID, txId);
    }

    /** The purchase {@code txId} as it is now (the authorize shape). */
    public static TxRequest getPurchase(final CharSequence txId)
    {
        return new TxRequest(Operation.GET_PURCHASE, txId);
    }

    /** Reuses this request for another operation or purchase. */
    public TxRequest set(final Operation operation, final CharSequence txId)
    {
        this.operation = operation;
        this.txId = txId;
        return this;
    }

    public Operation operation()
    {
        return operation;
    }

    public int templateId()
    {
        return operation.templateId;
    }

    int blockLength()
    {
        return CaptureRequestEncoder.BLOCK_LENGTH;
    }

    int maxBodyLength()
    {
        return CaptureRequestEncoder.BLOCK_LENGTH + Protocol.maxTextLength(txId);
    }

    int encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        encoder.wrap(buffer, offset);
        encoder.limit(Protocol.putText(buffer, encoder.limit(), txId));
        return encoder.encodedLength();
    }
}
