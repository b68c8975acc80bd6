package dev.loyalty.gateway;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * Renders a {@link Reply} as compact UTF-8 JSON straight into a {@link ByteBuf}: no generator, no stream, no
 * intermediate strings. The bytes are exactly those Jackson's default generator writes for the same calls
 * (the tests compare the two): {@code "}, {@code \} and control characters escaped ({@code \b \t \n \f \r},
 * else a backslash, {@code u} and four upper-case hex digits), other characters as UTF-8, except that
 * surrogates, paired or not, are written as such four-digit escapes, as Jackson does. A reply renders the same bytes every time, so an
 * idempotent replay is byte for byte the first answer. Nesting deeper than 63 levels is a bug and throws.
 */
final class JsonReplyWriter implements ReplyWriter
{
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    private static final int MAX_DEPTH = 63;

    private final ByteBuf out;
    /** Bit {@code d} is set once the container at depth {@code d} has an element: the next one needs a comma. */
    private long hasElements;
    private int depth;

    private JsonReplyWriter(final ByteBuf out)
    {
        this.out = out;
    }

    /** The reply's body as UTF-8 JSON in a new buffer from {@code alloc}. */
    static ByteBuf render(final Reply reply, final ByteBufAllocator alloc)
    {
        final ByteBuf buf = alloc.buffer(512);
        try
        {
            render(reply, buf);
        }
        catch (final RuntimeException ex)
        {
            buf.release();
            throw ex;
        }
        return buf;
    }

    /** Appends the reply's body as UTF-8 JSON to {@code out}. */
    static void render(final Reply reply, final ByteBuf out)
    {
        reply.writeTo(new JsonReplyWriter(out));
    }

    public void startObject()
    {
        separate();
        open('{');
    }

    public void startObject(final String name)
    {
        name(name);
        open('{');
    }

    public void endObject()
    {
        close('}');
    }

    public void startArray(final String name)
    {
        name(name);
        open('[');
    }

    public void endArray()
    {
        close(']');
    }

    public void field(final String name, final long value)
    {
        name(name);
        number(value);
    }

    public void field(final String name, final String value)
    {
        name(name);
        stringOrNull(value);
    }

    public void field(final String name, final boolean value)
    {
        name(name);
        ByteBufUtil.writeAscii(out, value ? "true" : "false");
    }

    public void nullField(final String name)
    {
        name(name);
        ByteBufUtil.writeAscii(out, "null");
    }

    public void value(final long value)
    {
        separate();
        number(value);
    }

    public void value(final String value)
    {
        separate();
        stringOrNull(value);
    }

    private void open(final char bracket)
    {
        if (depth == MAX_DEPTH)
        {
            throw new IllegalStateException("reply nested deeper than " + MAX_DEPTH);
        }
        out.writeByte(bracket);
        depth++;
        hasElements &= ~(1L << depth);
    }

    private void close(final char bracket)
    {
        if (depth == 0)
        {
            throw new IllegalStateException("end of a container that was not started");
        }
        out.writeByte(bracket);
        depth--;
    }

    private void separate()
    {
        final long bit = 1L << depth;
        if ((hasElements & bit) != 0)
        {
            out.writeByte(',');
        }
        else
        {
            hasElements |= bit;
        }
    }

    private void name(final String name)
    {
        separate();
        string(name);
        out.writeByte(':');
    }

    private void stringOrNull(final String value)
    {
        if (value == null)
        {
            ByteBufUtil.writeAscii(out, "null");
        }
        else
        {
            string(value);
        }
    }

    private void number(final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            ByteBufUtil.writeAscii(out, "-9223372036854775808");
            return;
        }
        long v = value;
        if (v < 0)
        {
            out.writeByte('-');
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10)
        {
            digits++;
        }
        out.ensureWritable(digits);
        final int start = out.writerIndex();
        for (int i = start + digits - 1; i >= start; i--)
        {
            out.setByte(i, (int)('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(start + digits);
    }

    private void string(final String s)
    {
        out.writeByte('"');
        final int length = s.length();
        int i = 0;
        while (i < length)
        {
            final char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
            {
                break;
            }
            i++;
        }
        if (i == length)
        {
            ByteBufUtil.writeAscii(out, s);
        }
        else
        {
            if (i > 0)
            {
                ByteBufUtil.writeAscii(out, s.subSequence(0, i));
            }
            escaped(s, i, length);
        }
        out.writeByte('"');
    }

    private void escaped(final String s, final int from, final int length)
    {
        for (int i = from; i < length; i++)
        {
            final char c = s.charAt(i);
            if (c < 0x80)
            {
                if (c >= 0x20 && c != '"' && c != '\\')
                {
                    out.writeByte(c);
                }
                else
                {
                    out.writeByte('\\');
                    switch (c)
                    {
                        case '"', '\\' -> out.writeByte(c);
                        case '\b' -> out.writeByte('b');
                        case '\t' -> out.writeByte('t');
                        case '\n' -> out.writeByte('n');
                        case '\f' -> out.writeByte('f');
                        case '\r' -> out.writeByte('r');
                        default -> unicodeEscape(c);
                    }
                }
            }
            else if (c < 0x800)
            {
                out.writeByte(0xC0 | (c >> 6));
                out.writeByte(0x80 | (c & 0x3F));
            }
            else if (Character.isSurrogate(c))
            {
                out.writeByte('\\');
                unicodeEscape(c);
            }
            else
            {
                out.writeByte(0xE0 | (c >> 12));
                out.writeByte(0x80 | ((c >> 6) & 0x3F));
                out.writeByte(0x80 | (c & 0x3F));
            }
        }
    }

    /** The four hex digits escape after the backslash. */
    private void unicodeEscape(final char c)
    {
        out.writeByte('u');
        out.writeByte(HEX[(c >> 12) & 0xF]);
        out.writeByte(HEX[(c >> 8) & 0xF]);
        out.writeByte(HEX[(c >> 4) & 0xF]);
        out.writeByte(HEX[c & 0xF]);
    }
}
