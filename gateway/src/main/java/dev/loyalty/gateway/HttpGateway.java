package dev.loyalty.gateway;

import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.gateway.binary.BinaryServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 JSON front end of API.md, on Netty. Each connection's pipeline is
 * <pre>
 *   StrictHttpServerCodec (request line and header limits; one framing of a body)
 *     → HttpObjectAggregator (body limit, 413 in the error shape)
 *       → HttpRequestHandler: route, decode and validate the body (400), authenticate (401/403),
 *                             tryPublish the command into the engine's ring (full: 503 + Retry-After),
 *                             and write answers in request order once the engine replies
 * </pre>
 * An event loop never blocks: a full ring is answered at once, and a connection with too many requests in the
 * engine stops being read until its answers go out. When {@link GatewayContext#binaryPort()} is set, the binary
 * protocol ({@link BinaryServer}) is served on the same event loops with the same keys, limits and metrics.
 */
public final class HttpGateway implements AutoCloseable
{
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final BinaryServer binaryServer;
    private final GatewayMetrics metrics;

    private HttpGateway(final LoyaltyEngine engine, final GatewayContext ctx)
    {
        ctx.validate();
        final Authenticator authenticator = new Authenticator(engine.apiKeys(), AdminKeyFile.resolve(ctx));
        metrics = new GatewayMetrics(engine);
        final RequestRouter router = new RequestRouter(engine, authenticator, metrics, ctx);
        final ConnectionLimiter connections = new ConnectionLimiter(ctx.maxConnections(), metrics);

        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(ctx.ioThreads(), NioIoHandler.newFactory());
        try
        {
            final ServerBootstrap bootstrap = new ServerBootstrap()
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
                        HttpPipeline.configure(ch.pipeline(), ctx, router, connections, metrics);
                    }
                });
            serverChannel = bootstrap.bind(ctx.bindAddress(), ctx.httpPort()).syncUninterruptibly().channel();
        }
        catch (final RuntimeException e)
        {
            shutdownGroups();
            throw e;
        }
        try
        {
            binaryServer = ctx.binaryPort() < 0 ? null :
                BinaryServer.start(engine, authenticator, metrics, ctx, bossGroup, workerGroup);
        }
        catch (final Exception e)
        {
            serverChannel.close().syncUninterruptibly();
            shutdownGroups();
            if (e instanceof IOException io)
            {
                throw new UncheckedIOException("cannot listen on the binary port " + ctx.binaryPort(), io);
            }
            throw e;
        }
    }

    /**
     * Binds the HTTP port (and the binary port when one is set) and starts answering; the engine must already
     * be started. A binary port that cannot be bound is an {@link UncheckedIOException} whose cause says why;
     * the HTTP port's failure is thrown as it is (a {@link java.net.BindException} among others).
     */
    public static HttpGateway start(final LoyaltyEngine engine, final GatewayContext ctx)
    {
        return new HttpGateway(engine, ctx);
    }

    /** The port actually bound (useful with port 0). */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** The binary protocol's port actually bound, or -1 when it is not served. */
    public int binaryPort()
    {
        return binaryServer == null ? -1 : binaryServer.port();
    }

    /** The gateway's counters and histograms, as {@code GET /metrics} renders them. */
    public GatewayMetrics metrics()
    {
        return metrics;
    }

    /** Stops accepting, closes every connection and stops the event loops. The engine is not closed. */
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
        if (binaryServer != null)
        {
            binaryServer.close();
        }
        shutdownGroups();
    }

    private void shutdownGroups()
    {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
