package dev.loyalty.benchmarks;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a reply's named fields outside any array by their dotted path ({@code "balance.available"}), the way a
 * client would see them in the JSON. For checking results after a run, not for a hot path: it allocates.
 */
final class ReplyFields implements ReplyWriter
{
    private final Map<String, Object> fields = new HashMap<>();
    private final ArrayDeque<String> path = new ArrayDeque<>();
    private int arrayDepth;

    private ReplyFields()
    {
    }

    /** The reply's fields by dotted path. */
    static ReplyFields of(final Reply reply)
    {
        final ReplyFields fields = new ReplyFields();
        reply.writeTo(fields);
        return fields;
    }

    long number(final String name)
    {
        final Object value = fields.get(name);
        if (!(value instanceof Long))
        {
            throw new IllegalStateException("reply has no number " + name + ": " + fields);
        }
        return (Long)value;
    }

    String text(final String name)
    {
        final Object value = fields.get(name);
        return value instanceof String ? (String)value : null;
    }

    public String toString()
    {
        return fields.toString();
    }

    public void startObject()
    {
        path.addLast(arrayDepth > 0 ? "[]" : "");
    }

    public void startObject(final String name)
    {
        path.addLast(name);
    }

    public void endObject()
    {
        path.removeLast();
    }

    public void startArray(final String name)
    {
        arrayDepth++;
    }

    public void endArray()
    {
        arrayDepth--;
    }

    public void field(final String name, final long value)
    {
        put(name, value);
    }

    public void field(final String name, final String value)
    {
        put(name, value);
    }

    public void field(final String name, final boolean value)
    {
        put(name, value);
    }

    public void nullField(final String name)
    {
        put(name, null);
    }

    public void value(final long value)
    {
    }

    public void value(final String value)
    {
    }

    private void put(final String name, final Object value)
    {
        if (arrayDepth > 0)
        {
            return;
        }
        final StringBuilder key = new StringBuilder();
        for (final String part : path)
        {
            if (!part.isEmpty())
            {
                key.append(part).append('.');
            }
        }
        fields.put(key.append(name).toString(), value);
    }
}
