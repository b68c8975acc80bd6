package dev.loyalty.gateway;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.pipeline.ReplyListener;
import dev.loyalty.engine.reply.Reply;

/**
 * One request of a connection and, once known, its answer. The connection's handler keeps its exchanges in
 * request order and writes each answer only when every earlier one is written, so pipelined requests are
 * answered in order even when some are answered by the gateway and others by the engine.
 * <p>
 * As the engine's {@link ReplyListener} it is called on the replier thread: it keeps the reply and hands
 * itself to its event loop's {@link EventLoopReplies}, whose drain renders it. Fields: {@code command},
 * {@code keyId}, {@code keyToken} are set on the event loop before publishing; {@code reply} is written by the
 * replier and read on the event loop after the hand-off (the inbox's queue orders the two);
 * {@code response} is event-loop only: a {@code FullHttpResponse}, or for an engine reply the whole encoded
 * response in one {@code ByteBuf} ({@link Responses#encoded}).
 */
final class Exchange implements ReplyListener
{
    final HttpRequestHandler handler;
    final boolean keepAlive;
    final long startNs;
    Command command;
    /** For {@code POST /v1/keys}: the key id the gateway generated and the token shown once. */
    String keyId;
    String keyToken;
    Reply reply;
    Object response;

    Exchange(final HttpRequestHandler handler, final boolean keepAlive, final long startNs)
    {
        this.handler = handler;
        this.keepAlive = keepAlive;
        this.startNs = startNs;
    }

    public void onReply(final Command command, final Reply reply)
    {
        this.reply = reply;
        handler.replies().offer(this);
    }
}
