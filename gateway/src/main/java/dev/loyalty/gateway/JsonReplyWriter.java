package dev.loyalty.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Renders a {@link Reply} as JSON with Jackson's streaming generator, straight into a pooled {@link ByteBuf}.
 * A reply renders the same bytes every time, so an idempotent replay is byte for byte the first answer.
 */
final class JsonReplyWriter implements ReplyWriter
{
    private final JsonGenerator g;

    private JsonReplyWriter(final JsonGenerator g)
    {
        this.g = g;
    }

    /** The reply's body as UTF-8 JSON in a new buffer from {@code alloc}. */
    static ByteBuf render(final Reply reply, final ByteBufAllocator alloc)
    {
        final ByteBuf buf = alloc.buffer(256);
        try (JsonGenerator g = JsonReader.FACTORY.createGenerator((OutputStream)new ByteBufOutputStream(buf)))
        {
            reply.writeTo(new JsonReplyWriter(g));
        }
        catch (final IOException ex)
        {
            buf.release();
            throw new UncheckedIOException(ex);
        }
        catch (final RuntimeException ex)
        {
            buf.release();
            throw ex;
        }
        return buf;
    }

    public void startObject()
    {
        try
        {
            g.writeStartObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void startObject(final String name)
    {
        try
        {
            g.writeObjectFieldStart(name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void endObject()
    {
        try
        {
            g.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void startArray(final String name)
    {
        try
        {
            g.writeArrayFieldStart(name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void endArray()
    {
        try
        {
            g.writeEndArray();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void field(final String name, final long value)
    {
        try
        {
            g.writeNumberField(name, value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void field(final String name, final String value)
    {
        try
        {
            if (value == null)
            {
                g.writeNullField(name);
            }
            else
            {
                g.writeStringField(name, value);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void field(final String name, final boolean value)
    {
        try
        {
            g.writeBooleanField(name, value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void nullField(final String name)
    {
        try
        {
            g.writeNullField(name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void value(final long value)
    {
        try
        {
            g.writeNumber(value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void value(final String value)
    {
        try
        {
            if (value == null)
            {
                g.writeNull();
            }
            else
            {
                g.writeString(value);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
