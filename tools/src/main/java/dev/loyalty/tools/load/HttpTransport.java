package dev.loyalty.tools.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 JSON over keep-alive connections, pipelined: a connection writes requests without waiting and the
 * server answers them in order, so each connection matches answers to a FIFO of its requests in flight. Netty
 * NIO event loops ({@code clientThreads} of them, connections spread round-robin); requests are encoded by
 * {@link HttpRequests} straight into pooled buffers, answers are decoded by Netty's response decoder and
 * {@link JsonAnswers}. Every connection sends {@code Authorization: Bearer <key>}.
 */
public final class HttpTransport implements Transport
{
    /** The largest answer body accepted. */
    static final int MAX_ANSWER_BYTES = 1 << 20;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final String key;
    private final String storeId;
    private final String occurredAt;
    private final List<Channel> channels = new ArrayList<>();

    /**
     * @param url           {@code http://host:port}; a path is ignored.
     * @param key           the bearer key, or null.
     * @param storeId       the store of the purchases sent.
     * @param occurredAt    the {@code occurredAt} of the purchases sent, or null for none.
     * @param clientThreads event-loop threads.
     */
    public HttpTransport(
        final URI url, final String key, final String storeId, final String occurredAt, final int clientThreads)
    {
        if (!"http".equals(url.getScheme()) || url.getHost() == null)
        {
            throw new IllegalArgumentException("the URL must be http://host:port: " + url);
        }
        this.host = url.getHost();
        this.port = url.getPort() < 0 ? 80 : url.getPort();
        this.key = key;
        this.storeId = storeId;
        this.occurredAt = occurredAt;
        this.group = new MultiThreadIoEventLoopGroup(clientThreads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
    }

    public Connection open(final ConnectionListener listener) throws InterruptedException
    {
        final String hostHeader = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        final HttpConnection connection =
            new HttpConnection(new HttpRequests(hostHeader, key, storeId, occurredAt), listener);
        final Channel channel = bootstrap.clone()
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast("decoder", new HttpResponseDecoder())
                        .addLast("aggregator", new HttpObjectAggregator(MAX_ANSWER_BYTES))
                        .addLast("answers", connection);
                }
            })
            .connect(host, port).sync().channel();
        synchronized (channels)
        {
            channels.add(channel);
        }
        return connection;
    }

    public void close()
    {
        synchronized (channels)
        {
            for (final Channel channel : channels)
            {
                channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            channels.clear();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
