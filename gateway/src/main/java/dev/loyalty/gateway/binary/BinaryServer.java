package dev.loyalty.gateway.binary;

import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.gateway.Authenticator;
import dev.loyalty.gateway.GatewayContext;
import dev.loyalty.gateway.GatewayMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The binary protocol's TCP server (docs/binary-protocol.md), on the HTTP gateway's event loops and with its
 * key check, limits and metrics. Each connection's pipeline is
 * <pre>
 *   BinaryConnectionLimiter (maxConnections: OVERLOADED and close)
 *     → IdleStateHandler (idle timeout)
 *       → BinaryConnectionHandler: frames, AUTH, decode and validate (INVALID_REQUEST), tryPublish
 *                                  (full ring: OVERLOADED at once), answers in request order
 * </pre>
 * Limits are the gateway's: {@code maxBodyBytes} bounds a frame, {@code maxInFlightPerConnection} the requests a
 * connection has unanswered, {@code maxLines} a purchase; {@code requestTimeoutMillis} and
 * {@code idleTimeoutMillis} close slow and idle connections. The gateway starts and closes it.
 */
public final class BinaryServer implements AutoCloseable
{
    private final LoyaltyEngine engine;
    private final Authenticator authenticator;
    private final GatewayMetrics metrics;
    private final int maxFrameLength;
    private final int maxInFlight;
    private final long requestTimeoutMillis;
    private final long idleTimeoutMillis;
    private final FastThreadLocal<BinaryCodec> codecs;
    private final BinaryConnectionLimiter limiter;
    private final Channel serverChannel;

    private BinaryServer(
        final LoyaltyEngine engine, final Authenticator authenticator, final GatewayMetrics metrics,
        final GatewayContext ctx, final EventLoopGroup bossGroup, final EventLoopGroup workerGroup)
    {
        this.engine = engine;
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.maxFrameLength = ctx.maxBodyBytes();
        this.maxInFlight = ctx.maxInFlightPerConnection();
        this.requestTimeoutMillis = ctx.requestTimeoutMillis();
        this.idleTimeoutMillis = ctx.idleTimeoutMillis();
        final int maxLines = ctx.maxLines();
        this.codecs = new FastThreadLocal<>()
        {
            protected BinaryCodec initialValue()
            {
                return new BinaryCodec(maxLines);
            }
        };
        this.limiter = new BinaryConnectionLimiter(this, ctx.maxConnections(), metrics);
        serverChannel = bossGroup == null ? null : new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    configure(ch.pipeline());
                }
            })
            .bind(ctx.bindAddress(), ctx.binaryPort()).syncUninterruptibly().channel();
    }

    /**
     * Binds {@code ctx.binaryPort()} on {@code ctx.bindAddress()} and serves the binary protocol with the
     * gateway's event loops; throws (a {@link java.net.BindException} among others) when it cannot bind.
     */
    public static BinaryServer start(
        final LoyaltyEngine engine, final Authenticator authenticator, final GatewayMetrics metrics,
        final GatewayContext ctx, final EventLoopGroup bossGroup, final EventLoopGroup workerGroup)
    {
        return new BinaryServer(engine, authenticator, metrics, ctx, bossGroup, workerGroup);
    }

    /**
     * The binary protocol without a socket: the same per-connection pipeline ({@link #configure}) for a test to
     * build on a Netty {@code EmbeddedChannel} (the fuzz tests feed it bytes as a socket would). It binds nothing;
     * {@link #port()} is -1.
     */
    public static BinaryServer unbound(
        final LoyaltyEngine engine, final Authenticator authenticator, final GatewayMetrics metrics,
        final GatewayContext ctx)
    {
        return new BinaryServer(engine, authenticator, metrics, ctx, null, null);
    }

    /**
     * Adds one connection's handlers to {@code pipeline}, as every accepted binary connection gets them: the
     * connection limit, the idle timeout, and the connection's frames, AUTH, requests and answers.
     */
    public void configure(final ChannelPipeline pipeline)
    {
        pipeline
            .addLast("connections", limiter)
            .addLast("idle", new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS))
            .addLast("frames", new BinaryConnectionHandler(this));
    }

    /** The port actually bound (useful with port 0); -1 when {@link #unbound}. */
    public int port()
    {
        return serverChannel == null ? -1 : ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** Stops accepting binary connections; the event loops, which the gateway owns, close the open ones. */
    public void close()
    {
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
    }

    LoyaltyEngine engine()
    {
        return engine;
    }

    Authenticator authenticator()
    {
        return authenticator;
    }

    GatewayMetrics metrics()
    {
        return metrics;
    }

    /** This event loop's codecs. */
    BinaryCodec codec()
    {
        return codecs.get();
    }

    int maxFrameLength()
    {
        return maxFrameLength;
    }

    int maxInFlight()
    {
        return maxInFlight;
    }

    long requestTimeoutMillis()
    {
        return requestTimeoutMillis;
    }

    long idleTimeoutMillis()
    {
        return idleTimeoutMillis;
    }
}
