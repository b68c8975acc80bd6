package dev.loyalty.gateway;

import dev.loyalty.engine.reply.KeyCreatedReply;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/**
 * The first answer to {@code POST /v1/keys}: the engine's {@link KeyCreatedReply} with the key itself in
 * {@code key}. Only the gateway that generated the secret can write this, once; a replay of the same
 * {@code requestId} answers the engine's reply, whose {@code key} is null.
 */
record KeyShownOnce(KeyCreatedReply created, String token) implements Reply
{
    public int httpStatus()
    {
        return created.httpStatus();
    }

    public void writeTo(final ReplyWriter w)
    {
        created.writeTo(w, token);
    }
}
