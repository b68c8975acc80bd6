package dev.loyalty.gateway.binary;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.pipeline.ReplyListener;
import dev.loyalty.engine.reply.Reply;
import io.netty.buffer.ByteBuf;

/**
 * One request of a binary connection and, once known, its answer frame. A connection keeps a fixed ring of
 * these, one per request it may have in flight, and reuses each once its answer is written.
 * <p>
 * As the engine's {@link ReplyListener} it runs on the replier thread: it keeps the reply and hands itself to
 * its connection's event loop, where {@link #run()} encodes it. Fields: {@code correlationId}, {@code command},
 * {@code startNs} are set on the event loop before publishing; {@code reply} is written by the replier and read
 * on the event loop after the hand-off (the executor's queue orders the two); {@code answer} and
 * {@code closeAfter} are event-loop only.
 */
final class BinaryExchange implements ReplyListener, Runnable
{
    final BinaryConnectionHandler handler;
    long correlationId;
    long startNs;
    Command command;
    Reply reply;
    ByteBuf answer;
    boolean closeAfter;

    BinaryExchange(final BinaryConnectionHandler handler)
    {
        this.handler = handler;
    }

    public void onReply(final Command command, final Reply reply)
    {
        this.reply = reply;
        handler.executor().execute(this);
    }

    public void run()
    {
        handler.onEngineReply(this);
    }

    void reset()
    {
        correlationId = 0;
        startNs = 0;
        command = null;
        reply = null;
        answer = null;
        closeAfter = false;
    }
}
