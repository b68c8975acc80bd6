package dev.loyalty.engine.journal;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C over a range of a buffer backed by a direct {@link ByteBuffer}, without allocating (the JDK computes it
 * with the CPU's instruction).
 */
final class RecordChecksum
{
    private final CRC32C crc = new CRC32C();
    private ByteBuffer source;
    private ByteBuffer view;

    /** The CRC32C of bytes {@code [from, to)} of {@code buffer}, as an unsigned 32-bit value. */
    long compute(final DirectBuffer buffer, final int from, final int to)
    {
        final ByteBuffer current = buffer.byteBuffer();
        if (current != source)
        {
            source = current;
            view = current.duplicate();
        }
        final int adjustment = buffer.wrapAdjustment();
        view.limit(adjustment + to).position(adjustment + from);
        crc.reset();
        crc.update(view);
        return crc.getValue();
    }
}
