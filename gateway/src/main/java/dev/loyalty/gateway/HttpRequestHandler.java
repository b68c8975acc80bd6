package dev.loyalty.gateway;

import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.KeyCreatedReply;
import dev.loyalty.engine.reply.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * One connection's request handling, on its event loop: gathers each request's body up to the limit (413 in
 * API.md's error shape beyond it, decided from {@code Content-Length} before the body is read when there is
 * one), hands the whole request to the {@link RequestRouter}, and writes the answers strictly in request
 * order (HTTP/1.1 pipelining). With {@code maxInFlightPerConnection} requests unanswered it stops reading the
 * socket, and holds requests already read (pipelined in the same read) until answers go out, so one client
 * never has more than that many requests in the engine. Nothing here blocks.
 */
final class HttpRequestHandler extends ChannelInboundHandlerAdapter
{
    private final RequestRouter router;
    private final RequestDeadlineHandler deadlines;
    private final GatewayMetrics metrics;
    private final int maxBodyBytes;
    private final int maxInFlight;
    private final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private EventLoopReplies replies;
    private boolean flushPending;
    private String authenticatedHeader;
    private Principal authenticatedPrincipal;
    private HttpRequest request;
    private ByteBuf body;
    private boolean oversized;
    private boolean closing;
    private boolean inputClosed;
    private boolean readingPaused;

    /**
     * A whole request read while the connection had {@code maxInFlight} answers owed: several pipelined requests
     * can arrive in one socket read, after which reading stops. It waits here, in order, until answers go out;
     * a rejection that ends the connection waits behind the requests before it. At most one read's worth waits.
     */
    private record Waiting(HttpRequest request, ByteBuf body, long arrivedNs, ErrorCode rejection, String message)
    {
    }

    HttpRequestHandler(
        final RequestRouter router, final GatewayMetrics metrics, final GatewayContext settings,
        final RequestDeadlineHandler deadlines)
    {
        this.router = router;
        this.deadlines = deadlines;
        this.metrics = metrics;
        this.maxBodyBytes = settings.maxBodyBytes();
        this.maxInFlight = settings.maxInFlightPerConnection();
    }

    /**
     * The caller of this connection's request: the last header that authenticated on this connection is not
     * hashed again while its key stays live (a revoked key is checked on every request, as before); any other
     * header is authenticated afresh. Saves a SHA-256 per request on a keep-alive connection.
     */
    Principal authenticate(final Authenticator authenticator, final String authorization)
    {
        if (authorization != null && authorization.equals(authenticatedHeader) &&
            authenticator.isLive(authenticatedPrincipal))
        {
            return authenticatedPrincipal;
        }
        final Principal principal = authenticator.authenticate(authorization);
        authenticatedHeader = principal == null ? null : authorization;
        authenticatedPrincipal = principal;
        return principal;
    }

    EventLoop eventLoop()
    {
        return ctx.channel().eventLoop();
    }

    EventLoopReplies replies()
    {
        return replies;
    }

    ByteBufAllocator alloc()
    {
        return ctx.alloc();
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        this.replies = EventLoopReplies.of(ctx.channel().eventLoop());
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            if (closing || inputClosed)
            {
                return;
            }
            if (msg instanceof HttpRequest req)
            {
                onRequestHead(req);
            }
            if (msg instanceof HttpContent content && request != null)
            {
                onContent(content);
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequestHead(final HttpRequest req)
    {
        releaseBody();
        if (req.decoderResult().isFailure())
        {
            final Throwable cause = req.decoderResult().cause();
            if (cause instanceof TooLongHttpHeaderException)
            {
                rejectAndClose(ErrorCode.HEADERS_TOO_LARGE, "the request headers exceed the limit");
            }
            else if (cause instanceof TooLongHttpLineException)
            {
                rejectAndClose(ErrorCode.INVALID_REQUEST, "the request line exceeds the limit");
            }
            else if (cause instanceof StrictHttpServerCodec.ConflictingFramingException)
            {
                rejectAndClose(ErrorCode.INVALID_REQUEST, cause.getMessage());
            }
            else if (cause instanceof TooLongFrameException)
            {
                rejectAndClose(ErrorCode.INVALID_REQUEST, "a part of the request exceeds a limit");
            }
            else
            {
                rejectAndClose(ErrorCode.INVALID_REQUEST, "malformed HTTP request");
            }
            return;
        }
        if (req.protocolVersion() != HttpVersion.HTTP_1_1 && req.protocolVersion() != HttpVersion.HTTP_1_0)
        {
            rejectAndClose(ErrorCode.INVALID_REQUEST, "only HTTP/1.1 and HTTP/1.0 are served");
            return;
        }
        if (req.headers().contains(HttpHeaderNames.TRANSFER_ENCODING) &&
            req.headers().contains(HttpHeaderNames.CONTENT_LENGTH))
        {
            rejectAndClose(ErrorCode.INVALID_REQUEST, "a request may not have both Content-Length and Transfer-Encoding");
            return;
        }
        if (req.headers().contains(HttpHeaderNames.TRANSFER_ENCODING))
        {
            final java.util.List<String> encodings = req.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
            if (encodings.size() > 1 || !"chunked".equalsIgnoreCase(encodings.get(0).trim()))
            {
                rejectAndClose(ErrorCode.INVALID_REQUEST, "Transfer-Encoding may only be chunked, once");
                return;
            }
        }
        final long contentLength;
        try
        {
            contentLength = HttpUtil.getContentLength(req, -1L);
        }
        catch (final NumberFormatException ex)
        {
            rejectAndClose(ErrorCode.INVALID_REQUEST, "Content-Length is not a number");
            return;
        }
        request = req;
        oversized = contentLength > maxBodyBytes;
        if (HttpUtil.is100ContinueExpected(req))
        {
            if (oversized)
            {
                request = null;
                rejectAndClose(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge());
                return;
            }
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        if (!oversized)
        {
            body = ctx.alloc().heapBuffer(contentLength > 0 ? (int)contentLength : 256, maxBodyBytes);
        }
    }

    private void onContent(final HttpContent content)
    {
        if (content.decoderResult().isFailure())
        {
            request = null;
            releaseBody();
            rejectAndClose(ErrorCode.INVALID_REQUEST, "malformed HTTP request body");
            return;
        }
        if (!oversized)
        {
            final ByteBuf chunk = content.content();
            if (body.readableBytes() + chunk.readableBytes() > maxBodyBytes)
            {
                oversized = true;
                releaseBody();
            }
            else
            {
                body.writeBytes(chunk);
            }
        }
        if (content instanceof LastHttpContent)
        {
            deadlines.requestComplete();
            final HttpRequest req = request;
            request = null;
            if (oversized)
            {
                rejectAndClose(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge());
                return;
            }
            final ByteBuf b = body;
            body = null;
            if (!closing && waiting.isEmpty() && exchanges.size() < maxInFlight)
            {
                // The usual case: nothing waits before it and there is room, so it goes to the router at once.
                route(req, b, System.nanoTime());
                updateReading();
                return;
            }
            waiting.addLast(new Waiting(req, b, System.nanoTime(), null, null));
            drain();
        }
    }

    /** Hands waiting requests to the router while fewer than {@code maxInFlight} answers are owed. */
    private void drain()
    {
        Waiting w;
        while (!closing && exchanges.size() < maxInFlight && (w = waiting.pollFirst()) != null)
        {
            if (w.rejection() != null)
            {
                final Exchange exchange = new Exchange(this, false, w.arrivedNs());
                exchange.response = Responses.error(w.rejection(), w.message(), ctx.alloc(), false);
                exchanges.addLast(exchange);
                deadlines.busy(true);
                writeReady();
                return;
            }
            route(w.request(), w.body(), w.arrivedNs());
        }
        updateReading();
    }

    /** Hands a whole request to the router as the next exchange; releases its body. */
    private void route(final HttpRequest req, final ByteBuf b, final long arrivedNs)
    {
        try
        {
            final Exchange exchange = new Exchange(this, keepAlive(req), arrivedNs);
            exchanges.addLast(exchange);
            deadlines.busy(true);
            router.handle(req, b, exchange);
        }
        finally
        {
            b.release();
        }
    }

    /**
     * {@link HttpUtil#isKeepAlive}, without its iteration over the header's values when there is no
     * {@code Connection} header (the usual HTTP/1.1 request).
     */
    private static boolean keepAlive(final HttpRequest req)
    {
        if (req.protocolVersion() == HttpVersion.HTTP_1_1 && !req.headers().contains(HttpHeaderNames.CONNECTION))
        {
            return true;
        }
        return HttpUtil.isKeepAlive(req);
    }

    /** Stops reading the socket while requests wait or {@code maxInFlight} answers are owed; resumes after. */
    private void updateReading()
    {
        final boolean pause = !waiting.isEmpty() || exchanges.size() >= maxInFlight;
        if (pause != readingPaused && !closing)
        {
            readingPaused = pause;
            ctx.channel().config().setAutoRead(!pause);
            if (!pause)
            {
                ctx.read();
            }
        }
    }

    private String tooLarge()
    {
        return "the body exceeds the limit of " + maxBodyBytes + " bytes";
    }

    /** An answer made by the gateway itself (no engine round trip). */
    void complete(final Exchange exchange, final FullHttpResponse response, final ErrorCode rejectedWith)
    {
        if (rejectedWith != null)
        {
            metrics.recordRejected(rejectedWith);
        }
        exchange.response = response;
        writeReady();
    }

    /** The engine answered: render it (on this event loop) and write what is ready. */
    void onEngineReply(final Exchange exchange)
    {
        if (closing || !ctx.channel().isActive())
        {
            return;
        }
        Reply reply = exchange.reply;
        if (exchange.keyToken != null && reply instanceof KeyCreatedReply created &&
            created.keyId().equals(exchange.keyId))
        {
            reply = new KeyShownOnce(created, exchange.keyToken);
        }
        exchange.response = Responses.encoded(reply, ctx.alloc(), exchange.keepAlive);
        metrics.recordCommand(exchange.command.type(), reply.errorCode(), System.nanoTime() - exchange.startNs);
        writeReady(false);
    }

    /** Flushes what {@link #writeReady(boolean)} wrote for the replies' drain. */
    void flushNow()
    {
        if (flushPending)
        {
            flushPending = false;
            ctx.flush();
        }
    }

    private void writeReady()
    {
        writeReady(true);
    }

    /**
     * Writes every answer that is ready in request order; flushes at once, or when {@code flushNow} is false
     * leaves the flush to the end of the replies' drain ({@link EventLoopReplies}), once for the batch.
     */
    private void writeReady(final boolean flushNow)
    {
        boolean wrote = false;
        boolean close = false;
        Exchange head;
        while ((head = exchanges.peekFirst()) != null && head.response != null)
        {
            exchanges.pollFirst();
            ctx.write(head.response, ctx.voidPromise());
            head.response = null;
            wrote = true;
            if (!head.keepAlive)
            {
                close = true;
                break;
            }
        }
        if (close)
        {
            closing = true;
            releasePending();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (wrote || flushPending)
        {
            if (flushNow)
            {
                flushPending = false;
                ctx.flush();
            }
            else if (!flushPending)
            {
                flushPending = true;
                replies.flushLater(this);
            }
        }
        deadlines.busy(!exchanges.isEmpty() || !waiting.isEmpty());
        if (readingPaused)
        {
            drain();
        }
    }

    /** Answers a request that cannot be read further, after every earlier answer, then closes. */
    private void rejectAndClose(final ErrorCode code, final String message)
    {
        metrics.recordRejected(code);
        inputClosed = true;
        if (!waiting.isEmpty())
        {
            waiting.addLast(new Waiting(null, null, System.nanoTime(), code, message));
            return;
        }
        final Exchange exchange = new Exchange(this, false, System.nanoTime());
        exchange.response = Responses.error(code, message, ctx.alloc(), false);
        exchanges.addLast(exchange);
        writeReady();
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        closing = true;
        releaseBody();
        releasePending();
        ctx.fireChannelInactive();
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        closing = true;
        ctx.close();
    }

    private void releasePending()
    {
        Waiting w;
        while ((w = waiting.pollFirst()) != null)
        {
            if (w.body() != null)
            {
                w.body().release();
            }
        }
        for (final Exchange e : exchanges)
        {
            if (e.response != null)
            {
                ReferenceCountUtil.release(e.response);
                e.response = null;
            }
        }
        exchanges.clear();
    }

    private void releaseBody()
    {
        if (body != null)
        {
            body.release();
            body = null;
        }
    }
}
