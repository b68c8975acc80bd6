package dev.loyalty.engine.journal;

import org.agrona.MutableDirectBuffer;

/**
 * Writes a string as UTF-8 into a buffer without allocating, exactly as {@code String.getBytes(UTF_8)} would
 * (an unpaired surrogate becomes {@code '?'}). The journal's codec and the binary protocol's codecs share it.
 */
public final class Utf8
{
    private Utf8()
    {
    }

    /** The most bytes {@code length} chars can take: a surrogate pair is 4 bytes for 2 chars. */
    public static int maxEncodedLength(final int length)
    {
        return Math.multiplyExact(length, 3);
    }

    /**
     * Encodes {@code value} at {@code offset}; the buffer must have {@link #maxEncodedLength} bytes there.
     *
     * @return the number of bytes written.
     */
    public static int encode(final CharSequence value, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = value.length();
        int ascii = 0;
        while (ascii < length && value.charAt(ascii) < 0x80)
        {
            ascii++;
        }
        if (ascii == length && value instanceof String s)
        {
            // The usual id, code or date: all ASCII, written in one call with one bounds check, not one a byte.
            return buffer.putStringWithoutLengthAscii(offset, s);
        }
        int index = offset;
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(index++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(index++, (byte)(0xC0 | (c >> 6)));
                buffer.putByte(index++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isSurrogate(c))
            {
                final char low = i + 1 < length ? value.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low))
                {
                    final int codePoint = Character.toCodePoint(c, low);
                    buffer.putByte(index++, (byte)(0xF0 | (codePoint >> 18)));
                    buffer.putByte(index++, (byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                    buffer.putByte(index++, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                    buffer.putByte(index++, (byte)(0x80 | (codePoint & 0x3F)));
                    i++;
                }
                else
                {
                    buffer.putByte(index++, (byte)'?');
                }
            }
            else
            {
                buffer.putByte(index++, (byte)(0xE0 | (c >> 12)));
                buffer.putByte(index++, (byte)(0x80 | ((c >> 6) & 0x3F)));
                buffer.putByte(index++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return index - offset;
    }
}
