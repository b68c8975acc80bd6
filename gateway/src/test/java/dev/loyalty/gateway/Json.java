package dev.loyalty.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-side JSON: parses an answer into maps, lists, longs, strings, booleans and nulls, and reads paths. */
final class Json
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json()
    {
    }

    static Object parse(final String text)
    {
        try (JsonParser p = FACTORY.createParser(text))
        {
            p.nextToken();
            final Object value = read(p);
            if (p.nextToken() != null)
            {
                throw new IllegalArgumentException("trailing content: " + text);
            }
            return value;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON: " + text, ex);
        }
    }

    /** The value at a path like {@code balance.available} or {@code lines[1].paid}; null when absent. */
    static Object at(final String text, final String path)
    {
        Object v = parse(text);
        for (final String part : path.split("\\."))
        {
            String name = part;
            int index = -1;
            final int bracket = part.indexOf('[');
            if (bracket >= 0)
            {
                name = part.substring(0, bracket);
                index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            }
            if (!name.isEmpty())
            {
                if (!(v instanceof Map<?, ?> m) || !m.containsKey(name))
                {
                    return null;
                }
                v = m.get(name);
            }
            if (index >= 0)
            {
                if (!(v instanceof List<?> l) || index >= l.size())
                {
                    return null;
                }
                v = l.get(index);
            }
        }
        return v;
    }

    static long num(final String text, final String path)
    {
        final Object v = at(text, path);
        if (!(v instanceof Long n))
        {
            throw new AssertionError("no number at " + path + " in " + text);
        }
        return n;
    }

    static String str(final String text, final String path)
    {
        final Object v = at(text, path);
        if (!(v instanceof String s))
        {
            throw new AssertionError("no string at " + path + " in " + text);
        }
        return s;
    }

    static boolean has(final String text, final String path)
    {
        final Object parent;
        final int dot = path.lastIndexOf('.');
        parent = dot < 0 ? parse(text) : at(text, path.substring(0, dot));
        return parent instanceof Map<?, ?> m && m.containsKey(dot < 0 ? path : path.substring(dot + 1));
    }

    private static Object read(final JsonParser p) throws IOException
    {
        final JsonToken t = p.currentToken();
        switch (t)
        {
            case START_OBJECT:
            {
                final LinkedHashMap<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p));
                }
                return m;
            }
            case START_ARRAY:
            {
                final ArrayList<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY)
                {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }
}
