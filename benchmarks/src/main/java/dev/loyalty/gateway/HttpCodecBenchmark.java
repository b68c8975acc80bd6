package dev.loyalty.gateway;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.reply.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP gateway's own work per request on its event loop, without the engine's ring, the socket or the
 * other threads: API.md's example authorize (2 lines, a member by card, 100 points redeemed) and the capture
 * of that purchase, as the bytes {@code wrk} sends, through the gateway's real per-connection pipeline
 * ({@link HttpPipeline#configure} on a Netty {@link EmbeddedChannel}, the pooled allocator of {@code serve}) up to
 * the command the router publishes; a stand-in for the ring answers at once with the reply the real
 * {@link BusinessLogic} gave in setup, which the pipeline renders into the answer bytes as it does an engine
 * reply. Steps:
 * <ul>
 *   <li>{@link #authorizeRequestToAnswer}, {@link #captureRequestToAnswer}: the whole round trip, request
 *       bytes in, answer bytes out (Netty's HTTP decoder, the handler, routing, the key check, the body's
 *       decoding into the command, the reply's rendering, the outbound buffer);</li>
 *   <li>{@link #httpDecodeAuthorize}: Netty's HTTP decoder alone ({@link StrictHttpServerCodec} and a sink that
 *       releases what it decoded), the part of the round trip the gateway does not write;</li>
 *   <li>{@link #decodeAuthorizeBody}: the JSON body into the engine's {@code Authorize} command
 *       ({@link JsonReader}, {@link PurchaseBodies});</li>
 *   <li>{@link #renderAuthorizeAnswer}, {@link #renderCaptureAnswer}: the engine's reply into the whole HTTP
 *       answer ({@link Responses#encoded}).</li>
 * </ul>
 * Setup checks every step's output (the published command equals the one built by hand, the answers are the
 * status line, headers and JSON the gateway always wrote for these replies, the totals of API.md's example are
 * in the body), and teardown checks that the last round trips still gave the same bytes, so a broken path
 * cannot give a fast figure. The fork lets the benchmark's thread use the pooled allocator's thread cache
 * ({@code io.netty.allocator.useCacheForAllThreads}), as the event loop's own thread does: without it every
 * buffer of a thread that is not Netty's is unpooled, a {@code malloc} and {@code free} per answer.
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar HttpCodec -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dio.netty.allocator.useCacheForAllThreads=true"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class HttpCodecBenchmark
{
    private static final long T0 = 1_796_000_000_000L;
    private static final String ADMIN_KEY = "adm_benchmark-admin-key-0123456789";
    private static final String TX_ID = "s42-r3-000981";
    private static final String AUTHORIZE_BODY = "{\"txId\":\"" + TX_ID + "\",\"storeId\":\"s42\"," +
        "\"member\":{\"identifier\":{\"type\":\"CARD\",\"value\":\"7770001\"}}," +
        "\"occurredAt\":\"2026-12-06T09:15:00+03:00\",\"payment\":\"CARD\"," +
        "\"lines\":[{\"sku\":\"SKU-1\",\"category\":\"coffee\",\"qty\":2,\"unitPrice\":25000}," +
        "{\"sku\":\"SKU-9\",\"category\":\"bakery\",\"qty\":1,\"unitPrice\":9000}],\"redeemPoints\":100}";

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final byte[] authorizeBody = AUTHORIZE_BODY.getBytes(StandardCharsets.UTF_8);
    private final byte[] authorizeRequest = request("/v1/purchases/authorize", AUTHORIZE_BODY);
    private final byte[] captureRequest = request("/v1/purchases/" + TX_ID + "/capture", null);
    private Command expectedAuthorize;
    private Reply authorizeReply;
    private Reply captureReply;
    private byte[] authorizeAnswer;
    private byte[] captureAnswer;
    private EmbeddedChannel gateway;
    private EmbeddedChannel httpOnly;
    private int httpOnlyRequests;
    private Command published;
    private byte[] lastAuthorizeAnswer;
    private byte[] lastCaptureAnswer;

    @Setup
    public void setUp()
    {
        final BusinessLogic logic = new BusinessLogic(new ApiKeys());
        apply(logic, new Commands.PutStore("s-1", "s42", "main", Channel.POS, Map.of()));
        apply(logic, new Commands.CreateMember(
            "m-1", null, List.of(new Identifier(IdentifierType.CARD, "7770001")), null, null, Map.of()));
        apply(logic, new Commands.AdjustPoints("adj-1", "m_1", 500, "welcome"));
        expectedAuthorize = new Commands.Authorize(null, new PurchaseRequest(
            TX_ID, "s42", MemberRef.byIdentifier(IdentifierType.CARD, "7770001"), "2026-12-06T09:15:00+03:00",
            "CARD", List.of(new Line("SKU-1", "coffee", 2, 25000), new Line("SKU-9", "bakery", 1, 9000)), 100,
            false, List.of()));
        authorizeReply = apply(logic, expectedAuthorize);
        captureReply = apply(logic, new Commands.Capture(null, TX_ID));

        final GatewayContext settings = new GatewayContext().adminKey(ADMIN_KEY);
        final GatewayMetrics metrics = new GatewayMetrics(null);
        final RequestRouter router = new RequestRouter(null, (command, listener) ->
        {
            published = command;
            listener.onReply(command, command instanceof Commands.Capture ? captureReply : authorizeReply);
            return true;
        }, new Authenticator(new ApiKeys(), ADMIN_KEY), metrics, settings);
        final ConnectionLimiter connections = new ConnectionLimiter(settings.maxConnections(), metrics);
        gateway = new EmbeddedChannel(new ChannelInitializer<EmbeddedChannel>()
        {
            protected void initChannel(final EmbeddedChannel c)
            {
                c.config().setAllocator(alloc);
                HttpPipeline.configure(c.pipeline(), settings, router, connections, metrics);
            }
        });
        httpOnly = new EmbeddedChannel(new ChannelInitializer<EmbeddedChannel>()
        {
            protected void initChannel(final EmbeddedChannel c)
            {
                c.config().setAllocator(alloc);
                c.pipeline().addLast(new StrictHttpServerCodec(
                    settings.maxInitialLineBytes(), settings.maxHeaderBytes(), 16 * 1024));
                c.pipeline().addLast(new ChannelInboundHandlerAdapter()
                {
                    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
                    {
                        if (msg instanceof LastHttpContent)
                        {
                            httpOnlyRequests++;
                        }
                        ReferenceCountUtil.release(msg);
                    }
                });
            }
        });

        authorizeAnswer = roundTrip(authorizeRequest);
        check(expectedAuthorize.equals(published), "published " + published);
        final String authorize = new String(authorizeAnswer, StandardCharsets.UTF_8);
        check(authorize.startsWith("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ") &&
            authorize.contains("\"txId\":\"" + TX_ID + "\"") && authorize.contains("\"total\":59000") &&
            authorize.contains("\"payable\":49000") && authorize.contains("\"pointsRedeemed\":100") &&
            authorize.endsWith("}"), "authorize answer " + authorize);
        check(Arrays.equals(authorizeAnswer, bytes(Responses.encoded(authorizeReply, alloc, true))) &&
            Arrays.equals(authorizeAnswer, bytes(Responses.encoded(authorizeReply, alloc, true))),
            "authorize answer rendered twice differs");
        captureAnswer = roundTrip(captureRequest);
        check(new Commands.Capture(null, TX_ID).equals(published), "published " + published);
        final String capture = new String(captureAnswer, StandardCharsets.UTF_8);
        check(capture.startsWith("HTTP/1.1 200 OK\r\n") && capture.contains("\"txId\":\"" + TX_ID + "\"") &&
            capture.contains("CAPTURED"), "capture answer " + capture);
        check(Arrays.equals(captureAnswer, bytes(Responses.encoded(captureReply, alloc, true))),
            "capture answer rendered twice differs");
        final int before = httpOnlyRequests;
        httpDecodeAuthorize();
        check(httpOnlyRequests == before + 1, "the HTTP decoder read no request");
        check(decodeAuthorizeBody().equals(expectedAuthorize), "decoded body");
    }

    /** Request bytes in, answer bytes out, through the whole pipeline: the authorize. */
    @Benchmark
    public int authorizeRequestToAnswer()
    {
        return exchange(authorizeRequest, true);
    }

    /** Request bytes in, answer bytes out, through the whole pipeline: the capture (no body). */
    @Benchmark
    public int captureRequestToAnswer()
    {
        return exchange(captureRequest, false);
    }

    /** Netty's HTTP decoder alone on the authorize's bytes. */
    @Benchmark
    public int httpDecodeAuthorize()
    {
        httpOnly.writeInbound(alloc.buffer(authorizeRequest.length).writeBytes(authorizeRequest));
        return httpOnlyRequests;
    }

    /** The authorize's JSON body into the engine's command. */
    @Benchmark
    public Command decodeAuthorizeBody()
    {
        return new Commands.Authorize(null, PurchaseBodies.purchase(
            JsonReader.of(authorizeBody, 0, authorizeBody.length), false, 200));
    }

    /** The engine's authorize reply into the whole HTTP answer. */
    @Benchmark
    public int renderAuthorizeAnswer()
    {
        return release(Responses.encoded(authorizeReply, alloc, true));
    }

    /** The engine's capture reply into the whole HTTP answer. */
    @Benchmark
    public int renderCaptureAnswer()
    {
        return release(Responses.encoded(captureReply, alloc, true));
    }

    @TearDown
    public void tearDown()
    {
        check(lastAuthorizeAnswer == null || Arrays.equals(lastAuthorizeAnswer, authorizeAnswer),
            "the last authorize answer differs");
        check(lastCaptureAnswer == null || Arrays.equals(lastCaptureAnswer, captureAnswer),
            "the last capture answer differs");
        check(Arrays.equals(roundTrip(authorizeRequest), authorizeAnswer), "authorize no longer answers the same");
        check(Arrays.equals(roundTrip(captureRequest), captureAnswer), "capture no longer answers the same");
        check(gateway.isActive() && gateway.outboundMessages().isEmpty(), "the connection is not idle");
        gateway.finishAndReleaseAll();
        httpOnly.finishAndReleaseAll();
    }

    private int exchange(final byte[] request, final boolean authorize)
    {
        gateway.writeInbound(alloc.buffer(request.length).writeBytes(request));
        final ByteBuf answer = gateway.readOutbound();
        final int length = answer.readableBytes();
        if (length != (authorize ? authorizeAnswer.length : captureAnswer.length))
        {
            final byte[] got = bytes(answer);
            if (authorize)
            {
                lastAuthorizeAnswer = got;
            }
            else
            {
                lastCaptureAnswer = got;
            }
            return length;
        }
        answer.release();
        return length;
    }

    private byte[] roundTrip(final byte[] request)
    {
        gateway.writeInbound(alloc.buffer(request.length).writeBytes(request));
        final Object answer = gateway.readOutbound();
        check(answer instanceof ByteBuf && gateway.outboundMessages().isEmpty(), "one answer, got " + answer);
        return bytes((ByteBuf)answer);
    }

    private static byte[] bytes(final ByteBuf buf)
    {
        final byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        buf.release();
        return b;
    }

    private static int release(final ByteBuf buf)
    {
        final int n = buf.readableBytes();
        buf.release();
        return n;
    }

    private static byte[] request(final String path, final String body)
    {
        final StringBuilder sb = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: localhost:8080\r\n")
            .append("Authorization: Bearer ").append(ADMIN_KEY).append("\r\n");
        if (body != null)
        {
            sb.append("Content-Type: application/json\r\n");
        }
        sb.append("Content-Length: ").append(body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length)
            .append("\r\n\r\n").append(body == null ? "" : body);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Reply apply(final BusinessLogic logic, final Command command)
    {
        final Reply r = logic.apply(command, T0);
        check(r.httpStatus() < 300, command + " answered " + r.httpStatus());
        return r;
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("the HTTP gateway path is broken: " + what);
        }
    }
}
