package dev.loyalty.engine.journal;

import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C over a range of a direct buffer, without allocating (the JDK computes it with the CPU's instruction). */
final class RecordChecksum
{
    private final CRC32C crc = new CRC32C();
    private ByteBuffer source;
    private ByteBuffer view;

    /** The CRC32C of bytes {@code [from, to)} of {@code buffer}, as an unsigned 32-bit value. */
    long compute(final ExpandableDirectByteBuffer buffer, final int from, final int to)
    {
        final ByteBuffer current = buffer.byteBuffer();
        if (current != source)
        {
            source = current;
            view = current.duplicate();
        }
        view.limit(to).position(from);
        crc.reset();
        crc.update(view);
        return crc.getValue();
    }
}
