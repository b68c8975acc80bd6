package dev.loyalty.client;

import dev.loyalty.engine.sbe.AuthEncoder;
import org.agrona.MutableDirectBuffer;

/** The AUTH frame the client sends first: the protocol version and the key. */
final class AuthRequest extends Request
{
    private final AuthEncoder encoder = new AuthEncoder();
    private final CharSequence key;
    private final int protocolVersion;

    AuthRequest(final CharSequence key, final int protocolVersion)
    {
        this.key = key;
        this.protocolVersion = protocolVersion;
    }

    public int templateId()
    {
        return Protocol.AUTH;
    }

    int blockLength()
    {
        return AuthEncoder.BLOCK_LENGTH;
    }

    int maxBodyLength()
    {
        return AuthEncoder.BLOCK_LENGTH + Protocol.maxTextLength(key);
    }

    int encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        encoder.wrap(buffer, offset).protocolVersion(protocolVersion);
        encoder.limit(Protocol.putText(buffer, encoder.limit(), key));
        return encoder.encodedLength();
    }
}
