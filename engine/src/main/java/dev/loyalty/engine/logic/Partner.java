package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** A partner of the coalition; also its own reply ({@code {"partnerId","name"}}). */
record Partner(String partnerId, String name) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("partnerId", partnerId);
        w.field("name", name);
        w.endObject();
    }
}
