package dev.loyalty.client;

import dev.loyalty.engine.sbe.FrameHeaderEncoder;
import dev.loyalty.engine.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes a {@link Request} as one whole frame (length, correlation id, message header, message) into any
 * buffer: what {@link LoyaltyClient#send} does into its send buffer, for tools and benchmarks that write frames
 * themselves. Not thread-safe; allocates nothing.
 */
public final class FrameEncoder
{
    private final FrameHeaderEncoder frameHeader = new FrameHeaderEncoder();
    private final MessageHeaderEncoder messageHeader = new MessageHeaderEncoder();

    /** The most bytes the frame of {@code request} can take, as it is now. */
    public static int maxFrameLength(final Request request)
    {
        return Protocol.FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + request.maxBodyLength();
    }

    /**
     * Writes the frame at {@code offset}; the buffer must have {@link #maxFrameLength} bytes there.
     *
     * @return the frame's length in bytes, its length field included.
     */
    public int encode(
        final Request request, final long correlationId, final MutableDirectBuffer buffer, final int offset)
    {
        messageHeader.wrap(buffer, offset + Protocol.FRAME_HEADER_LENGTH)
            .blockLength(request.blockLength())
            .templateId(request.templateId())
            .schemaId(Protocol.SCHEMA_ID)
            .version(Protocol.SCHEMA_VERSION);
        final int bodyLength = request.encodeBody(
            buffer, offset + Protocol.FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH);
        final int frameLength = Protocol.FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        frameHeader.wrap(buffer, offset)
            .length(frameLength - Protocol.LENGTH_FIELD_LENGTH)
            .correlationId(correlationId);
        return frameLength;
    }
}
