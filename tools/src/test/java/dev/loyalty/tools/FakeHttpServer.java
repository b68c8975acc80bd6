package dev.loyalty.tools;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A tiny HTTP/1.1 server on a loopback port for negative tests: it answers each request with the status and
 * JSON body that {@code answer} gives for its {@code "METHOD path"}, keep-alive, in order.
 */
final class FakeHttpServer implements AutoCloseable
{
    /** A status and a body. */
    record Response(int status, String body)
    {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    FakeHttpServer(final Function<String, Response> answer)
    {
        channel = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new SimpleChannelInboundHandler<FullHttpRequest>()
                        {
                            protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest req)
                            {
                                final Response r = answer.apply(req.method().name() + " " + req.uri());
                                final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                    HttpResponseStatus.valueOf(r.status()),
                                    Unpooled.copiedBuffer(r.body(), StandardCharsets.UTF_8));
                                response.headers()
                                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                                ctx.writeAndFlush(response);
                            }
                        });
                }
            })
            .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port()
    {
        return ((InetSocketAddress)channel.localAddress()).getPort();
    }

    public void close()
    {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
