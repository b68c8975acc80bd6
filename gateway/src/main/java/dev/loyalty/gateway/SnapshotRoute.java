package dev.loyalty.gateway;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.SnapshotResult;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;
import io.netty.buffer.ByteBuf;

import java.util.concurrent.CompletionException;

/**
 * {@code POST /v1/admin/snapshot} (admin keys only; no body, or {@code {}}): asks the engine's snapshot follower
 * for a snapshot covering every command journaled so far, without going through the ring (the live pipeline does
 * not stop for it), and answers once it is written: 200 {@code {"sequence","file","bytes","writeMillis",
 * "written"}} ({@code written} false when the newest snapshot already covered everything), or 503
 * {@code SNAPSHOT_UNAVAILABLE} when snapshots are off, the follower stopped or the snapshot could not be written.
 */
final class SnapshotRoute
{
    private SnapshotRoute()
    {
    }

    /** The route carries no command; a body, if any, must be an empty object. */
    static Command decode(final ByteBuf body)
    {
        if (body.isReadable())
        {
            PurchaseBodies.emptyBody(JsonReader.of(body.array(), body.arrayOffset() + body.readerIndex(),
                body.readableBytes()));
        }
        return null;
    }

    static void take(final LoyaltyEngine engine, final Exchange exchange)
    {
        engine.takeSnapshot().whenComplete((result, failure) -> exchange.handler.eventLoop().execute(() ->
        {
            if (failure == null)
            {
                exchange.handler.complete(exchange,
                    Responses.of(new Answer(result), exchange.handler.alloc(), exchange.keepAlive), null);
            }
            else
            {
                final Throwable cause = failure instanceof CompletionException && failure.getCause() != null ?
                    failure.getCause() : failure;
                exchange.handler.complete(exchange, Responses.error(ErrorCode.SNAPSHOT_UNAVAILABLE,
                    "no snapshot was written: " + cause.getMessage(), exchange.handler.alloc(), exchange.keepAlive),
                    ErrorCode.SNAPSHOT_UNAVAILABLE);
            }
        }));
    }

    /** The snapshot written, as the route answers it. */
    record Answer(SnapshotResult result) implements Reply
    {
        public int httpStatus()
        {
            return 200;
        }

        public void writeTo(final ReplyWriter w)
        {
            w.startObject();
            w.field("sequence", result.journalSequence());
            w.field("file", result.file().toString());
            w.field("bytes", result.bytes());
            w.field("writeMillis", result.writeMillis());
            w.field("written", result.written());
            w.endObject();
        }
    }
}
