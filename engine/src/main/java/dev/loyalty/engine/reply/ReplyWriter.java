package dev.loyalty.engine.reply;

/**
 * A structured writer that replies render themselves into. The engine knows no JSON: the gateway implements
 * this over Jackson's streaming generator, tests may implement it over anything. Calls nest exactly like JSON:
 * an object's members are named, an array's elements are not. A null string is written as JSON null.
 */
public interface ReplyWriter
{
    void startObject();

    void startObject(String name);

    void endObject();

    void startArray(String name);

    void endArray();

    void field(String name, long value);

    void field(String name, String value);

    void field(String name, boolean value);

    void nullField(String name);

    void value(long value);

    void value(String value);
}
