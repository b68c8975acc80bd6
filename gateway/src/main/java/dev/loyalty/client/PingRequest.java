package dev.loyalty.client;

import org.agrona.MutableDirectBuffer;

/** A heartbeat: answered PONG. It has no fields, so one instance serves every client. */
public final class PingRequest extends Request
{
    /** The one ping. */
    public static final PingRequest INSTANCE = new PingRequest();

    private PingRequest()
    {
    }

    public int templateId()
    {
        return Protocol.PING;
    }

    int blockLength()
    {
        return 0;
    }

    int maxBodyLength()
    {
        return 0;
    }

    int encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        return 0;
    }
}
