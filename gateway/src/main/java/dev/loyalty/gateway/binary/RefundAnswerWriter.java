package dev.loyalty.gateway.binary;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.sbe.RefundAnswerEncoder;
import dev.loyalty.engine.sbe.WirePurchaseStatus;
import org.agrona.MutableDirectBuffer;

/**
 * Renders {@code {"txId","refundId","status","amount","money","pointsReversed","pointsReturned","refunded":{…},
 * "balance":{…}}} as a {@code RefundAnswer}.
 */
final class RefundAnswerWriter extends AnswerWriter
{
    private static final int BEFORE = 0;
    private static final int ROOT = 1;
    private static final int BALANCE = 2;
    private static final int REFUNDED = 3;
    private static final int DONE = 4;
    private static final String[] WHERE = {"(before)", "the answer", "balance", "refunded", "(after)"};

    private final RefundAnswerEncoder encoder = new RefundAnswerEncoder();
    private int state;
    private boolean statusSet;
    private String txId;
    private String refundId;

    int templateId()
    {
        return RefundAnswerEncoder.TEMPLATE_ID;
    }

    int blockLength()
    {
        return RefundAnswerEncoder.BLOCK_LENGTH;
    }

    String where()
    {
        return WHERE[state];
    }

    int write(final Reply reply, final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        encoder.wrap(buffer, offset).amount(0).money(0).pointsReversed(0).pointsReturned(0)
            .refundedAmount(0).refundedPointsReversed(0).refundedPointsReturned(0)
            .balanceAvailable(0).balancePending(0).balanceHeld(0);
        encoder.parts().clear();
        state = BEFORE;
        statusSet = false;
        txId = null;
        refundId = null;
        reply.writeTo(this);
        if (state != DONE || !statusSet)
        {
            throw unexpected("end of the reply", where());
        }
        this.buffer = null;
        return encoder.encodedLength();
    }

    public void startObject()
    {
        if (state != BEFORE)
        {
            super.startObject();
        }
        state = ROOT;
    }

    public void startObject(final String name)
    {
        if (state == ROOT && "balance".equals(name))
        {
            encoder.parts().balance(true);
            state = BALANCE;
        }
        else if (state == ROOT && "refunded".equals(name))
        {
            state = REFUNDED;
        }
        else
        {
            super.startObject(name);
        }
    }

    public void endObject()
    {
        switch (state)
        {
            case BALANCE, REFUNDED -> state = ROOT;
            case ROOT ->
            {
                encoder.limit(putText(putText(encoder.limit(), txId), refundId));
                state = DONE;
            }
            default -> super.endObject();
        }
    }

    public void field(final String name, final long value)
    {
        switch (state)
        {
            case ROOT ->
            {
                switch (name)
                {
                    case "amount" -> encoder.amount(value);
                    case "money" -> encoder.money(value);
                    case "pointsReversed" -> encoder.pointsReversed(value);
                    case "pointsReturned" -> encoder.pointsReturned(value);
                    default -> super.field(name, value);
                }
            }
            case REFUNDED ->
            {
                switch (name)
                {
                    case "amount" -> encoder.refundedAmount(value);
                    case "pointsReversed" -> encoder.refundedPointsReversed(value);
                    case "pointsReturned" -> encoder.refundedPointsReturned(value);
                    default -> super.field(name, value);
                }
            }
            case BALANCE ->
            {
                switch (name)
                {
                    case "available" -> encoder.balanceAvailable(value);
                    case "pending" -> encoder.balancePending(value);
                    case "held" -> encoder.balanceHeld(value);
                    default -> super.field(name, value);
                }
            }
            default -> super.field(name, value);
        }
    }

    public void field(final String name, final String value)
    {
        if (state != ROOT)
        {
            super.field(name, value);
            return;
        }
        switch (name)
        {
            case "txId" -> txId = value;
            case "refundId" -> refundId = value;
            case "status" ->
            {
                encoder.status(WirePurchaseStatus.valueOf(value));
                statusSet = true;
            }
            default -> super.field(name, value);
        }
    }
}
