package dev.loyalty.gateway;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.loyalty.gateway.RawHttp.request;
import static dev.loyalty.gateway.TestServer.ADMIN_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 item 5: overload is answered honestly and fast. One connection over the global cap is answered 503
 * OVERLOADED and closed; a connection with its in-flight cap of requests in the engine is not read further until
 * answers go out, and requests that already arrived in the same read wait in the gateway, not in the ring; a burst of
 * 20,000 pipelined requests into a small ring that the engine cannot drain is answered, every one of them, 200 or
 * 503 OVERLOADED with {@code Retry-After}, while {@code /health} on another connection keeps answering at once
 * (the event loop never stalls for long: the worst answer is printed with the figures); and throughput afterwards
 * is what it was before. The ring-full answer itself,
 * within milliseconds, is {@link HttpProtocolTest#shouldAnswer503WithRetryAfterAtOnceWhenTheRingIsFull}.
 */
@Tag("slow")
class OverloadTest
{
    private static final long T0 = 1_800_000_000_000L;
    private static final String READ = request("GET", "/v1/members/m_1", ADMIN_KEY, null);

    @TempDir
    Path dir;

    private static TestServer server(final Path data, final int ring, final int connections, final int inFlight)
    {
        final TestServer s = new TestServer(data, new ManualClock(T0),
            g -> g.maxConnections(connections).maxInFlightPerConnection(inFlight), e -> e.ringBufferLength(ring));
        assertEquals(201, s.admin("POST", "/v1/members", Checkout.member("m-1", "777")).status());
        return s;
    }

    /** Waits until the gateway counts {@code n} open connections (a closed one is counted out asynchronously). */
    private static void awaitOpenConnections(final TestServer s, final int n)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!s.gateway().metrics().render().contains("\nloyalty_http_connections " + n + "\n"))
        {
            assertTrue(System.nanoTime() < deadline, "the gateway never counted " + n + " open connections");
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldAnswer503AndCloseTheConnectionOneOverTheGlobalCap()
    {
        try (TestServer s = new TestServer(dir, new ManualClock(T0), g -> g.maxConnections(3)))
        {
            awaitOpenConnections(s, 0);
            final List<RawHttp> open = new ArrayList<>();
            try
            {
                for (int i = 0; i < 3; i++)
                {
                    final RawHttp c = new RawHttp(s.port());
                    open.add(c);
                    assertEquals(200, c.send(request("GET", "/health", null, null)).read().status(), "connection " + i);
                }
                try (RawHttp extra = new RawHttp(s.port()))
                {
                    final RawHttp.Response r = extra.read();
                    assertNotNull(r, "the connection over the cap is answered before it is closed");
                    assertEquals(503, r.status(), r.toString());
                    assertEquals("OVERLOADED", Json.str(r.body(), "error.code"));
                    assertEquals("1", r.headers().get("retry-after"));
                    assertTrue(extra.closedByServer(), "and closed");
                }
                for (final RawHttp c : open)
                {
                    assertEquals(200, c.send(request("GET", "/health", null, null)).read().status(), "the others stay");
                }
                open.remove(0).close();
                awaitOpenConnections(s, 2);
                try (RawHttp c = new RawHttp(s.port()))
                {
                    assertEquals(200, c.send(request("GET", "/health", null, null)).read().status(),
                        "a closed connection frees its place");
                }
            }
            finally
            {
                open.forEach(RawHttp::close);
            }
        }
    }

    @Test
    void shouldStopReadingAConnectionThatHasItsInFlightCapInTheEngine() throws Exception
    {
        final int cap = 4;
        final int more = 20;
        try (TestServer s = server(dir, 4096, 100, cap); RawHttp c = new RawHttp(s.port()))
        {
            final CountDownLatch release = new CountDownLatch(1);
            assertTrue(s.engine().tryPublish(new Commands.GetProgram(), (cmd, reply) -> await(release)));
            for (int i = 1; i <= cap; i++)
            {
                c.send(READ);
                awaitRingInUse(s, 1 + i);
            }
            c.send(READ.repeat(more));
            final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            long most = 0;
            while (System.nanoTime() < until)
            {
                most = Math.max(most, s.engine().ringInUse());
                Thread.onSpinWait();
            }
            assertEquals(1 + cap, most, "with " + cap + " requests of the connection unanswered nothing more is read");
            release.countDown();
            for (int i = 0; i < cap + more; i++)
            {
                final RawHttp.Response r = c.read();
                assertNotNull(r, "answer " + i);
                assertEquals(200, r.status(), "answer " + i + ": " + r);
            }
        }
    }

    @Test
    void shouldHoldPipelinedRequestsOfOneReadBeyondTheCapOutOfTheEngine() throws Exception
    {
        final int cap = 4;
        final int burst = 500;
        try (TestServer s = server(dir, 4096, 100, cap); RawHttp c = new RawHttp(s.port()))
        {
            final CountDownLatch release = new CountDownLatch(1);
            assertTrue(s.engine().tryPublish(new Commands.GetProgram(), (cmd, reply) -> await(release)));
            c.send(READ.repeat(burst));
            awaitRingInUse(s, 1 + cap);
            final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            long most = 0;
            while (System.nanoTime() < until)
            {
                most = Math.max(most, s.engine().ringInUse());
                Thread.onSpinWait();
            }
            assertEquals(1 + cap, most, "requests read together are held beyond the cap, not sent to the engine");
            release.countDown();
            for (int i = 0; i < burst; i++)
            {
                final RawHttp.Response r = c.read();
                assertNotNull(r, "answer " + i);
                assertEquals(200, r.status(), "answer " + i + ": " + r);
            }
        }
    }

    @Test
    void shouldNeverFillASmallRingFromOneConnectionBelowItsCap()
    {
        try (TestServer s = server(dir, 16, 100, 4); RawHttp c = new RawHttp(s.port()))
        {
            c.send(READ.repeat(2000));
            for (int i = 0; i < 2000; i++)
            {
                final RawHttp.Response r = c.read();
                assertEquals(200, r.status(), "answer " + i + ": " + r);
            }
        }
    }

    private static void awaitRingInUse(final TestServer s, final long n)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.engine().ringInUse() < n)
        {
            assertTrue(System.nanoTime() < deadline, "the ring never held " + n);
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldAnswerEveryRequestOfABurst200Or503WhileHealthStaysResponsiveAndThroughputRecovers() throws Exception
    {
        final int connections = 4;
        final int each = 5_000;
        try (TestServer s = server(dir, 16, 100, 64))
        {
            final double before = sequentialRate(s, 300);

            // The engine's replier is held by one command and the ring filled behind it, so every request of the
            // burst is refused until the replier is let go, after 2,000 refusals; then the ring drains and serves.
            final CountDownLatch held = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            assertTrue(s.engine().tryPublish(new Commands.GetProgram(), (cmd, reply) ->
            {
                held.countDown();
                await(release);
            }));
            assertTrue(held.await(10, TimeUnit.SECONDS));
            while (s.engine().tryPublish(new Commands.GetProgram(), null))
            {
                Thread.onSpinWait();
            }

            final AtomicBoolean bursting = new AtomicBoolean(true);
            final List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
            final Thread prober = new Thread(() ->
            {
                try (RawHttp h = new RawHttp(s.port()))
                {
                    while (bursting.get())
                    {
                        final long start = System.nanoTime();
                        final RawHttp.Response r = h.send(request("GET", "/health", null, null)).read();
                        assertEquals(200, r.status());
                        healthMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    }
                }
            }, "health-prober");
            prober.start();

            final ExecutorService pool = Executors.newFixedThreadPool(2 * connections);
            final List<Future<int[]>> answers = new ArrayList<>();
            final AtomicLong overloaded = new AtomicLong();
            for (int c = 0; c < connections; c++)
            {
                final RawHttp raw = new RawHttp(s.port());
                pool.submit(() -> raw.send(READ.repeat(each)));
                answers.add(pool.submit(() ->
                {
                    final int[] counts = new int[2];
                    try (raw)
                    {
                        for (int i = 0; i < each; i++)
                        {
                            final RawHttp.Response r = raw.read();
                            assertNotNull(r, "answer " + i + " of " + each);
                            if (r.status() == 200)
                            {
                                counts[0]++;
                            }
                            else
                            {
                                assertEquals(503, r.status(), r.toString());
                                assertEquals("OVERLOADED", Json.str(r.body(), "error.code"));
                                assertEquals("1", r.headers().get("retry-after"));
                                counts[1]++;
                                if (overloaded.incrementAndGet() == 2_000)
                                {
                                    release.countDown();
                                }
                            }
                        }
                    }
                    return counts;
                }));
            }
            int ok = 0;
            int refused = 0;
            for (final Future<int[]> f : answers)
            {
                final int[] counts = f.get(5, TimeUnit.MINUTES);
                ok += counts[0];
                refused += counts[1];
            }
            release.countDown();
            bursting.set(false);
            prober.join(TimeUnit.SECONDS.toMillis(30));
            pool.shutdown();

            assertEquals(connections * each, ok + refused, "every request of the burst was answered");
            assertTrue(refused >= 2_000 && ok > 0, ok + " served, " + refused + " refused");
            final List<Long> sorted = new ArrayList<>(healthMillis);
            Collections.sort(sorted);
            assertTrue(sorted.size() >= 10, "health answered during the burst: " + sorted.size() + " times");
            final long worst = sorted.get(sorted.size() - 1);
            assertTrue(worst < 5_000, "health answered within 5 s throughout the burst, worst " + worst + " ms");

            final double after = sequentialRate(s, 300);
            assertTrue(after >= before / 4, "throughput recovers: " + after + " req/s after, " + before + " before");
            System.out.printf("overload: %d pipelined requests on %d connections into a ring of 16: %d served, %d " +
                "refused 503; health answered %d times, median %d ms, worst %d ms; %.0f req/s before, %.0f after%n",
                connections * each, connections, ok, refused, sorted.size(), sorted.get(sorted.size() / 2), worst,
                before, after);
        }
    }

    /** Sequential reads on one connection, each answered 200; returns requests a second. */
    private static double sequentialRate(final TestServer s, final int n)
    {
        try (RawHttp c = new RawHttp(s.port()))
        {
            final long start = System.nanoTime();
            for (int i = 0; i < n; i++)
            {
                assertEquals(200, c.send(READ).read().status());
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
