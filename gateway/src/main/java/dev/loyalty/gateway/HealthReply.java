package dev.loyalty.gateway;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** {@code GET /health} when the engine takes commands: 200 {@code {"status":"ready"}}. */
final class HealthReply implements Reply
{
    static final HealthReply READY = new HealthReply();

    private HealthReply()
    {
    }

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("status", "ready");
        w.endObject();
    }
}
