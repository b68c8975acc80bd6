package dev.loyalty.client;

import org.agrona.DirectBuffer;

/**
 * The base of the answer views: flyweights over one answer message that index its groups (each through a
 * {@link Group}) and strings once when wrapped, then read every value in place. Numbers cost nothing to read; a
 * string accessor makes a {@link String} when called. A view is valid only while its {@link Answer} is (during
 * the listener's call, or until the next blocking call).
 */
abstract class View
{
    DirectBuffer buffer;

    final long i64(final int offset)
    {
        return buffer.getLong(offset, Protocol.BYTE_ORDER);
    }

    /** The position after the var string at {@code position}. */
    final int skipText(final int position)
    {
        return skipText(buffer, position);
    }

    /** The position after the var string at {@code position} in {@code buffer}. */
    static int skipText(final DirectBuffer buffer, final int position)
    {
        return position + 4 + buffer.getInt(position, Protocol.BYTE_ORDER);
    }

    /** The var string at {@code position}. */
    final String text(final int position)
    {
        final int length = buffer.getInt(position, Protocol.BYTE_ORDER);
        return length == 0 ? "" : buffer.getStringWithoutLengthUtf8(position + 4, length);
    }

    /** The var string at {@code position}, null when empty (the wire's absent). */
    final String textOrNull(final int position)
    {
        final int length = buffer.getInt(position, Protocol.BYTE_ORDER);
        return length == 0 ? null : buffer.getStringWithoutLengthUtf8(position + 4, length);
    }
}
