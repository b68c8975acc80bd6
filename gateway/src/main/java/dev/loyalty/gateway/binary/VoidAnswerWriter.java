package dev.loyalty.gateway.binary;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.sbe.VoidAnswerEncoder;
import org.agrona.MutableDirectBuffer;

/** Renders {@code {"txId","status":"VOIDED","balance"}} as a {@code VoidAnswer}. */
final class VoidAnswerWriter extends AnswerWriter
{
    private static final int BEFORE = 0;
    private static final int ROOT = 1;
    private static final int BALANCE = 2;
    private static final int DONE = 3;
    private static final String[] WHERE = {"(before)", "the answer", "balance", "(after)"};

    private final VoidAnswerEncoder encoder = new VoidAnswerEncoder();
    private int state;
    private String txId;

    int templateId()
    {
        return VoidAnswerEncoder.TEMPLATE_ID;
    }

    int blockLength()
    {
        return VoidAnswerEncoder.BLOCK_LENGTH;
    }

    String where()
    {
        return WHERE[state];
    }

    int write(final Reply reply, final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        encoder.wrap(buffer, offset)
            .balanceAvailable(0).balancePending(0).balanceHeld(0);
        encoder.parts().clear();
        state = BEFORE;
        txId = null;
        reply.writeTo(this);
        if (state != DONE)
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
        if (state != ROOT || !"balance".equals(name))
        {
            super.startObject(name);
        }
        encoder.parts().balance(true);
        state = BALANCE;
    }

    public void endObject()
    {
        if (state == BALANCE)
        {
            state = ROOT;
        }
        else if (state == ROOT)
        {
            encoder.limit(putText(encoder.limit(), txId));
            state = DONE;
        }
        else
        {
            super.endObject();
        }
    }

    public void field(final String name, final long value)
    {
        if (state == BALANCE)
        {
            switch (name)
            {
                case "available" -> encoder.balanceAvailable(value);
                case "pending" -> encoder.balancePending(value);
                case "held" -> encoder.balanceHeld(value);
                default -> super.field(name, value);
            }
        }
        else
        {
            super.field(name, value);
        }
    }

    public void field(final String name, final String value)
    {
        if (state == ROOT && "txId".equals(name))
        {
            txId = value;
        }
        else if (state != ROOT || !"status".equals(name) || !"VOIDED".equals(value))
        {
            super.field(name, value);
        }
    }
}
