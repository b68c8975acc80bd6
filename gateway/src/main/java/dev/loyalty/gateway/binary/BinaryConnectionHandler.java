package dev.loyalty.gateway.binary;

import dev.loyalty.client.Protocol;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.gateway.BadRequestException;
import dev.loyalty.gateway.Principal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * One binary connection, on its event loop. It cuts the byte stream into frames by their length field, refuses
 * everything before a good AUTH frame, turns each request into a command and {@code tryPublish}es it into the
 * engine's ring, and writes the answers strictly in request order, each with its request's correlation id:
 * <pre>
 *   bytes ──► frames ──► AUTH? ─no──► UNAUTHORIZED, close
 *                          │ yes (once)
 *                          ▼
 *            PING ──► PONG            request ──► decode (400: ERROR frame) ──► tryPublish ──► engine
 *                                                                    full: OVERLOADED ◄──┘        │
 *   answers in request order ◄── ring of exchanges (one per request in flight) ◄── reply ◄──────┘
 * </pre>
 * Back-pressure: with {@code maxInFlight} requests unanswered, or while the socket cannot take more (a client
 * that does not read), it stops cutting frames and stops reading the socket; frames already read wait in the
 * buffer. A full ring is answered OVERLOADED at once, never waited for. Limits: a length field over the maximum
 * or under 16 is answered with an ERROR frame (correlation id 0) and the connection closed, before any of the
 * frame is read; a frame that is not whole within the request timeout of its first byte closes the connection
 * the same way; a connection with nothing in flight and no traffic for the idle timeout is closed silently.
 * Nothing here blocks, and nothing a client sends makes it throw.
 */
final class BinaryConnectionHandler extends ChannelInboundHandlerAdapter
{
    private final BinaryServer server;
    private final int maxFrameLength;
    private final int maxInFlight;
    private final long requestTimeoutNs;
    private final BinaryExchange[] ring;
    private final Runnable flushTask = this::flushNow;
    private final Runnable deadlineTask = this::onDeadline;

    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    private Principal principal;
    private int head;
    private int count;
    private boolean closing;
    private boolean inactive;
    private boolean paused;
    private boolean draining;
    private boolean inRead;
    private boolean flushOnReadComplete;
    private boolean flushScheduled;
    private long partialSinceNs;
    private ScheduledFuture<?> deadline;

    BinaryConnectionHandler(final BinaryServer server)
    {
        this.server = server;
        this.maxFrameLength = server.maxFrameLength();
        this.maxInFlight = server.maxInFlight();
        this.requestTimeoutNs = TimeUnit.MILLISECONDS.toNanos(server.requestTimeoutMillis());
        this.ring = new BinaryExchange[maxInFlight + 1];
    }

    EventExecutor executor()
    {
        return ctx.executor();
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof ByteBuf in))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing)
        {
            in.release();
            return;
        }
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        inRead = true;
        drain();
    }

    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        inRead = false;
        if (flushOnReadComplete)
        {
            flushOnReadComplete = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** Cuts and handles every whole frame the buffer holds, while the connection may take more. */
    private void drain()
    {
        if (draining)
        {
            return;
        }
        draining = true;
        boolean progressed = false;
        try
        {
            while (cumulation != null && !closing)
            {
                if (count >= maxInFlight || !ctx.channel().isWritable())
                {
                    pause();
                    break;
                }
                final int readable = cumulation.readableBytes();
                if (readable < Protocol.LENGTH_FIELD_LENGTH)
                {
                    break;
                }
                final int index = cumulation.readerIndex();
                final long length = cumulation.getUnsignedIntLE(index);
                if (length > maxFrameLength)
                {
                    fatal(Protocol.CONNECTION_CORRELATION_ID, ErrorCode.PAYLOAD_TOO_LARGE,
                        "a frame of " + length + " bytes is over the limit of " + maxFrameLength + " bytes");
                    break;
                }
                if (length < Protocol.MIN_FRAME_LENGTH)
                {
                    fatal(Protocol.CONNECTION_CORRELATION_ID, ErrorCode.INVALID_REQUEST,
                        "a frame length of " + length + " is under the minimum of " + Protocol.MIN_FRAME_LENGTH);
                    break;
                }
                if (readable < Protocol.LENGTH_FIELD_LENGTH + length)
                {
                    break;
                }
                cumulation.readerIndex(index + Protocol.LENGTH_FIELD_LENGTH + (int)length);
                onFrame(cumulation, index + Protocol.LENGTH_FIELD_LENGTH, (int)length);
                progressed = true;
            }
        }
        finally
        {
            draining = false;
        }
        if (cumulation != null && (closing || !cumulation.isReadable()))
        {
            cumulation.release();
            cumulation = null;
        }
        else if (cumulation != null)
        {
            cumulation.discardSomeReadBytes();
        }
        trackIncompleteFrame(progressed);
    }

    private void onFrame(final ByteBuf buf, final int index, final int length)
    {
        final BinaryCodec codec = server.codec();
        final DirectBuffer frame = codec.frame(buf, index, length);
        final long correlationId = frame.getLong(0, Protocol.BYTE_ORDER);
        final BinaryRequestDecoder decoder = codec.decoder;
        final int schemaId = decoder.schemaId(frame);
        final int templateId = decoder.templateId(frame);
        if (principal == null)
        {
            if (templateId == Protocol.AUTH && schemaId == Protocol.SCHEMA_ID)
            {
                authenticate(codec, frame, correlationId, length);
            }
            else
            {
                fatal(correlationId, ErrorCode.UNAUTHORIZED,
                    "the first frame must be AUTH (template id " + Protocol.AUTH + ") with a valid key");
            }
            return;
        }
        if (schemaId != Protocol.SCHEMA_ID)
        {
            reject(correlationId, ErrorCode.INVALID_REQUEST,
                "schema id " + schemaId + " is not this protocol's (" + Protocol.SCHEMA_ID + ")");
            return;
        }
        if (templateId == Protocol.PING)
        {
            try
            {
                decoder.checkPing(frame, length);
            }
            catch (final BadRequestException ex)
            {
                reject(correlationId, ex.code(), ex.getMessage());
                return;
            }
            answer(correlationId, codec.encoder.pong(correlationId));
            return;
        }
        if (templateId == Protocol.AUTH)
        {
            reject(correlationId, ErrorCode.INVALID_REQUEST, "this connection is already authenticated");
            return;
        }
        if (!server.authenticator().isLive(principal))
        {
            fatal(correlationId, ErrorCode.UNAUTHORIZED, "the key of this connection has been revoked");
            return;
        }
        final Command command;
        try
        {
            command = decoder.decode(frame, length, principal.scopePartnerId());
        }
        catch (final BadRequestException ex)
        {
            reject(correlationId, ex.code(), ex.getMessage());
            return;
        }
        catch (final RuntimeException ex)
        {
            server.metrics().recordBinaryInternalError();
            reject(correlationId, ErrorCode.INVALID_REQUEST, "the frame is malformed");
            return;
        }
        final BinaryExchange exchange = push(correlationId);
        exchange.command = command;
        exchange.startNs = System.nanoTime();
        if (!server.engine().tryPublish(command, exchange))
        {
            final boolean halted = server.engine().isHalted();
            final ErrorCode code = halted ? ErrorCode.ENGINE_HALTED : ErrorCode.OVERLOADED;
            server.metrics().recordBinaryRejected(code);
            exchange.command = null;
            exchange.answer = codec.encoder.copy(ctx.alloc(), codec.encoder.error(correlationId, code, halted ?
                "the engine stopped on an internal error; retry later" :
                "the engine is at capacity; retry after " + BinaryAnswerEncoder.RETRY_AFTER_MILLIS + " ms", null));
            writeReady();
        }
    }

    private void authenticate(final BinaryCodec codec, final DirectBuffer frame, final long correlationId, final int length)
    {
        final String key;
        try
        {
            key = codec.decoder.authKey(frame, length);
        }
        catch (final BadRequestException ex)
        {
            fatal(correlationId, ex.code(), ex.getMessage());
            return;
        }
        final int version = codec.decoder.authProtocolVersion();
        if (version != Protocol.VERSION)
        {
            fatal(correlationId, ErrorCode.INVALID_REQUEST,
                "protocol version " + version + " is not served; this server speaks " + Protocol.VERSION);
            return;
        }
        final Principal p = server.authenticator().authenticateKey(key);
        if (p == null)
        {
            fatal(correlationId, ErrorCode.UNAUTHORIZED, "a valid key is required in the AUTH frame");
            return;
        }
        principal = p;
        answer(correlationId, codec.encoder.authOk(correlationId, maxFrameLength, maxInFlight,
            server.idleTimeoutMillis(), p.admin(), p.keyId(), p.partnerId()));
    }

    /** The engine answered: encode it (on this event loop) and write what is ready. */
    void onEngineReply(final BinaryExchange exchange)
    {
        if (inactive)
        {
            return;
        }
        final BinaryAnswerEncoder encoder = server.codec().encoder;
        final CommandType type = exchange.command.type();
        final int length;
        try
        {
            length = encoder.reply(exchange.correlationId, type, exchange.reply);
        }
        catch (final RuntimeException ex)
        {
            server.metrics().recordBinaryInternalError();
            closing = true;
            ctx.close();
            return;
        }
        exchange.answer = encoder.copy(ctx.alloc(), length);
        server.metrics().recordBinaryCommand(type, exchange.reply.errorCode(), System.nanoTime() - exchange.startNs);
        exchange.reply = null;
        exchange.command = null;
        writeReady();
    }

    private BinaryExchange push(final long correlationId)
    {
        final int slot = (head + count) % ring.length;
        BinaryExchange exchange = ring[slot];
        if (exchange == null)
        {
            exchange = new BinaryExchange(this);
            ring[slot] = exchange;
        }
        exchange.correlationId = correlationId;
        count++;
        return exchange;
    }

    /** An answer the gateway makes itself (AUTH_OK, PONG), already encoded in the codec's buffer. */
    private void answer(final long correlationId, final int frameLength)
    {
        final BinaryExchange exchange = push(correlationId);
        exchange.answer = server.codec().encoder.copy(ctx.alloc(), frameLength);
        writeReady();
    }

    /** An error frame the gateway answers itself, in order after every earlier answer. */
    private void reject(final long correlationId, final ErrorCode code, final String message)
    {
        server.metrics().recordBinaryRejected(code);
        final BinaryAnswerEncoder encoder = server.codec().encoder;
        final BinaryExchange exchange = push(correlationId);
        exchange.answer = encoder.copy(ctx.alloc(), encoder.error(correlationId, code, message, null));
        writeReady();
    }

    /** An error frame after every earlier answer, then the connection closes; nothing more is read. */
    private void fatal(final long correlationId, final ErrorCode code, final String message)
    {
        closing = true;
        pause();
        server.metrics().recordBinaryRejected(code);
        final BinaryAnswerEncoder encoder = server.codec().encoder;
        final BinaryExchange exchange = push(correlationId);
        exchange.closeAfter = true;
        exchange.answer = encoder.copy(ctx.alloc(), encoder.error(correlationId, code, message, null));
        writeReady();
    }

    private void writeReady()
    {
        boolean wrote = false;
        while (count > 0)
        {
            final BinaryExchange exchange = ring[head];
            if (exchange.answer == null)
            {
                break;
            }
            final boolean close = exchange.closeAfter;
            ctx.write(exchange.answer, ctx.voidPromise());
            exchange.reset();
            head = (head + 1) % ring.length;
            count--;
            wrote = true;
            if (close)
            {
                releaseAnswers();
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote)
        {
            requestFlush();
        }
        maybeResume();
    }

    /** Flushes once for a burst of answers: at the end of the read, or after the replies queued with this one. */
    private void requestFlush()
    {
        if (inRead)
        {
            flushOnReadComplete = true;
        }
        else if (!flushScheduled)
        {
            flushScheduled = true;
            ctx.executor().execute(flushTask);
        }
    }

    private void flushNow()
    {
        flushScheduled = false;
        if (!inactive)
        {
            ctx.flush();
        }
    }

    private void pause()
    {
        if (!paused)
        {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void maybeResume()
    {
        if (paused && !draining && !closing && !inactive && count < maxInFlight && ctx.channel().isWritable())
        {
            paused = false;
            drain();
            if (!paused && !closing)
            {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    /**
     * Keeps the time the frame now incomplete started to arrive, and one timer for the request timeout: a
     * client may not hold a connection with half a frame for longer. Reading paused by back-pressure is not
     * the client's delay, so it does not count.
     */
    private void trackIncompleteFrame(final boolean progressed)
    {
        if (cumulation == null || closing || paused)
        {
            partialSinceNs = 0;
            return;
        }
        if (partialSinceNs == 0 || progressed)
        {
            partialSinceNs = System.nanoTime();
        }
        if (deadline == null)
        {
            deadline = ctx.executor().schedule(deadlineTask, requestTimeoutNs, TimeUnit.NANOSECONDS);
        }
    }

    private void onDeadline()
    {
        deadline = null;
        if (inactive || closing || partialSinceNs == 0)
        {
            return;
        }
        final long waitedNs = System.nanoTime() - partialSinceNs;
        if (waitedNs >= requestTimeoutNs)
        {
            fatal(Protocol.CONNECTION_CORRELATION_ID, ErrorCode.INVALID_REQUEST, "a frame took longer than " +
                server.requestTimeoutMillis() + " ms to arrive");
            if (cumulation != null)
            {
                cumulation.release();
                cumulation = null;
            }
        }
        else
        {
            deadline = ctx.executor().schedule(deadlineTask, requestTimeoutNs - waitedNs, TimeUnit.NANOSECONDS);
        }
    }

    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().isWritable())
        {
            maybeResume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt instanceof IdleStateEvent)
        {
            if (count == 0 && partialSinceNs == 0)
            {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        inactive = true;
        closing = true;
        if (cumulation != null)
        {
            cumulation.release();
            cumulation = null;
        }
        releaseAnswers();
        if (deadline != null)
        {
            deadline.cancel(false);
            deadline = null;
        }
        ctx.fireChannelInactive();
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        closing = true;
        ctx.close();
    }

    private void releaseAnswers()
    {
        for (final BinaryExchange exchange : ring)
        {
            if (exchange != null && exchange.answer != null)
            {
                exchange.answer.release();
                exchange.answer = null;
            }
        }
    }
}
