package dev.loyalty.gateway.binary;

import dev.loyalty.client.Protocol;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;
import org.agrona.MutableDirectBuffer;

/**
 * The base of the writers that render a {@link Reply} into one SBE answer message. A reply renders itself
 * through {@link ReplyWriter} exactly as it does for JSON; each subclass knows one shape's names and puts every
 * value into its typed SBE field, so that the binary answer and the JSON answer come from the one rendering and
 * cannot drift apart. SBE wants a message in its order (block, groups in schema order, then var data), while a
 * reply renders in JSON's order, so a writer:
 * <ul>
 *   <li>sets block fields whenever they come (they sit at fixed offsets);</li>
 *   <li>opens each group when its array starts, with the largest count, and sets the real count when the array
 *       ends (SBE's {@code resetCountToIndex}); a group the reply leaves out is written empty;</li>
 *   <li>writes an entry's one var field at once (it is the only thing after the entry's block), and keeps the
 *       message's own strings, which JSON renders first, until the root object ends.</li>
 * </ul>
 * A name a writer does not know is a bug (the engine renders something the wire has no field for): it throws
 * {@link IllegalStateException}, and the connection that was to get the answer is closed. Not thread-safe: one
 * instance per event loop.
 */
abstract class AnswerWriter implements ReplyWriter
{
    /** The count a group is opened with, before its real count is known. */
    static final int OPEN_GROUP_COUNT = 65_534;

    protected MutableDirectBuffer buffer;

    /** Renders {@code reply} as this writer's message at {@code offset}; returns the message's length. */
    abstract int write(Reply reply, MutableDirectBuffer buffer, int offset);

    /** The template id of this writer's message. */
    abstract int templateId();

    /** The block length of this writer's message. */
    abstract int blockLength();

    final int putText(final int limit, final String value)
    {
        return Protocol.putText(buffer, limit, value);
    }

    /**
     * Writes the {@code index}-th string of a group entry (counting from 0 in {@code written}), which must come in
     * the schema's order, at the message's limit; returns the new limit.
     */
    final int putEntryText(final int limit, final int index, final int written, final String name, final String value)
    {
        if (index != written)
        {
            throw unexpected("string " + name + " out of the wire's order", where());
        }
        return putText(limit, value);
    }

    final IllegalStateException unexpected(final String what, final String where)
    {
        return new IllegalStateException(
            getClass().getSimpleName() + ": unexpected " + what + " in " + where + "; the wire has no field for it");
    }

    abstract String where();

    public void startObject()
    {
        throw unexpected("object", where());
    }

    public void startObject(final String name)
    {
        throw unexpected("object " + name, where());
    }

    public void endObject()
    {
        throw unexpected("end of object", where());
    }

    public void startArray(final String name)
    {
        throw unexpected("array " + name, where());
    }

    public void endArray()
    {
        throw unexpected("end of array", where());
    }

    public void field(final String name, final long value)
    {
        throw unexpected("number " + name, where());
    }

    public void field(final String name, final String value)
    {
        throw unexpected("string " + name, where());
    }

    public void field(final String name, final boolean value)
    {
        throw unexpected("boolean " + name, where());
    }

    public void nullField(final String name)
    {
        field(name, (String)null);
    }

    public void value(final long value)
    {
        throw unexpected("number element", where());
    }

    public void value(final String value)
    {
        throw unexpected("string element", where());
    }
}
