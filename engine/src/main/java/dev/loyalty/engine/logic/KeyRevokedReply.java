package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** {@code {"keyId","revoked":true}}. */
record KeyRevokedReply(String keyId) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("keyId", keyId);
        w.field("revoked", true);
        w.endObject();
    }
}
