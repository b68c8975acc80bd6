package dev.loyalty.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an answer's JSON into maps, lists, longs, strings, booleans and nulls, with typed getters for tests. */
final class Json
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json()
    {
    }

    static Map<String, Object> object(final String text)
    {
        return asObject(parse(text));
    }

    static Object parse(final String text)
    {
        try (JsonParser parser = FACTORY.createParser(text))
        {
            parser.nextToken();
            return value(parser);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON: " + text, ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(final Object value)
    {
        return (Map<String, Object>)value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(final Map<String, Object> object, final String field)
    {
        return (List<Object>)object.get(field);
    }

    static Map<String, Object> obj(final Map<String, Object> object, final String field)
    {
        return asObject(object.get(field));
    }

    static long num(final Map<String, Object> object, final String field)
    {
        final Object value = object.get(field);
        if (!(value instanceof Long n))
        {
            throw new AssertionError("no number " + field + " in " + object);
        }
        return n;
    }

    static String str(final Map<String, Object> object, final String field)
    {
        return (String)object.get(field);
    }

    private static Object value(final JsonParser parser) throws IOException
    {
        final JsonToken token = parser.currentToken();
        switch (token)
        {
            case START_OBJECT:
                final Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                return object;
            case START_ARRAY:
                final List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY)
                {
                    array.add(value(parser));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + token);
        }
    }
}
