package dev.loyalty.engine.reply;

/** A reply as compact text ({@code {name=value,...}}), for tests that compare answers without JSON. */
public final class ReplyText
{
    private ReplyText()
    {
    }

    /** The reply's fields in the order it writes them. */
    public static String of(final Reply reply)
    {
        final StringBuilder out = new StringBuilder();
        reply.writeTo(new ReplyWriter()
        {
            public void startObject()
            {
                out.append('{');
            }

            public void startObject(final String name)
            {
                out.append(name).append(":{");
            }

            public void endObject()
            {
                out.append('}');
            }

            public void startArray(final String name)
            {
                out.append(name).append(":[");
            }

            public void endArray()
            {
                out.append(']');
            }

            public void field(final String name, final long value)
            {
                out.append(name).append('=').append(value).append(',');
            }

            public void field(final String name, final String value)
            {
                out.append(name).append('=').append(value).append(',');
            }

            public void field(final String name, final boolean value)
            {
                out.append(name).append('=').append(value).append(',');
            }

            public void nullField(final String name)
            {
                out.append(name).append("=null,");
            }

            public void value(final long value)
            {
                out.append(value).append(',');
            }

            public void value(final String value)
            {
                out.append(value).append(',');
            }
        });
        return out.toString();
    }
}
