package dev.loyalty.gateway;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.loyalty.gateway.Checkout.byCard;
import static dev.loyalty.gateway.Checkout.member;
import static dev.loyalty.gateway.Checkout.oneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many tills redeem the same points at once, each on its own connection, all released by one latch: never
 * more is held or redeemed than the member had, and every refusal is INSUFFICIENT_POINTS.
 */
class RedemptionRaceTest
{
    private static final long BALANCE = 1_000;
    private static final long EACH = 300;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} concurrent redemptions")
    @ValueSource(ints = {2, 4, 16, 64})
    void shouldNeverHoldOrRedeemMoreThanTheBalance(final int tills) throws Exception
    {
        try (TestServer s = new TestServer(dir.resolve("t" + tills)))
        {
            final String id = Json.str(s.admin("POST", "/v1/members", member("m-1", "777")).body(), "memberId");
            s.admin("POST", "/v1/members/" + id + "/adjustments", "{\"requestId\":\"a\",\"points\":" + BALANCE + "}");
            s.admin("PUT", "/v1/program", "{\"requestId\":\"p\",\"maxRedeemShareBp\":10000,\"baseEarnBp\":0}");

            final List<TestServer.Answer> authorized = race(s, tills, "/v1/purchases/authorize", "auth-");
            final List<TestServer.Answer> oneShots = race(s, tills, "/v1/purchases", "shot-");

            final long held = count(authorized);
            final long redeemed = count(oneShots);
            final String profile = s.admin("GET", "/v1/members/" + id, null).body();
            assertEquals(Math.min(tills, BALANCE / EACH) * EACH, held, "held exactly what fitted");
            assertEquals(held, Json.num(profile, "balance.held"));
            assertTrue(held + redeemed <= BALANCE, "held " + held + " + redeemed " + redeemed);
            assertEquals(BALANCE - held - redeemed, Json.num(profile, "balance.available"));
            assertTrue(Json.num(profile, "balance.available") >= 0);
            RecoveryOverHttpTest.assertBucketsEqualLedger(s, id);
        }
    }

    private static List<TestServer.Answer> race(final TestServer s, final int tills, final String path, final String tx)
        throws Exception
    {
        final ExecutorService pool = Executors.newFixedThreadPool(tills);
        final CountDownLatch go = new CountDownLatch(1);
        final List<Future<TestServer.Answer>> futures = new ArrayList<>();
        for (int i = 0; i < tills; i++)
        {
            final String body = oneLine(tx + i, "web", byCard("777"), 100_000, Long.toString(EACH));
            futures.add(pool.submit(() ->
            {
                try (RawHttp c = new RawHttp(s.port()))
                {
                    go.await();
                    final RawHttp.Response r = c.send(RawHttp.request("POST", path, TestServer.ADMIN_KEY, body)).read();
                    return new TestServer.Answer(r.status(), r.body(), null);
                }
            }));
        }
        go.countDown();
        final List<TestServer.Answer> answers = new ArrayList<>();
        for (final Future<TestServer.Answer> f : futures)
        {
            answers.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return answers;
    }

    private static long count(final List<TestServer.Answer> answers)
    {
        long points = 0;
        for (final TestServer.Answer a : answers)
        {
            if (a.status() == 200)
            {
                points += Json.num(a.body(), "pointsRedeemed");
            }
            else
            {
                assertEquals(422, a.status(), a.toString());
                assertEquals("INSUFFICIENT_POINTS", Json.str(a.body(), "error.code"), a.toString());
            }
        }
        return points;
    }
}
