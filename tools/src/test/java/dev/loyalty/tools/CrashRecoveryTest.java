package dev.loyalty.tools;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static dev.loyalty.tools.Json.list;
import static dev.loyalty.tools.Json.num;
import static dev.loyalty.tools.Json.obj;
import static dev.loyalty.tools.Json.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 3's crash test: {@code loyalty serve} runs in a child JVM; several connections drive authorize / capture /
 * void and one-shot purchases with redemption at it; it is killed with SIGKILL mid-load and started again on the
 * same data directory. Then every acknowledged transaction must be there with its acknowledged answer, a
 * re-sent request must answer the same bytes and change nothing, a request that got no answer must be wholly
 * there or wholly absent, and every member's balance must equal the sum of its ledger.
 */
@Tag("slow")
class CrashRecoveryTest
{
    private static final String ADMIN_KEY = "adm_crash-test-admin-key-0123456789";
    private static final Map<String, String> ENVIRONMENT = Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY);
    private static final int MEMBERS = 24;
    private static final int CONNECTIONS = 4;
    private static final int KILL_AFTER_ACKNOWLEDGED = 1500;
    private static final long MAX_LOAD_MILLIS = 15_000;
    private static final long STARTING_POINTS = 1_000_000;
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final long SEED = 20_261_206L;

    @TempDir
    Path dataDir;

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final List<String> memberIds = new ArrayList<>();

    /** One request of the load and its answer, or null when the connection died before one came. */
    record Sent(String op, String txId, String memberId, String method, String path, String body, Http.Answer answer)
    {
        boolean acknowledged()
        {
            return answer != null;
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedTransactionWhenTheEngineIsKilledMidLoad() throws Exception
    {
        final int setUpCommands;
        final long loadMillis;
        final int exitCode;
        final long killToExitMillis;
        try (ChildServer first = ChildServer.start(dataDir, ENVIRONMENT))
        {
            setUpCommands = createMembersWithPoints(new Http(first.port(), ADMIN_KEY));

            final AtomicBoolean stop = new AtomicBoolean();
            final List<Thread> connections = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++)
            {
                final Load load = new Load(c, new Http(first.port(), ADMIN_KEY), stop);
                final Thread thread = new Thread(load, "load-" + c);
                connections.add(thread);
                thread.start();
            }
            final long loadStartNs = System.nanoTime();
            while (acknowledged.get() < KILL_AFTER_ACKNOWLEDGED && millisSince(loadStartNs) < MAX_LOAD_MILLIS)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            loadMillis = millisSince(loadStartNs);
            final long killNs = System.nanoTime();
            exitCode = first.kill();
            killToExitMillis = millisSince(killNs);
            stop.set(true);
            for (final Thread thread : connections)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        assertEquals(SIGKILL_EXIT, exitCode, "the child must die of SIGKILL");

        try (ChildServer second = ChildServer.start(dataDir, ENVIRONMENT))
        {
            final Http http = new Http(second.port(), ADMIN_KEY);
            final List<Sent> all = List.copyOf(sent);
            final long acked = all.stream().filter(Sent::acknowledged).count();
            final List<Sent> unacknowledged = all.stream().filter(s -> !s.acknowledged()).toList();
            assertTrue(acked >= KILL_AFTER_ACKNOWLEDGED || loadMillis >= MAX_LOAD_MILLIS, "acknowledged " + acked);
            assertTrue(second.recoveredRecords() >= setUpCommands + acked,
                "the journal holds every acknowledged command: " + second.recoveredRecords() + " records, " +
                setUpCommands + " set-up commands and " + acked + " acknowledged");

            final Map<String, Map<String, Object>> purchases = checkAcknowledgedPurchasesAreThere(http, all);
            checkEveryLedgerMatchesItsPurchases(http, purchases);

            final String before = snapshot(http);
            final int replayed = checkReplaysAnswerTheSameBytes(http, all);
            assertEquals(before, snapshot(http), "replaying acknowledged requests changed the state");

            final int applied = checkUnacknowledgedAreWhollyThereOrAbsent(http, unacknowledged, purchases);
            checkBalancesEqualTheirLedgers(http);

            System.out.printf(
                "crash test: %d acknowledged requests (%d purchases) from %d connections; SIGKILL after %d ms of " +
                "load, dead %d ms after the signal; %d unacknowledged (%d found applied); restart to ready %d ms, " +
                "%d records recovered in %d ms; %d replays answered the same bytes%n",
                acked, purchases.size(), CONNECTIONS, loadMillis, killToExitMillis, unacknowledged.size(), applied,
                second.startToReadyMillis(), second.recoveredRecords(), second.recoveryMillis(), replayed);
        }
    }

    /** Creates the members, each with points from an adjustment; returns how many commands that journaled. */
    private int createMembersWithPoints(final Http admin)
    {
        int commands = 0;
        assertEquals(200, admin.call("PUT", "/v1/stores/s1",
            "{\"requestId\":\"s-1\",\"partnerId\":\"main\",\"channel\":\"POS\",\"attributes\":{}}").status());
        commands++;
        for (int m = 0; m < MEMBERS; m++)
        {
            final Http.Answer created = admin.call("POST", "/v1/members",
                "{\"requestId\":\"m-" + m + "\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"card-" + m + "\"}]}");
            assertEquals(201, created.status(), created.toString());
            final String memberId = str(created.json(), "memberId");
            memberIds.add(memberId);
            final Http.Answer adjusted = admin.call("POST", "/v1/members/" + memberId + "/adjustments",
                "{\"requestId\":\"adj-" + m + "\",\"points\":" + STARTING_POINTS + ",\"reason\":\"crash test\"}");
            assertEquals(200, adjusted.status(), adjusted.toString());
            commands += 2;
        }
        return commands;
    }

    /** One connection's purchases: authorize then capture or void, or one-shot, until its connection dies. */
    private final class Load implements Runnable
    {
        private final int connection;
        private final Http http;
        private final AtomicBoolean stop;
        private final Random random;

        Load(final int connection, final Http http, final AtomicBoolean stop)
        {
            this.connection = connection;
            this.http = http;
            this.stop = stop;
            this.random = new Random(SEED + connection);
        }

        public void run()
        {
            for (int n = 0; !stop.get(); n++)
            {
                final String txId = "c" + connection + "-" + n;
                final String memberId = random.nextInt(20) == 0 ? null : memberIds.get(random.nextInt(MEMBERS));
                final String body = purchaseBody(txId, memberId);
                final int kind = random.nextInt(100);
                if (kind < 40)
                {
                    if (send("ONE_SHOT", txId, memberId, "/v1/purchases", body) == null)
                    {
                        return;
                    }
                    continue;
                }
                final Http.Answer authorized = send("AUTHORIZE", txId, memberId, "/v1/purchases/authorize", body);
                if (authorized == null)
                {
                    return;
                }
                if (authorized.status() == 200)
                {
                    final String op = kind < 85 ? "CAPTURE" : "VOID";
                    final String path = "/v1/purchases/" + txId + (kind < 85 ? "/capture" : "/void");
                    if (send(op, txId, memberId, path, "{}") == null)
                    {
                        return;
                    }
                }
            }
        }

        private String purchaseBody(final String txId, final String memberId)
        {
            final StringBuilder lines = new StringBuilder();
            long total = 0;
            final int lineCount = 1 + random.nextInt(3);
            for (int i = 0; i < lineCount; i++)
            {
                final int qty = 1 + random.nextInt(3);
                final long unitPrice = 100L * (1 + random.nextInt(300));
                total += qty * unitPrice;
                lines.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"SKU-").append(i).append("\",\"category\":\"c").append(i)
                    .append("\",\"qty\":").append(qty).append(",\"unitPrice\":").append(unitPrice).append('}');
            }
            final long maxRedeemable = total * 3000 / 10_000 / 100;
            final String redeem = random.nextInt(5) == 0 ? "\"MAX\"" :
                Long.toString((long)(random.nextDouble() * (maxRedeemable + 1)));
            final String member;
            if (memberId == null)
            {
                member = "";
            }
            else if (random.nextBoolean())
            {
                member = "\"member\":{\"memberId\":\"" + memberId + "\"},";
            }
            else
            {
                member = "\"member\":{\"identifier\":{\"type\":\"CARD\",\"value\":\"card-" +
                    memberIds.indexOf(memberId) + "\"}},";
            }
            return "{\"txId\":\"" + txId + "\",\"storeId\":\"s1\"," + member + "\"payment\":\"CARD\",\"lines\":[" +
                lines + "],\"redeemPoints\":" + (memberId == null ? "0" : redeem) + "}";
        }

        private Http.Answer send(
            final String op, final String txId, final String memberId, final String path, final String body)
        {
            try
            {
                final Http.Answer answer = http.send("POST", path, body);
                sent.add(new Sent(op, txId, memberId, "POST", path, body, answer));
                acknowledged.incrementAndGet();
                return answer;
            }
            catch (final IOException ex)
            {
                sent.add(new Sent(op, txId, memberId, "POST", path, body, null));
                return null;
            }
        }
    }

    /**
     * Every acknowledged answer was a success, and the purchase it names is there after the restart with the
     * amounts that answer gave and the status its last acknowledged step left (or the next one, when a later
     * step got no answer). Returns the purchases found, by txId.
     */
    private static Map<String, Map<String, Object>> checkAcknowledgedPurchasesAreThere(
        final Http http, final List<Sent> all)
    {
        final Map<String, List<Sent>> byTx = new LinkedHashMap<>();
        for (final Sent s : all)
        {
            byTx.computeIfAbsent(s.txId(), tx -> new ArrayList<>()).add(s);
            if (s.acknowledged())
            {
                assertEquals(200, s.answer().status(), s.op() + " " + s.body() + " answered " + s.answer());
            }
        }
        final Map<String, Map<String, Object>> found = new HashMap<>();
        for (final Map.Entry<String, List<Sent>> tx : byTx.entrySet())
        {
            final Http.Answer now = http.get("/v1/purchases/" + tx.getKey());
            final Sent opened = tx.getValue().get(0);
            final Sent next = tx.getValue().size() > 1 ? tx.getValue().get(1) : null;
            if (now.status() == 404)
            {
                assertTrue(!opened.acknowledged(), "acknowledged purchase " + tx.getKey() + " is gone: " + now);
                continue;
            }
            assertEquals(200, now.status(), now.toString());
            final Map<String, Object> purchase = now.json();
            found.put(tx.getKey(), purchase);
            if (opened.acknowledged())
            {
                assertSameAmounts(opened.answer().json(), purchase);
            }
            final String status = str(purchase, "status");
            if ("ONE_SHOT".equals(opened.op()))
            {
                assertEquals("CAPTURED", status, tx.getKey());
            }
            else if (next == null)
            {
                assertEquals("AUTHORIZED", status, tx.getKey());
            }
            else
            {
                final String done = "CAPTURE".equals(next.op()) ? "CAPTURED" : "VOIDED";
                if (next.acknowledged())
                {
                    assertEquals(done, status, tx.getKey());
                    assertEquals(done, str(next.answer().json(), "status"));
                }
                else
                {
                    assertTrue(Set.of("AUTHORIZED", done).contains(status), tx.getKey() + " is " + status);
                }
            }
            if ("CAPTURED".equals(status) && next != null && next.acknowledged())
            {
                assertEquals(num(next.answer().json(), "pointsEarned"), num(purchase, "pointsEarned"));
                assertEquals(num(next.answer().json(), "pointsRedeemed"), num(purchase, "pointsRedeemed"));
            }
        }
        return found;
    }

    private static void assertSameAmounts(final Map<String, Object> answered, final Map<String, Object> now)
    {
        for (final String field : List.of("txId", "memberId", "storeId", "total", "discount", "pointsRedeemed",
            "payable", "pointsToEarn", "maxRedeemable", "lines"))
        {
            assertEquals(answered.get(field), now.get(field), field + " of " + answered.get("txId"));
        }
    }

    /**
     * Each purchase's ledger entries are all of its steps or none: an authorized one holds its redeemed points,
     * a voided one holds and releases them, a captured one nets its earned less its redeemed points; a member's
     * held balance is what its authorized purchases hold.
     */
    private void checkEveryLedgerMatchesItsPurchases(
        final Http http, final Map<String, Map<String, Object>> purchases)
    {
        for (final String memberId : memberIds)
        {
            final Map<String, List<Map<String, Object>>> entriesByTx = new HashMap<>();
            for (final Map<String, Object> entry : ledger(http, memberId))
            {
                if (entry.get("txId") != null)
                {
                    entriesByTx.computeIfAbsent(str(entry, "txId"), tx -> new ArrayList<>()).add(entry);
                }
            }
            long held = 0;
            for (final Map<String, Object> purchase : purchases.values())
            {
                if (!memberId.equals(purchase.get("memberId")))
                {
                    continue;
                }
                final String txId = str(purchase, "txId");
                final List<Map<String, Object>> entries = entriesByTx.getOrDefault(txId, List.of());
                final long redeemed = num(purchase, "pointsRedeemed");
                final long net = entries.stream().mapToLong(e -> num(e, "points")).sum();
                final int holds = redeemed > 0 ? 1 : 0;
                switch (str(purchase, "status"))
                {
                    case "AUTHORIZED" ->
                    {
                        held += redeemed;
                        assertEquals(0, net, txId);
                        assertEquals(holds, count(entries, "HOLD"), txId + " " + entries);
                        assertEquals(entries.size(), count(entries, "HOLD"), txId + " " + entries);
                    }
                    case "VOIDED" ->
                    {
                        assertEquals(0, net, txId);
                        assertEquals(holds, count(entries, "HOLD"), txId + " " + entries);
                        assertEquals(holds, count(entries, "RELEASE"), txId + " " + entries);
                    }
                    case "CAPTURED" ->
                    {
                        assertEquals(num(purchase, "pointsEarned") - redeemed, net, txId + " " + entries);
                        assertEquals(holds, count(entries, "REDEEM"), txId + " " + entries);
                        assertEquals(0, count(entries, "RELEASE"), txId + " " + entries);
                    }
                    default -> fail(txId + " is " + purchase.get("status"));
                }
                entriesByTx.remove(txId);
            }
            assertEquals(Map.of(), entriesByTx, "ledger entries of purchases that are not there");
            assertEquals(held, num(member(http, memberId), "held"), "held points of " + memberId);
        }
    }

    private static long count(final List<Map<String, Object>> entries, final String type)
    {
        return entries.stream().filter(e -> type.equals(e.get("type"))).count();
    }

    /** Re-sends every acknowledged request: the answer is the first one, byte for byte. */
    private static int checkReplaysAnswerTheSameBytes(final Http http, final List<Sent> all)
    {
        int replayed = 0;
        for (final Sent s : all)
        {
            if (s.acknowledged())
            {
                final Http.Answer again = http.call(s.method(), s.path(), s.body());
                assertEquals(s.answer(), again, "replay of " + s.op() + " " + s.body());
                replayed++;
            }
        }
        return replayed;
    }

    /**
     * A request that got no answer either took effect (its purchase is there, and re-sending it answers what is
     * there) or did not (re-sending it now takes effect). Returns how many had taken effect.
     */
    private static int checkUnacknowledgedAreWhollyThereOrAbsent(
        final Http http, final List<Sent> unacknowledged, final Map<String, Map<String, Object>> purchases)
    {
        int applied = 0;
        for (final Sent s : unacknowledged)
        {
            final Map<String, Object> there = purchases.get(s.txId());
            final boolean tookEffect = switch (s.op())
            {
                case "ONE_SHOT", "AUTHORIZE" -> there != null;
                case "CAPTURE" -> there != null && "CAPTURED".equals(there.get("status"));
                case "VOID" -> there != null && "VOIDED".equals(there.get("status"));
                default -> throw new AssertionError(s.op());
            };
            final Http.Answer again = http.call(s.method(), s.path(), s.body());
            assertEquals(200, again.status(), "re-sent " + s.op() + " " + s.body() + ": " + again);
            if (tookEffect)
            {
                applied++;
                if (!"VOID".equals(s.op()) && !"CAPTURE".equals(s.op()))
                {
                    assertSameAmounts(again.json(), there);
                }
            }
        }
        return applied;
    }

    /** For every member, available + pending + held equals the sum of its ledger, read page by page. */
    private void checkBalancesEqualTheirLedgers(final Http http)
    {
        for (final String memberId : memberIds)
        {
            final Map<String, Object> balance = member(http, memberId);
            final long total = num(balance, "available") + num(balance, "pending") + num(balance, "held");
            final long ledgerSum = ledger(http, memberId).stream().mapToLong(e -> num(e, "points")).sum();
            assertEquals(ledgerSum, total, "balance against ledger of " + memberId);
        }
    }

    private static Map<String, Object> member(final Http http, final String memberId)
    {
        final Http.Answer answer = http.get("/v1/members/" + memberId);
        assertEquals(200, answer.status(), answer.toString());
        return obj(answer.json(), "balance");
    }

    private static List<Map<String, Object>> ledger(final Http http, final String memberId)
    {
        final List<Map<String, Object>> entries = new ArrayList<>();
        String page = "/v1/members/" + memberId + "/ledger?limit=100";
        while (page != null)
        {
            final Http.Answer answer = http.get(page);
            assertEquals(200, answer.status(), answer.toString());
            final Map<String, Object> body = answer.json();
            list(body, "entries").forEach(e -> entries.add(Json.asObject(e)));
            final Object next = body.get("nextBefore");
            page = next == null ? null : "/v1/members/" + memberId + "/ledger?limit=100&before=" + next;
        }
        return entries;
    }

    /** Every member's profile and whole ledger, as answered. */
    private String snapshot(final Http http)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String memberId : memberIds)
        {
            sb.append(http.get("/v1/members/" + memberId).body()).append('\n');
            ledger(http, memberId).forEach(e -> sb.append(e).append('\n'));
        }
        return sb.toString();
    }

    private static long millisSince(final long startNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }
}
