package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** The answer to a tick: {@code {"engineTime":"…"}}, engine time after the due work ran. */
record TickReply(long engineTimeMillis) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("engineTime", Times.iso(engineTimeMillis));
        w.endObject();
    }
}
