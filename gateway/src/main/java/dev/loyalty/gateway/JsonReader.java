package dev.loyalty.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.netty.util.concurrent.FastThreadLocal;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of request bodies over Jackson's streaming parser: the decoders walk a body field by field
 * and read each value with the type and range it must have, so a body becomes a command without an
 * intermediate tree. Anything else is a {@link BadRequestException} naming the field: a wrong type, a number
 * out of range or not an integer, a duplicate field (strict duplicate detection), an unknown field, trailing
 * content after the body, nesting deeper than {@value #MAX_DEPTH}, or malformed JSON or UTF-8.
 * <p>
 * Field names in messages are paths such as {@code lines[2].qty}. One reader parses one body on one thread.
 */
final class JsonReader
{
    static final int MAX_DEPTH = 16;

    /** Objects with more fields than this find duplicates with a hash set rather than by comparing each name. */
    private static final int LINEAR_NAMES = 16;

    /**
     * Jackson's parser settings. Duplicate fields are found by this reader itself ({@link #checkDuplicate}), not by
     * Jackson's {@code STRICT_DUPLICATE_DETECTION}, which allocates a hash set and its nodes for every object of
     * more than two fields (the largest allocation of the event loop under load).
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(32)
            .maxStringLength(64 * 1024)
            .maxNameLength(256)
            .build())
        .build();

    /** Beyond this many names the array is not kept for the thread's next body. */
    private static final int KEPT_NAMES = 1024;

    /**
     * Each thread's reader: its arrays (names, frames) are kept from one body to the next instead of allocated per
     * request. A thread reads one body at a time: {@link #of} starts the next one.
     */
    private static final FastThreadLocal<JsonReader> READER = new FastThreadLocal<>()
    {
        protected JsonReader initialValue()
        {
            return new JsonReader();
        }
    };

    private JsonParser parser;
    /** The field names of every open object, innermost last; {@code frameStart[d]} is where depth d's begin. */
    private String[] names = new String[32];
    private int nameCount;
    private final int[] frameStart = new int[MAX_DEPTH + 2];
    private final HashSet<?>[] frameSets = new HashSet<?>[MAX_DEPTH + 2];
    private int depth;

    private JsonReader()
    {
    }

    /**
     * This thread's reader, over {@code length} bytes of UTF-8 JSON; whatever body the thread read before is
     * forgotten.
     */
    static JsonReader of(final byte[] bytes, final int offset, final int length)
    {
        final JsonParser parser;
        try
        {
            parser = FACTORY.createParser(bytes, offset, length);
        }
        catch (final IOException ex)
        {
            throw new BadRequestException("the body is not valid JSON");
        }
        return READER.get().reset(parser);
    }

    private JsonReader reset(final JsonParser parser)
    {
        this.parser = parser;
        if (names.length > KEPT_NAMES)
        {
            names = new String[32];
        }
        nameCount = 0;
        depth = 0;
        Arrays.fill(frameSets, null);
        return this;
    }

    /** Reads the opening of the body's top-level object. */
    void startBody()
    {
        if (next() != JsonToken.START_OBJECT)
        {
            throw new BadRequestException("the body must be a JSON object");
        }
    }

    /** Checks nothing follows the body's top-level object. */
    void endBody()
    {
        if (next() != null)
        {
            throw new BadRequestException("unexpected content after the JSON body");
        }
    }

    /** The next field name of the current object, or null at its end. */
    String nextField()
    {
        final JsonToken t = next();
        if (t == JsonToken.END_OBJECT)
        {
            return null;
        }
        if (t != JsonToken.FIELD_NAME)
        {
            throw new BadRequestException("the body is not valid JSON");
        }
        return name();
    }

    /** Moves to the value of the current field and tells whether it is JSON null. */
    boolean nextIsNull()
    {
        return next() == JsonToken.VALUE_NULL;
    }

    /** The current value as a string; null when it is JSON null. */
    String stringOrNull(final String field)
    {
        final JsonToken t = current();
        if (t == JsonToken.VALUE_NULL)
        {
            return null;
        }
        if (t != JsonToken.VALUE_STRING)
        {
            throw new BadRequestException(field + " must be a string");
        }
        return text();
    }

    /** The next value, which must be a string. */
    String string(final String field)
    {
        next();
        final String s = stringOrNull(field);
        if (s == null)
        {
            throw new BadRequestException(field + " must be a string");
        }
        return s;
    }

    /** The next value: a string, or null for JSON null. */
    String nullableString(final String field)
    {
        next();
        return stringOrNull(field);
    }

    /**
     * The next value, which must be a string, as the index of the one of {@code choices} it equals, or -1 when it
     * is another string: compared where the parser holds it, without making a string of it.
     */
    int stringIndex(final String field, final String[] choices)
    {
        if (next() != JsonToken.VALUE_STRING)
        {
            throw new BadRequestException(field + " must be a string");
        }
        try
        {
            final char[] chars = parser.getTextCharacters();
            final int offset = parser.getTextOffset();
            final int length = parser.getTextLength();
            for (int i = 0; i < choices.length; i++)
            {
                if (equals(choices[i], chars, offset, length))
                {
                    return i;
                }
            }
            return -1;
        }
        catch (final IOException ex)
        {
            throw new BadRequestException("the body is not valid JSON");
        }
    }

    private static boolean equals(final String s, final char[] chars, final int offset, final int length)
    {
        if (s.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (s.charAt(i) != chars[offset + i])
            {
                return false;
            }
        }
        return true;
    }

    /** The next value: an identifier or code of 1-64 printable ASCII characters. */
    String id(final String field)
    {
        return checkId(field, string(field));
    }

    /** The next value: an id, or null for JSON null. */
    String nullableId(final String field)
    {
        final String s = nullableString(field);
        return s == null ? null : checkId(field, s);
    }

    /** The next value: an integer in {@code min..max}. */
    long integer(final String field, final long min, final long max)
    {
        next();
        return currentInteger(field, min, max);
    }

    /** The current value as an integer in {@code min..max}. */
    long currentInteger(final String field, final long min, final long max)
    {
        if (current() != JsonToken.VALUE_NUMBER_INT)
        {
            throw new BadRequestException(field + " must be an integer");
        }
        final long value;
        try
        {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
            {
                throw new BadRequestException(field + " does not fit a signed 64-bit integer");
            }
            value = parser.getLongValue();
        }
        catch (final IOException ex)
        {
            throw new BadRequestException(field + " does not fit a signed 64-bit integer");
        }
        if (value < min || value > max)
        {
            throw new BadRequestException(field + " must be " + min + ".." + max);
        }
        return value;
    }

    /** The next value: true or false. */
    boolean bool(final String field)
    {
        final JsonToken t = next();
        if (t == JsonToken.VALUE_TRUE)
        {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE)
        {
            return false;
        }
        throw new BadRequestException(field + " must be true or false");
    }

    /** Moves into the next value, which must be an object (null: returns false). */
    boolean startObject(final String field)
    {
        final JsonToken t = next();
        if (t == JsonToken.VALUE_NULL)
        {
            return false;
        }
        if (t != JsonToken.START_OBJECT)
        {
            throw new BadRequestException(field + " must be an object");
        }
        return true;
    }

    /** Moves into the next value, which must be an array (null: returns false). */
    boolean startArray(final String field)
    {
        final JsonToken t = next();
        if (t == JsonToken.VALUE_NULL)
        {
            return false;
        }
        if (t != JsonToken.START_ARRAY)
        {
            throw new BadRequestException(field + " must be an array");
        }
        return true;
    }

    /** The next element of the current array: true when there is one (the reader is on it), false at its end. */
    boolean nextElement()
    {
        return next() != JsonToken.END_ARRAY;
    }

    /** The current token, for decoders that accept more than one type (e.g. a number or "MAX"). */
    JsonToken current()
    {
        return parser.currentToken();
    }

    /** The current string value. */
    String text()
    {
        try
        {
            return parser.getText();
        }
        catch (final IOException ex)
        {
            throw new BadRequestException("the body is not valid JSON");
        }
    }

    /**
     * The next value: an object of string values ({@code "attributes"}), at most {@code maxEntries} entries,
     * keys 1-64 printable characters, values at most 256 characters; null for JSON null.
     */
    Map<String, String> stringMap(final String field, final int maxEntries)
    {
        if (!startObject(field))
        {
            return null;
        }
        final LinkedHashMap<String, String> map = new LinkedHashMap<>();
        String key;
        while ((key = nextField()) != null)
        {
            final String where = field + "." + key;
            checkId(where, key);
            final String value = string(where);
            if (value.length() > 256)
            {
                throw new BadRequestException(where + " must be at most 256 characters");
            }
            checkText(where, value);
            if (map.size() == maxEntries)
            {
                throw new BadRequestException(field + " has more than " + maxEntries + " entries");
            }
            map.put(key, value);
        }
        return map;
    }

    /** Rejects a field the body may not have. */
    static BadRequestException unknownField(final String where)
    {
        return new BadRequestException("unknown field " + where);
    }

    /** Checks an id: 1-64 printable ASCII characters (no spaces or controls). */
    static String checkId(final String field, final String s)
    {
        if (!isId(s))
        {
            throw new BadRequestException(field + " must be 1-64 printable characters");
        }
        return s;
    }

    /** True for an id: 1-64 printable ASCII characters (no spaces or controls). */
    static boolean isId(final String s)
    {
        if (s.isEmpty() || s.length() > 64)
        {
            return false;
        }
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e)
            {
                return false;
            }
        }
        return true;
    }

    /** Checks free text (names, attribute values): no control characters. */
    static String checkText(final String field, final String s)
    {
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f)
            {
                throw new BadRequestException(field + " must not contain control characters");
            }
        }
        return s;
    }

    /** Checks an UPPER_SNAKE word such as a payment kind: A-Z, 0-9 and '_', starting with a letter, 1-64 long. */
    static String checkUpperSnake(final String field, final String s)
    {
        if (s.isEmpty() || s.length() > 64 || s.charAt(0) < 'A' || s.charAt(0) > 'Z')
        {
            throw new BadRequestException(field + " must be an UPPER_SNAKE word");
        }
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_')
            {
                throw new BadRequestException(field + " must be an UPPER_SNAKE word");
            }
        }
        return s;
    }

    private JsonToken next()
    {
        try
        {
            final JsonToken t = parser.nextToken();
            if (t != null)
            {
                switch (t)
                {
                    case START_OBJECT, START_ARRAY -> frameStart[++depth] = nameCount;
                    case END_OBJECT, END_ARRAY ->
                    {
                        nameCount = frameStart[depth];
                        frameSets[depth] = null;
                        depth--;
                    }
                    case FIELD_NAME -> checkDuplicate(parser.currentName());
                    default ->
                    {
                    }
                }
            }
            return t;
        }
        catch (final StreamConstraintsException ex)
        {
            throw new BadRequestException("the body exceeds a JSON limit: " + ex.getOriginalMessage());
        }
        catch (final JsonProcessingException ex)
        {
            throw new BadRequestException("the body is not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new BadRequestException("the body is not valid JSON");
        }
    }

    /** Jackson's strict duplicate detection, as its message says it, without its allocation per object. */
    @SuppressWarnings("unchecked")
    private void checkDuplicate(final String name)
    {
        final int from = frameStart[depth];
        final int count = nameCount - from;
        HashSet<String> set = (HashSet<String>)frameSets[depth];
        if (set != null)
        {
            if (!set.add(name))
            {
                throw duplicate(name);
            }
        }
        else if (count < LINEAR_NAMES)
        {
            for (int i = from; i < nameCount; i++)
            {
                if (names[i].equals(name))
                {
                    throw duplicate(name);
                }
            }
        }
        else
        {
            set = new HashSet<>();
            for (int i = from; i < nameCount; i++)
            {
                set.add(names[i]);
            }
            if (!set.add(name))
            {
                throw duplicate(name);
            }
            frameSets[depth] = set;
        }
        if (nameCount == names.length)
        {
            names = Arrays.copyOf(names, names.length * 2);
        }
        names[nameCount++] = name;
    }

    private static BadRequestException duplicate(final String name)
    {
        return new BadRequestException("the body is not valid JSON: Duplicate field '" + name + "'");
    }

    private String name()
    {
        try
        {
            return parser.currentName();
        }
        catch (final IOException ex)
        {
            throw new BadRequestException("the body is not valid JSON");
        }
    }
}
