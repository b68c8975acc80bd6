package dev.loyalty.gateway.binary;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Reads a request's strings as strictly as the HTTP gateway's JSON parser does: bytes that are not well-formed
 * UTF-8 (overlong forms, surrogates, code points past U+10FFFF, truncated sequences) are refused, never
 * replaced. ASCII, which every id is, takes a fast path.
 */
final class WireText
{
    private WireText()
    {
    }

    /** The string of {@code length} bytes at {@code offset} (empty for 0), or null when they are not UTF-8. */
    static String readOrNull(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0)
        {
            return "";
        }
        boolean ascii = true;
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) < 0)
            {
                ascii = false;
                break;
            }
        }
        if (ascii)
        {
            return buffer.getStringWithoutLengthAscii(offset, length);
        }
        if (!isUtf8(buffer, offset, length))
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when the bytes are well-formed UTF-8 (RFC 3629). */
    static boolean isUtf8(final DirectBuffer buffer, final int offset, final int length)
    {
        int i = offset;
        final int end = offset + length;
        while (i < end)
        {
            final int b = buffer.getByte(i) & 0xFF;
            if (b < 0x80)
            {
                i++;
                continue;
            }
            final int extra;
            final int min;
            if (b >= 0xC2 && b <= 0xDF)
            {
                extra = 1;
                min = 0x80;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                extra = 2;
                min = 0x800;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                extra = 3;
                min = 0x10000;
            }
            else
            {
                return false;
            }
            if (i + extra >= end)
            {
                return false;
            }
            int codePoint = b & (0x3F >> extra);
            for (int k = 1; k <= extra; k++)
            {
                final int c = buffer.getByte(i + k) & 0xFF;
                if ((c & 0xC0) != 0x80)
                {
                    return false;
                }
                codePoint = (codePoint << 6) | (c & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            {
                return false;
            }
            i += 1 + extra;
        }
        return true;
    }
}
