package dev.loyalty.gateway;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.time.ManualClock;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own per-connection pipeline ({@link HttpPipeline#configure}) on a Netty {@link EmbeddedChannel}, in
 * front of a real engine (journal in a temp dir, a frozen clock): bytes go in as a socket would deliver them, and
 * every answer is inspected as the request handler writes it, before the HTTP encoder. Each connection's buffers
 * come from a counting allocator, so that a buffer still referenced after the connection is closed is a leak
 * found on the very input that caused it.
 */
final class EmbeddedGateway implements AutoCloseable
{
    static final String ADMIN_KEY = TestServer.ADMIN_KEY;

    private final LoyaltyEngine engine;
    private final GatewayContext settings;
    private final Authenticator authenticator;
    private final RequestRouter router;
    private final ConnectionLimiter connections;
    private final GatewayMetrics metrics;
    private final String posKey;

    EmbeddedGateway(final Path dataDir)
    {
        engine = LoyaltyEngine.start(new EngineContext().dataDir(dataDir).clock(new ManualClock(1_800_000_000_000L)));
        settings = new GatewayContext().dataDir(dataDir).adminKey(ADMIN_KEY);
        settings.validate();
        metrics = new GatewayMetrics(engine);
        authenticator = new Authenticator(engine.apiKeys(), ADMIN_KEY);
        router = new RequestRouter(engine, authenticator, metrics, settings);
        connections = new ConnectionLimiter(settings.maxConnections(), metrics);
        final Exchanged setUp = exchange(RawHttp.request("POST", "/v1/keys", ADMIN_KEY,
            "{\"requestId\":\"fuzz-k\",\"role\":\"pos\",\"partnerId\":\"main\"}").getBytes(StandardCharsets.UTF_8));
        posKey = (String)Json.at(setUp.answers().get(0).body(), "key");
        exchange(RawHttp.request("POST", "/v1/members", ADMIN_KEY, Checkout.member("fuzz-m", "777"))
            .getBytes(StandardCharsets.UTF_8));
    }

    LoyaltyEngine engine()
    {
        return engine;
    }

    String posKey()
    {
        return posKey;
    }

    GatewayContext settings()
    {
        return settings;
    }

    GatewayMetrics metrics()
    {
        return metrics;
    }

    Authenticator authenticator()
    {
        return authenticator;
    }

    /** One answer as the request handler wrote it. */
    record Answer(int status, String contentType, String connection, String retryAfter, String body)
    {
    }

    /** What one connection did with the bytes: the answers, how many requests were read, whether it closed. */
    record Exchanged(List<Answer> answers, int requests, boolean closed, List<String> leaks)
    {
    }

    /** Opens a connection, delivers {@code bytes} in one read, waits for every answer, and closes it. */
    Exchanged exchange(final byte[] bytes)
    {
        final CountingAllocator alloc = new CountingAllocator();
        final List<Answer> answers = new ArrayList<>();
        final int[] requests = new int[1];
        final EmbeddedChannel ch = new EmbeddedChannel(new ChannelInitializer<EmbeddedChannel>()
        {
            protected void initChannel(final EmbeddedChannel c)
            {
                c.config().setAllocator(alloc);
                HttpPipeline.configure(c.pipeline(), settings, router, connections, metrics);
                c.pipeline().addAfter("http", "inspect", new Inspector(answers, requests));
            }
        });
        final ByteBuf in = alloc.buffer(Math.max(bytes.length, 1));
        in.writeBytes(bytes);
        // The embedded event loop is not thread-safe and writeInbound runs its tasks, so the engine's replier,
        // which hands answers to the loop, is held behind a gate until the bytes are read.
        final CountDownLatch gate = new CountDownLatch(1);
        if (!engine.tryPublish(new Commands.GetProgram(), (command, reply) -> await(gate)))
        {
            throw new AssertionError("the engine took no gate");
        }
        try
        {
            ch.writeInbound(in);
        }
        finally
        {
            gate.countDown();
        }
        settle(ch);
        final boolean closed = !ch.isActive();
        final int read = requests[0];
        ch.close();
        settle(ch);
        ch.finishAndReleaseAll();
        return new Exchanged(List.copyOf(answers), read, closed, alloc.leaks());
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            if (!latch.await(30, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("the gate stayed closed");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the loop's tasks until the engine has answered everything published and every answer is written. */
    private void settle(final EmbeddedChannel ch)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int quiet = 0; quiet < 2; )
        {
            while (engine.ringInUse() > 0)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("the engine did not answer within 30 s");
                }
                Thread.onSpinWait();
            }
            // flushInbound runs the tasks as a socket read would end: one after the other. runPendingTasks would let
            // a task's write run the next task inside it (EmbeddedChannel runs pending tasks on every write), which
            // no real event loop does and which interleaves two answers inside the HTTP encoder. Once the channel is
            // closed no task writes any more.
            if (ch.isOpen())
            {
                ch.flushInbound();
            }
            else
            {
                ch.runPendingTasks();
            }
            ch.checkException();
            quiet = engine.ringInUse() == 0 ? quiet + 1 : 0;
        }
    }

    /**
     * Checks every answer: never a 5xx; an error in API.md's shape with a code whose status is the answer's;
     * a success is a JSON object (or the metrics text); no more answers than requests; a connection that closed
     * said so in its last answer (nothing is dropped silently); and no buffer is left referenced.
     */
    static void assertWellFormed(final Exchanged x, final String input)
    {
        for (final Answer a : x.answers())
        {
            if (a.status() >= 500)
            {
                throw new AssertionError("a 5xx for what a client sent: " + a + " for " + input);
            }
            if (a.status() < 200)
            {
                continue;
            }
            if (a.status() >= 400)
            {
                final Object code = Json.at(a.body(), "error.code");
                final Object message = Json.at(a.body(), "error.message");
                if (!(code instanceof String c) || !(message instanceof String))
                {
                    throw new AssertionError("not the error shape: " + a + " for " + input);
                }
                if (ErrorCode.valueOf(c).httpStatus() != a.status())
                {
                    throw new AssertionError("code " + c + " answered with status " + a.status() + " for " + input);
                }
            }
            else if (a.contentType() != null && a.contentType().startsWith("application/json"))
            {
                if (!(Json.parse(a.body()) instanceof Map<?, ?>))
                {
                    throw new AssertionError("a success that is not a JSON object: " + a + " for " + input);
                }
            }
            else if (!a.body().isEmpty() && (a.contentType() == null || !a.contentType().startsWith("text/plain")))
            {
                throw new AssertionError("an answer of unknown type: " + a + " for " + input);
            }
        }
        final List<Answer> finals = x.answers().stream().filter(a -> a.status() >= 200).toList();
        final Answer last = finals.isEmpty() ? null : finals.get(finals.size() - 1);
        final boolean saidClose = last != null && "close".equals(last.connection());
        if (finals.size() > x.requests() + 1)
        {
            throw new AssertionError(finals.size() + " answers for " + x.requests() + " requests: " + input);
        }
        if (!saidClose && finals.size() < x.requests())
        {
            throw new AssertionError("requests went unanswered: " + x + " for " + input);
        }
        if (x.closed() && !saidClose && x.requests() > 0)
        {
            throw new AssertionError("the connection was closed without a last answer saying so: " + x + " for " + input);
        }
        if (!x.leaks().isEmpty())
        {
            throw new AssertionError("buffers left referenced after the connection closed: " + x.leaks() + " for " + input);
        }
    }

    public void close()
    {
        engine.close();
    }

    /** Counts requests on their way in and copies answers on their way out, passing both on unchanged. */
    private static final class Inspector extends ChannelDuplexHandler
    {
        private final List<Answer> answers;
        private final int[] requests;

        Inspector(final List<Answer> answers, final int[] requests)
        {
            this.answers = answers;
            this.requests = requests;
        }

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            // A request is read once its last content is (a request that failed to decode is one message): one
            // whose body has not all arrived is still being read, and owes no answer yet.
            if (msg instanceof LastHttpContent || msg instanceof HttpRequest r && r.decoderResult().isFailure())
            {
                requests[0]++;
            }
            ctx.fireChannelRead(msg);
        }

        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            if (msg instanceof FullHttpResponse r)
            {
                answers.add(new Answer(r.status().code(), r.headers().get(HttpHeaderNames.CONTENT_TYPE),
                    r.headers().get(HttpHeaderNames.CONNECTION), r.headers().get(HttpHeaderNames.RETRY_AFTER),
                    r.content().toString(StandardCharsets.UTF_8)));
            }
            ctx.write(msg, promise);
        }
    }

    /** Unpooled buffers, each remembered so that one still referenced at the end is named. */
    static final class CountingAllocator extends AbstractByteBufAllocator
    {
        private final List<ByteBuf> allocated = new ArrayList<>();

        CountingAllocator()
        {
            super(false);
        }

        protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity)
        {
            final ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
            allocated.add(b);
            return b;
        }

        protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity)
        {
            final ByteBuf b = UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
            allocated.add(b);
            return b;
        }

        public boolean isDirectBufferPooled()
        {
            return false;
        }

        List<String> leaks()
        {
            final List<String> leaks = new ArrayList<>();
            for (final ByteBuf b : allocated)
            {
                if (b.refCnt() > 0)
                {
                    leaks.add(b.toString() + " refCnt " + b.refCnt());
                    ReferenceCountUtil.safeRelease(b, b.refCnt());
                }
            }
            return leaks;
        }
    }
}
