package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.Map;

/** A store: its partner, channel and attributes (insertion-ordered, unmodifiable); also its own reply. */
record Store(String storeId, String partnerId, Channel channel, Map<String, String> attributes) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("storeId", storeId);
        w.field("partnerId", partnerId);
        w.field("channel", channel.name());
        w.startObject("attributes");
        for (final Map.Entry<String, String> e : attributes.entrySet())
        {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        w.endObject();
    }
}
