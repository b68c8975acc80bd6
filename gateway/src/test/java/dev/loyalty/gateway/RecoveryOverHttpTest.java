package dev.loyalty.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.loyalty.gateway.Checkout.byCard;
import static dev.loyalty.gateway.Checkout.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded mix of thousands of requests from several connections, then a restart from the journal: the state
 * digest is the same, every member's buckets equal its ledger, and the ledger invariants hold.
 */
class RecoveryOverHttpTest
{
    private static final long SEED = 20261201L;
    private static final int MEMBERS = 40;
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 750;

    @TempDir
    Path dir;

    @Test
    void shouldReachTheSameDigestAfterRestartFromTheJournal() throws Exception
    {
        final List<String> memberIds = new ArrayList<>();
        final String digestBefore;
        final List<String> profilesBefore = new ArrayList<>();
        try (TestServer s = new TestServer(dir))
        {
            s.admin("PUT", "/v1/stores/s1", "{\"requestId\":\"s-1\",\"channel\":\"POS\"}");
            for (int i = 0; i < MEMBERS; i++)
            {
                final String id = Json.str(s.admin("POST", "/v1/members", member("m-" + i, "card-" + i)).body(), "memberId");
                memberIds.add(id);
                s.admin("POST", "/v1/members/" + id + "/adjustments",
                    "{\"requestId\":\"a-" + i + "\",\"points\":" + (100 + i * 37) + "}");
            }
            final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            final List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++)
            {
                final int client = c;
                done.add(pool.submit(() -> drive(s, client, new Random(SEED + client))));
            }
            int ok = 0;
            for (final Future<Integer> f : done)
            {
                ok += f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(ok > CLIENTS * REQUESTS_PER_CLIENT / 2, "most requests succeed: " + ok);
            for (final String id : memberIds)
            {
                profilesBefore.add(s.admin("GET", "/v1/members/" + id, null).body());
                assertBucketsEqualLedger(s, id);
            }
            s.close();
            digestBefore = s.lastDigest();
            assertEquals(List.of(), s.lastInvariantViolations());

            s.start();
            for (int i = 0; i < memberIds.size(); i++)
            {
                assertEquals(profilesBefore.get(i), s.admin("GET", "/v1/members/" + memberIds.get(i), null).body());
            }
            s.close();
            assertEquals(digestBefore, s.lastDigest(), "replaying the journal gives the same state");
            assertEquals(List.of(), s.lastInvariantViolations());
        }
    }

    private static int drive(final TestServer s, final int client, final Random r)
    {
        int ok = 0;
        final List<String> authorized = new ArrayList<>();
        final List<String> captured = new ArrayList<>();
        for (int i = 0; i < REQUESTS_PER_CLIENT; i++)
        {
            final String tx = "c" + client + "-" + i;
            final String card = "card-" + r.nextInt(MEMBERS);
            final int roll = r.nextInt(100);
            final TestServer.Answer a;
            if (roll < 35 || authorized.isEmpty())
            {
                a = s.admin("POST", "/v1/purchases/authorize", cheque(tx, card, r));
                if (a.status() == 200)
                {
                    authorized.add(tx);
                }
            }
            else if (roll < 55)
            {
                final String t = authorized.remove(r.nextInt(authorized.size()));
                a = s.admin("POST", "/v1/purchases/" + t + "/capture", "{}");
                if (a.status() == 200)
                {
                    captured.add(t);
                }
            }
            else if (roll < 65)
            {
                a = s.admin("POST", "/v1/purchases/" + authorized.remove(r.nextInt(authorized.size())) + "/void", "{}");
            }
            else if (roll < 85)
            {
                a = s.admin("POST", "/v1/purchases", cheque(tx, card, r));
                if (a.status() == 200)
                {
                    captured.add(tx);
                }
            }
            else if (roll < 95 && !captured.isEmpty())
            {
                final String t = captured.get(r.nextInt(captured.size()));
                a = s.admin("POST", "/v1/purchases/" + t + "/refund", r.nextBoolean() ?
                    "{\"refundId\":\"r-" + tx + "\",\"lines\":[{\"sku\":\"A\",\"qty\":1}]}" :
                    "{\"refundId\":\"r-" + tx + "\",\"amount\":" + (1 + r.nextInt(5000)) + "}");
            }
            else
            {
                a = s.admin("POST", "/v1/purchases/calculate", cheque(tx, card, r));
            }
            assertTrue(a.status() < 500, a.toString());
            if (a.status() == 200)
            {
                ok++;
            }
        }
        return ok;
    }

    private static String cheque(final String tx, final String card, final Random r)
    {
        final String redeem = r.nextInt(4) == 0 ? "\"MAX\"" : Integer.toString(r.nextInt(3) == 0 ? 0 : r.nextInt(60));
        return "{\"txId\":\"" + tx + "\",\"storeId\":\"" + (r.nextBoolean() ? "s1" : "web") + "\",\"member\":" +
            byCard(card) + ",\"lines\":[{\"sku\":\"A\",\"qty\":" + (1 + r.nextInt(3)) + ",\"unitPrice\":" +
            (100 + r.nextInt(20_000)) + "},{\"sku\":\"B\",\"qty\":1,\"unitPrice\":" + r.nextInt(9_000) + "}]," +
            "\"redeemPoints\":" + redeem + "}";
    }

    /** available + pending + held equals the sum of the member's ledger, read page by page over HTTP. */
    static void assertBucketsEqualLedger(final TestServer s, final String memberId)
    {
        final String p = s.admin("GET", "/v1/members/" + memberId, null).body();
        final long total = Json.num(p, "balance.available") + Json.num(p, "balance.pending") + Json.num(p, "balance.held");
        long sum = 0;
        String page = s.admin("GET", "/v1/members/" + memberId + "/ledger?limit=1000", null).body();
        while (true)
        {
            for (final Object e : (List<?>)Json.at(page, "entries"))
            {
                sum += (Long)((Map<?, ?>)e).get("points");
            }
            final Object next = Json.at(page, "nextBefore");
            if (next == null)
            {
                break;
            }
            page = s.admin("GET", "/v1/members/" + memberId + "/ledger?limit=1000&before=" + next, null).body();
        }
        assertEquals(total, sum, "buckets equal the ledger of " + memberId);
    }
}
