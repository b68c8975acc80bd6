package dev.loyalty.gateway.binary;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.reply.Reply;
import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An event loop's codecs: the request decoder, the answer encoder, and a flyweight over the frame being read,
 * straight over the channel's buffer when it is direct or heap memory. Shared by the connections of one event
 * loop, which use it one frame at a time. Public for benchmarks, which run the server's half of the wire
 * ({@link #decodeRequest}, {@link #encodeAnswer}) without a socket.
 */
public final class BinaryCodec
{
    final BinaryRequestDecoder decoder;
    final BinaryAnswerEncoder encoder = new BinaryAnswerEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[0];

    /** Codecs that refuse purchases of more than {@code maxLines} lines. */
    public BinaryCodec(final int maxLines)
    {
        decoder = new BinaryRequestDecoder(maxLines);
    }

    /**
     * The command a request frame asks for, as the server builds it; {@code frame} starts at the correlation id
     * and {@code frameLength} is its length field.
     *
     * @throws dev.loyalty.gateway.BadRequestException when the server would answer INVALID_REQUEST.
     */
    public Command decodeRequest(final DirectBuffer frame, final int frameLength, final String scopePartnerId)
    {
        return decoder.decode(frame, frameLength, scopePartnerId);
    }

    /** Encodes the answer frame to a command of {@code type}; returns its length in {@link #answerBuffer()}. */
    public int encodeAnswer(final long correlationId, final CommandType type, final Reply reply)
    {
        return encoder.reply(correlationId, type, reply);
    }

    /** The buffer the last answer was encoded in, from offset 0 (its length field first). */
    public DirectBuffer answerBuffer()
    {
        return encoder.buffer();
    }

    /** The {@code length} bytes of {@code buf} from {@code index}, as a buffer from offset 0. */
    DirectBuffer frame(final ByteBuf buf, final int index, final int length)
    {
        if (buf.hasMemoryAddress())
        {
            frame.wrap(buf.memoryAddress() + index, length);
        }
        else if (buf.hasArray())
        {
            frame.wrap(buf.array(), buf.arrayOffset() + index, length);
        }
        else
        {
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            buf.getBytes(index, copy, 0, length);
            frame.wrap(copy, 0, length);
        }
        return frame;
    }
}
