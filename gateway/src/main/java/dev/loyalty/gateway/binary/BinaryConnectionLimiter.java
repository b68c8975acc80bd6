package dev.loyalty.gateway.binary;

import dev.loyalty.client.Protocol;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.gateway.GatewayMetrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts open binary connections and refuses one beyond {@code maxConnections}: it gets an OVERLOADED error
 * frame (correlation id 0, with the retry hint) and is closed before any of its bytes are read. The binary
 * port counts its connections apart from the HTTP port's. Shared by every binary connection.
 */
@ChannelHandler.Sharable
final class BinaryConnectionLimiter extends ChannelInboundHandlerAdapter
{
    private final BinaryServer server;
    private final int maxConnections;
    private final GatewayMetrics metrics;

    BinaryConnectionLimiter(final BinaryServer server, final int maxConnections, final GatewayMetrics metrics)
    {
        this.server = server;
        this.maxConnections = maxConnections;
        this.metrics = metrics;
    }

    public void channelActive(final ChannelHandlerContext ctx)
    {
        if (metrics.binaryConnectionOpened() > maxConnections)
        {
            metrics.recordBinaryRejected(ErrorCode.OVERLOADED);
            ctx.channel().config().setAutoRead(false);
            final BinaryAnswerEncoder encoder = server.codec().encoder;
            final int length = encoder.error(Protocol.CONNECTION_CORRELATION_ID, ErrorCode.OVERLOADED,
                "too many connections (limit " + maxConnections + ")", null);
            ctx.writeAndFlush(encoder.copy(ctx.alloc(), length)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        metrics.binaryConnectionClosed();
        ctx.fireChannelInactive();
    }
}
