package dev.loyalty.gateway;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.Arrays;

/**
 * Renders a {@link Reply} as compact UTF-8 JSON straight into a {@link ByteBuf}: no generator, no stream, no
 * intermediate strings. The bytes are exactly those Jackson's default generator writes for the same calls
 * (the tests compare the two): {@code "}, {@code \} and control characters escaped ({@code \b \t \n \f \r},
 * else a backslash, {@code u} and four upper-case hex digits), other characters as UTF-8, except that
 * surrogates, paired or not, are written as such four-digit escapes, as Jackson does. A reply renders the same bytes every time, so an
 * idempotent replay is byte for byte the first answer. Nesting deeper than 63 levels is a bug and throws.
 * <p>
 * The bytes are built in a per-thread {@code byte[]} (each event loop's own) and copied into the buffer in one
 * go: a {@code ByteBuf.writeByte} per byte checks the buffer's reference count and capacity every time, which
 * cost more than the JSON itself.
 */
final class JsonReplyWriter implements ReplyWriter
{
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] LONG_MIN = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = 63;
    private static final int KEPT_CAPACITY = 64 * 1024;
    private static final FastThreadLocal<JsonReplyWriter> WRITER = new FastThreadLocal<>()
    {
        protected JsonReplyWriter initialValue()
        {
            return new JsonReplyWriter();
        }
    };

    private byte[] bytes = new byte[1024];
    private int length;
    /** Bit {@code d} is set once the container at depth {@code d} has an element: the next one needs a comma. */
    private long hasElements;
    private int depth;

    private JsonReplyWriter()
    {
    }

    /** The reply's body as UTF-8 JSON in a new buffer from {@code alloc}. */
    static ByteBuf render(final Reply reply, final ByteBufAllocator alloc)
    {
        final JsonReplyWriter w = WRITER.get().reset();
        reply.writeTo(w);
        final ByteBuf buf = alloc.buffer(w.length);
        w.copyTo(buf);
        return buf;
    }

    /** Renders the reply into this thread's writer, whose {@link #length()} and {@link #copyTo} then give it. */
    static JsonReplyWriter rendered(final Reply reply)
    {
        final JsonReplyWriter w = WRITER.get().reset();
        reply.writeTo(w);
        return w;
    }

    int length()
    {
        return length;
    }

    void copyTo(final ByteBuf out)
    {
        out.writeBytes(bytes, 0, length);
        if (bytes.length > KEPT_CAPACITY)
        {
            bytes = new byte[1024];
        }
    }

    private JsonReplyWriter reset()
    {
        length = 0;
        depth = 0;
        hasElements = 0;
        return this;
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
        raw(value ? TRUE : FALSE);
    }

    public void nullField(final String name)
    {
        name(name);
        raw(NULL);
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
        put(bracket);
        depth++;
        hasElements &= ~(1L << depth);
    }

    private void close(final char bracket)
    {
        if (depth == 0)
        {
            throw new IllegalStateException("end of a container that was not started");
        }
        put(bracket);
        depth--;
    }

    private void separate()
    {
        final long bit = 1L << depth;
        if ((hasElements & bit) != 0)
        {
            put(',');
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
        put(':');
    }

    private void stringOrNull(final String value)
    {
        if (value == null)
        {
            raw(NULL);
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
            raw(LONG_MIN);
            return;
        }
        ensure(20);
        long v = value;
        if (v < 0)
        {
            bytes[length++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10)
        {
            digits++;
        }
        final byte[] b = bytes;
        for (int i = length + digits - 1; i >= length; i--)
        {
            b[i] = (byte)('0' + v % 10);
            v /= 10;
        }
        length += digits;
    }

    private void string(final String s)
    {
        final int n = s.length();
        // At most 6 bytes a char (an escape), and the two quotes.
        ensure(n * 6 + 2);
        final byte[] b = bytes;
        int at = length;
        b[at++] = '"';
        for (int i = 0; i < n; i++)
        {
            final char c = s.charAt(i);
            if (c < 0x80)
            {
                if (c >= 0x20 && c != '"' && c != '\\')
                {
                    b[at++] = (byte)c;
                }
                else
                {
                    b[at++] = '\\';
                    switch (c)
                    {
                        case '"', '\\' -> b[at++] = (byte)c;
                        case '\b' -> b[at++] = 'b';
                        case '\t' -> b[at++] = 't';
                        case '\n' -> b[at++] = 'n';
                        case '\f' -> b[at++] = 'f';
                        case '\r' -> b[at++] = 'r';
                        default -> at = unicodeEscape(b, at, c);
                    }
                }
            }
            else if (c < 0x800)
            {
                b[at++] = (byte)(0xC0 | (c >> 6));
                b[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (Character.isSurrogate(c))
            {
                b[at++] = '\\';
                at = unicodeEscape(b, at, c);
            }
            else
            {
                b[at++] = (byte)(0xE0 | (c >> 12));
                b[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                b[at++] = (byte)(0x80 | (c & 0x3F));
            }
        }
        b[at++] = '"';
        length = at;
    }

    /** The {@code u} and four hex digits of an escape, after its backslash; returns the next position. */
    private static int unicodeEscape(final byte[] b, final int at, final char c)
    {
        b[at] = 'u';
        b[at + 1] = HEX[(c >> 12) & 0xF];
        b[at + 2] = HEX[(c >> 8) & 0xF];
        b[at + 3] = HEX[(c >> 4) & 0xF];
        b[at + 4] = HEX[c & 0xF];
        return at + 5;
    }

    private void put(final char c)
    {
        ensure(1);
        bytes[length++] = (byte)c;
    }

    private void raw(final byte[] b)
    {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    private void ensure(final int more)
    {
        final int needed = length + more;
        if (needed > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
