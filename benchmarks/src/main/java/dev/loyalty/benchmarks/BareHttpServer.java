package dev.loyalty.benchmarks;

import dev.loyalty.gateway.GatewayContext;
import dev.loyalty.gateway.LeakDetection;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The ceiling of the HTTP path on this machine: a bare Netty HTTP/1.1 server that answers every request with
 * the same JSON body (the size of a one-shot purchase answer, 433 bytes), keep-alive, pipelined. The same
 * Netty, transport (NIO), channel options and thread counts as {@link dev.loyalty.gateway.HttpGateway} with its
 * defaults (one boss thread, {@link GatewayContext#ioThreads()} event loops); no routing, no JSON parsing, no
 * engine, no journal. Answers are written as requests are read and flushed once per read burst.
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.loyalty.benchmarks.BareHttpServer [port [host [ioThreads]]]
 * </pre>
 * Prints {@code ready: listening on http://host:port} and runs until killed.
 */
public final class BareHttpServer
{
    /** The body of every answer: a one-shot purchase answer of two lines. */
    static final String BODY = "{\"txId\":\"s42-r3-000983\",\"status\":\"CAPTURED\",\"memberId\":\"m_1\"," +
        "\"storeId\":\"s42\",\"total\":59000,\"discount\":0,\"pointsRedeemed\":100,\"payable\":49000," +
        "\"pointsToEarn\":24,\"maxRedeemable\":177,\"lines\":[{\"sku\":\"SKU-1\",\"amount\":50000,\"discount\":0," +
        "\"pointsPaid\":8475,\"paid\":41525},{\"sku\":\"SKU-9\",\"amount\":9000,\"discount\":0,\"pointsPaid\":1525," +
        "\"paid\":7475}],\"promotions\":[],\"coupons\":[],\"balance\":{\"available\":424,\"pending\":0,\"held\":0}," +
        "\"pointsEarned\":24}";

    private BareHttpServer()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        final String host = args.length > 1 ? args[1] : "127.0.0.1";
        final int ioThreads = args.length > 2 ? Integer.parseInt(args[2]) : new GatewayContext().ioThreads();
        LeakDetection.offUnlessAsked(); // as loyalty serve does, so that the ceiling is measured the same way
        final ByteBuf body = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes(BODY.getBytes(StandardCharsets.UTF_8)));
        final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        final Channel channel = new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast("http", new HttpServerCodec(4096, 8192, 16 * 1024))
                        .addLast("aggregator", new HttpObjectAggregator(64 * 1024))
                        .addLast("answer", new FixedAnswer(body));
                }
            })
            .bind(host, port).sync().channel();
        System.out.println("ready: listening on http://" + host + ":" +
            ((InetSocketAddress)channel.localAddress()).getPort() + ", " + ioThreads + " io thread(s)");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Answers each request with the fixed body; flushes once per read burst. */
    static final class FixedAnswer extends ChannelInboundHandlerAdapter
    {
        private final ByteBuf body;

        FixedAnswer(final ByteBuf body)
        {
            this.body = body;
        }

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (!(msg instanceof FullHttpRequest request))
            {
                ReferenceCountUtil.release(msg);
                return;
            }
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            request.release();
            final FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body.duplicate());
            response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            if (!keepAlive)
            {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.write(response, ctx.voidPromise());
        }

        public void channelReadComplete(final ChannelHandlerContext ctx)
        {
            ctx.flush();
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}
