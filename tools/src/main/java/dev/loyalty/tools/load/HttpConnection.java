package dev.loyalty.tools.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One pipelined HTTP/1.1 connection: requests are written in order and answered in order, so the answer at the
 * head of the stream is for the request at the head of {@link #inFlight}. Runs on its channel's event loop.
 */
final class HttpConnection extends SimpleChannelInboundHandler<FullHttpResponse> implements Connection
{
    private final HttpRequests requests;
    private final ConnectionListener listener;
    private final ArrayDeque<Request> inFlight = new ArrayDeque<>();
    private byte[] body = new byte[4096];
    private Channel channel;
    private boolean closed;
    private boolean unflushed;

    HttpConnection(final HttpRequests requests, final ConnectionListener listener)
    {
        this.requests = requests;
        this.listener = listener;
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
    }

    public void execute(final Runnable task)
    {
        channel.eventLoop().execute(task);
    }

    public void schedule(final long delayNs, final Runnable task)
    {
        channel.eventLoop().schedule(task, delayNs, TimeUnit.NANOSECONDS);
    }

    public void send(final Request request)
    {
        if (closed)
        {
            listener.onFailed(request, new IOException("the connection is closed"));
            return;
        }
        final ByteBuf out = channel.alloc().ioBuffer(512);
        requests.encode(request, out);
        request.sentNs = System.nanoTime();
        inFlight.addLast(request);
        channel.write(out, channel.voidPromise());
        unflushed = true;
    }

    /** Writes out what was sent; also called once a read burst is handled, for requests the answers caused. */
    public void flush()
    {
        if (unflushed)
        {
            unflushed = false;
            channel.flush();
        }
    }

    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        flush();
    }

    public int inFlight()
    {
        return inFlight.size();
    }

    public void close()
    {
        channel.close();
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
    {
        final long now = System.nanoTime();
        final Request request = inFlight.pollFirst();
        if (request == null)
        {
            ctx.close();
            return;
        }
        final Answer answer = new Answer();
        answer.status = response.status().code();
        final ByteBuf content = response.content();
        final int length = content.readableBytes();
        if (length > body.length)
        {
            body = new byte[Math.max(length, body.length * 2)];
        }
        content.getBytes(content.readerIndex(), body, 0, length);
        try
        {
            if (response.decoderResult().isFailure())
            {
                throw new IOException("malformed HTTP answer: " + response.decoderResult().cause());
            }
            JsonAnswers.parse(body, length, answer);
        }
        catch (final IOException | RuntimeException ex)
        {
            answer.errorCode = Checks.UNREADABLE;
            answer.errorMessage = ex.getMessage() + ": " +
                new String(body, 0, Math.min(length, 200), java.nio.charset.StandardCharsets.UTF_8);
        }
        listener.onAnswer(request, answer, now);
        if (!HttpUtil.isKeepAlive(response))
        {
            ctx.close();
        }
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        closed = true;
        final IOException cause = new IOException("the connection closed");
        Request request;
        while ((request = inFlight.pollFirst()) != null)
        {
            listener.onFailed(request, cause);
        }
        listener.onClosed(cause);
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
