package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a reply into nested maps and lists (objects keep their field order) so tests can read it by path. */
final class TreeWriter implements ReplyWriter
{
    private final Deque<Object> stack = new ArrayDeque<>();
    private Object root;

    static Map<String, Object> render(final Reply reply)
    {
        final TreeWriter w = new TreeWriter();
        reply.writeTo(w);
        @SuppressWarnings("unchecked")
        final Map<String, Object> root = (Map<String, Object>)w.root;
        return root;
    }

    /** Reads a dotted path such as {@code balance.available} or {@code lines.0.paid}. */
    static Object at(final Map<String, Object> tree, final String path)
    {
        Object node = tree;
        for (final String part : path.split("\\."))
        {
            if (node instanceof Map<?, ?> map)
            {
                if (!map.containsKey(part))
                {
                    throw new AssertionError("no field " + part + " in " + tree);
                }
                node = map.get(part);
            }
            else if (node instanceof List<?> list)
            {
                node = list.get(Integer.parseInt(part));
            }
            else
            {
                throw new AssertionError("cannot descend into " + node + " at " + part + " of " + path);
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private void add(final String name, final Object value)
    {
        final Object top = stack.peek();
        if (top instanceof Map<?, ?>)
        {
            final Map<String, Object> map = (Map<String, Object>)top;
            if (map.containsKey(name))
            {
                throw new AssertionError("field " + name + " written twice");
            }
            map.put(name, value);
        }
        else if (top instanceof List<?>)
        {
            if (name != null)
            {
                throw new AssertionError("named field " + name + " inside an array");
            }
            ((List<Object>)top).add(value);
        }
        else
        {
            throw new AssertionError("value outside of an object: " + name);
        }
    }

    private void open(final String name, final Object container)
    {
        if (stack.isEmpty())
        {
            if (root != null)
            {
                throw new AssertionError("two roots");
            }
            root = container;
        }
        else
        {
            add(name, container);
        }
        stack.push(container);
    }

    public void startObject()
    {
        open(null, new LinkedHashMap<String, Object>());
    }

    public void startObject(final String name)
    {
        open(name, new LinkedHashMap<String, Object>());
    }

    public void endObject()
    {
        if (!(stack.pop() instanceof Map<?, ?>))
        {
            throw new AssertionError("endObject closes an array");
        }
    }

    public void startArray(final String name)
    {
        open(name, new ArrayList<>());
    }

    public void endArray()
    {
        if (!(stack.pop() instanceof List<?>))
        {
            throw new AssertionError("endArray closes an object");
        }
    }

    public void field(final String name, final long value)
    {
        add(name, value);
    }

    public void field(final String name, final String value)
    {
        add(name, value);
    }

    public void field(final String name, final boolean value)
    {
        add(name, value);
    }

    public void nullField(final String name)
    {
        add(name, null);
    }

    public void value(final long value)
    {
        add(null, value);
    }

    public void value(final String value)
    {
        add(null, value);
    }
}
