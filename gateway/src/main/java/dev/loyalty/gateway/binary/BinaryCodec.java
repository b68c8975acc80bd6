package dev.loyalty.gateway.binary;

import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An event loop's codecs: the request decoder, the answer encoder, and a flyweight over the frame being read,
 * straight over the channel's buffer when it is direct or heap memory. Shared by the connections of one event
 * loop, which use it one frame at a time.
 */
final class BinaryCodec
{
    final BinaryRequestDecoder decoder;
    final BinaryAnswerEncoder encoder = new BinaryAnswerEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[0];

    BinaryCodec(final int maxLines)
    {
        decoder = new BinaryRequestDecoder(maxLines);
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
