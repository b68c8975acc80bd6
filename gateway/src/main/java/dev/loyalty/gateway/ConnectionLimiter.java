package dev.loyalty.gateway;

import dev.loyalty.engine.reply.ErrorCode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts open connections and refuses one beyond {@code maxConnections}: it is answered 503 OVERLOADED (with
 * {@code Retry-After}) and closed before any of its bytes are read. Shared by every connection.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter
{
    private final int maxConnections;
    private final GatewayMetrics metrics;

    ConnectionLimiter(final int maxConnections, final GatewayMetrics metrics)
    {
        this.maxConnections = maxConnections;
        this.metrics = metrics;
    }

    public void channelActive(final ChannelHandlerContext ctx)
    {
        if (metrics.connectionOpened() > maxConnections)
        {
            metrics.recordRejected(ErrorCode.OVERLOADED);
            ctx.channel().config().setAutoRead(false);
            // From the channel, not this context: the answer must pass the HTTP encoder, which is after this handler.
            ctx.channel().writeAndFlush(Responses.error(
                    ErrorCode.OVERLOADED, "too many connections (limit " + maxConnections + ")", ctx.alloc(), false))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        metrics.connectionClosed();
        ctx.fireChannelInactive();
    }
}
