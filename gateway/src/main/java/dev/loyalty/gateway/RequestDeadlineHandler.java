package dev.loyalty.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Deadlines against slow and idle clients, in front of the HTTP codec. A request's head and body must all
 * arrive within {@code requestTimeoutMillis} of its first byte, or the connection is closed (a slowloris
 * client trickling one header byte at a time holds nothing for long, and other connections never notice: it
 * costs one timer). A connection with nothing in flight and no traffic for the idle timeout is closed too.
 */
final class RequestDeadlineHandler extends ChannelInboundHandlerAdapter
{
    private final long requestTimeoutMillis;
    private ScheduledFuture<?> deadline;
    private Runnable closer;
    private boolean incomplete;
    private boolean busy;

    RequestDeadlineHandler(final long requestTimeoutMillis)
    {
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    /**
     * Arms the deadline only when a read leaves a request incomplete, so that the usual request, which arrives
     * in one read and is decoded within it, costs no timer.
     */
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof ByteBuf b && b.isReadable())
        {
            incomplete = true;
        }
        ctx.fireChannelRead(msg);
        if (incomplete && deadline == null && ctx.channel().isActive())
        {
            deadline = ctx.executor().schedule(closer, requestTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        closer = ctx::close;
    }

    /** The request that started the deadline has fully arrived. */
    void requestComplete()
    {
        incomplete = false;
        if (deadline != null)
        {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** Whether answers are still owed on this connection (an idle timeout must not cut them off). */
    void busy(final boolean busy)
    {
        this.busy = busy;
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt instanceof IdleStateEvent)
        {
            if (!busy && !incomplete)
            {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        requestComplete();
        ctx.fireChannelInactive();
    }
}
