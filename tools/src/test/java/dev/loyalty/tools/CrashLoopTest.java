package dev.loyalty.tools;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's crash loop: {@code loyalty serve} in a child JVM under mixed load from several connections
 * (authorize then capture or void, one-shot purchases redeeming points, refunds of earlier purchases; one
 * connection on a partner's {@code pos} key) is killed with SIGKILL at a random moment, started again on the
 * same data directory (from the newest snapshot, written every {@value #SNAPSHOT_EVERY_RECORDS} records, and the
 * journal after it), checked, and loaded again: {@value #DEFAULT_CYCLES} cycles in CI,
 * {@code -Dloyalty.crashloop.cycles=500} for more; the moments come from a seed it prints
 * ({@code -Dloyalty.crashloop.seed} repeats one).
 *
 * <p>After each restart: every acknowledged request answers the same status and bytes when re-sent and
 * changes nothing (the members' profiles and ledgers are the same before and after); every purchase the
 * load touched is there with its acknowledged amounts and status; a request that got no answer is wholly there
 * or wholly absent (its purchase's ledger entries are all of its steps or none), and re-sending it makes it
 * acknowledged; for every member {@code available + pending + held} is the sum of its ledger; and the
 * zero-sum over the whole engine holds, computed from the answers over HTTP: points adjusted in + earned by
 * captured purchases - redeemed by them - taken back by refunds + given back by refunds = the sum of every
 * member's balance, and each kind of ledger entry sums to the same figure from the purchases' side.
 * Finally no line the child printed in any cycle shows the admin key, the {@code pos} key or its hash.
 */
@Tag("slow")
class CrashLoopTest
{
    static final int DEFAULT_CYCLES = 50;
    private static final String ADMIN_KEY = "adm_crash-loop-admin-key-0123456789";
    /**
     * A snapshot every {@value #SNAPSHOT_EVERY_RECORDS} records (a cycle's load is a few hundred): most restarts load a
     * snapshot, whose members and purchases stay in its file until asked for, and replay the journal after it;
     * some kills land while a snapshot is being written.
     */
    private static final int SNAPSHOT_EVERY_RECORDS = 40;
    private static final Map<String, String> ENVIRONMENT = Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY,
        "LOYALTY_SNAPSHOT_EVERY_RECORDS", Integer.toString(SNAPSHOT_EVERY_RECORDS));
    private static final int MEMBERS = 8;
    private static final int CONNECTIONS = 3;
    private static final long STARTING_POINTS = 1_000_000;
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final long MAX_LOAD_MILLIS = 10_000;
    /**
     * A short-lived child starts faster with the client compiler only and the serial collector; it logs at info
     * (not the launcher's warn), so that the check for secrets reads more of what it says.
     */
    private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");

    @TempDir
    Path dataDir;
    private final Map<String, Http> clients = new HashMap<>();

    private final List<String> memberIds = new ArrayList<>();
    private final List<Sent> acknowledged = new ArrayList<>();
    private final Map<String, Purchase> purchases = new LinkedHashMap<>();
    private final List<String> refundable = Collections.synchronizedList(new ArrayList<>());
    private final List<String> childOutput = new ArrayList<>();
    private String posKey;

    /** One request and its answer, or null when the connection died before one came. */
    record Sent(String op, String txId, String key, String path, String body, Http.Answer answer)
    {
    }

    /** What the test knows of a purchase: how it began, the steps it sent, and what GET answered last. */
    static final class Purchase
    {
        final String txId;
        final boolean authorizeFirst;
        final List<Sent> steps = new ArrayList<>();
        long refundsSent;
        Map<String, Object> shown;

        Purchase(final String txId, final boolean authorizeFirst)
        {
            this.txId = txId;
            this.authorizeFirst = authorizeFirst;
        }
    }

    @Test
    void shouldLoseNothingAcknowledgedAndApplyNothingTwiceAcrossCyclesOfSigkillAndRestart() throws Exception
    {
        final int cycles = Integer.getInteger("loyalty.crashloop.cycles", DEFAULT_CYCLES);
        final long seed = Long.getLong("loyalty.crashloop.seed", System.nanoTime());
        System.out.println("crash loop: seed " + seed + " (-Dloyalty.crashloop.seed=" + seed + " repeats it)");
        final Random random = new Random(seed);
        final List<Long> restartMillis = new ArrayList<>();
        final List<Long> recoveryMillis = new ArrayList<>();
        long unacknowledgedApplied = 0;
        long unacknowledgedAbsent = 0;
        long replays = 0;
        long records = 0;
        int fromSnapshot = 0;
        final long startNs = System.nanoTime();

        ChildServer server = ChildServer.start(dataDir, ENVIRONMENT, FAST_START);
        try
        {
            setUp(server.port());
            for (int cycle = 1; cycle <= cycles; cycle++)
            {
                final List<Sent> sent = load(server, cycle, random);
                childOutput.addAll(server.outputLines());
                server = ChildServer.start(dataDir, ENVIRONMENT, FAST_START);
                restartMillis.add(server.startToReadyMillis());
                recoveryMillis.add(server.recoveryMillis());
                records = server.snapshotSequence() + server.recoveredRecords();
                fromSnapshot += server.snapshotSequence() > 0 ? 1 : 0;
                final int[] outcome = check(server.port(), sent, cycle);
                unacknowledgedApplied += outcome[0];
                unacknowledgedAbsent += outcome[1];
                replays += outcome[2];
            }
            final Http http = new Http(server.port(), ADMIN_KEY);
            final String before = state(http);
            for (final Sent s : acknowledged)
            {
                assertEquals(s.answer(), http(server, s.key()).call("POST", s.path(), s.body()), "replay of " + s);
            }
            assertEquals(before, state(http), "re-sending every acknowledged request changed the state");
            replays += acknowledged.size();
            childOutput.addAll(server.outputLines());
        }
        finally
        {
            server.close();
        }
        checkNoSecretInTheOutput(cycles);

        Collections.sort(restartMillis);
        Collections.sort(recoveryMillis);
        System.out.printf("crash loop: %d cycles of SIGKILL and restart in %d s; %d acknowledged requests " +
            "(%d purchases), %d replays answered the same bytes; %d unacknowledged requests found applied, %d found " +
            "absent; journal %d records at the end; %d restarts from a snapshot; restart to ready median %d ms (min %d, " +
            "max %d), recovery median %d ms (max %d)%n",
            cycles, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs), acknowledged.size(),
            purchases.size(), replays, unacknowledgedApplied, unacknowledgedAbsent, records, fromSnapshot,
            restartMillis.get(restartMillis.size() / 2), restartMillis.get(0),
            restartMillis.get(restartMillis.size() - 1), recoveryMillis.get(recoveryMillis.size() / 2),
            recoveryMillis.get(recoveryMillis.size() - 1));
        assertTrue(unacknowledgedApplied + unacknowledgedAbsent > 0, "some requests were in flight at a kill");
        assertTrue(fromSnapshot > cycles / 2, fromSnapshot + " of " + cycles + " restarts loaded a snapshot");
    }

    /**
     * One client per server and key: the final re-send of every acknowledged request (over 10,000 of them in 50
     * cycles) must not open a client, its selector thread and a kept-alive connection per request, which would
     * run into the server's connection cap (10,000 by default) and the machine's threads.
     */
    private Http http(final ChildServer server, final String key)
    {
        return clients.computeIfAbsent(server.port() + " " + key, k -> new Http(server.port(), key));
    }

    /** A POS store, the members with their starting points, and a pos key of partner main. */
    private void setUp(final int port)
    {
        final Http admin = new Http(port, ADMIN_KEY);
        assertEquals(200, admin.call("PUT", "/v1/program",
            "{\"requestId\":\"cfg-1\",\"holdTimeoutSeconds\":31536000}").status(), "no hold times out in the test");
        assertEquals(200, admin.call("PUT", "/v1/stores/s1",
            "{\"requestId\":\"s-1\",\"partnerId\":\"main\",\"channel\":\"POS\"}").status());
        for (int m = 0; m < MEMBERS; m++)
        {
            final Http.Answer created = admin.call("POST", "/v1/members",
                "{\"requestId\":\"m-" + m + "\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"card-" + m + "\"}]}");
            assertEquals(201, created.status(), created.toString());
            memberIds.add(str(created.json(), "memberId"));
            assertEquals(200, admin.call("POST", "/v1/members/" + memberIds.get(m) + "/adjustments",
                "{\"requestId\":\"adj-" + m + "\",\"points\":" + STARTING_POINTS + ",\"reason\":\"crash loop\"}").status());
        }
        final Http.Answer key = admin.call("POST", "/v1/keys", "{\"requestId\":\"k-1\",\"role\":\"pos\",\"partnerId\":\"main\"}");
        assertEquals(200, key.status(), key.toString());
        posKey = str(key.json(), "key");
        final Http.Answer posMember = new Http(port, posKey).call("POST", "/v1/members",
            "{\"requestId\":\"m-pos\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"card-pos\"}]}");
        assertEquals(201, posMember.status(), posMember.toString());
        assertEquals(200, admin.call("POST", "/v1/members/" + str(posMember.json(), "memberId") + "/adjustments",
            "{\"requestId\":\"adj-pos\",\"points\":" + STARTING_POINTS + ",\"reason\":\"crash loop\"}").status());
    }

    // ---------------------------------------------------------------------------------------------------------
    // The load and the kill
    // ---------------------------------------------------------------------------------------------------------

    /** Runs the connections until a random moment, kills the child there, and returns what was sent. */
    private List<Sent> load(final ChildServer server, final int cycle, final Random random) throws InterruptedException
    {
        final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger answers = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final int killAfterAnswers = random.nextInt(60);
        final long killAfterNanos = TimeUnit.MICROSECONDS.toNanos(random.nextInt(400_000));
        final List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++)
        {
            final String key = c == 0 ? posKey : ADMIN_KEY;
            final Connection connection = new Connection(
                "k" + cycle + "c" + c, new Http(server.port(), key), key, new Random(random.nextLong()), sent, answers,
                stop);
            final Thread thread = new Thread(connection, "crash-loop-" + cycle + "-" + c);
            threads.add(thread);
            thread.start();
        }
        final long startNs = System.nanoTime();
        while ((answers.get() < killAfterAnswers || System.nanoTime() - startNs < killAfterNanos) &&
            System.nanoTime() - startNs < TimeUnit.MILLISECONDS.toNanos(MAX_LOAD_MILLIS))
        {
            LockSupport.parkNanos(50_000);
        }
        assertEquals(SIGKILL_EXIT, server.kill(), "the child dies of SIGKILL");
        stop.set(true);
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(thread.isAlive(), "a connection hangs after the kill");
        }
        return List.copyOf(sent);
    }

    /** One connection's requests: authorize then capture or void, one-shot, refund. Ends when its server dies. */
    private final class Connection implements Runnable
    {
        private final String prefix;
        private final Http http;
        private final String key;
        private final Random random;
        private final List<Sent> sent;
        private final AtomicInteger answers;
        private final AtomicBoolean stop;

        Connection(final String prefix, final Http http, final String key, final Random random, final List<Sent> sent,
            final AtomicInteger answers, final AtomicBoolean stop)
        {
            this.prefix = prefix;
            this.http = http;
            this.key = key;
            this.random = random;
            this.sent = sent;
            this.answers = answers;
            this.stop = stop;
        }

        public void run()
        {
            for (int n = 0; !stop.get(); n++)
            {
                final String txId = prefix + "-" + n;
                final int kind = random.nextInt(100);
                if (kind < 15 && key.equals(ADMIN_KEY) && !refundable.isEmpty())
                {
                    final String target = refundable.remove(random.nextInt(refundable.size()));
                    final String body = "{\"refundId\":\"rf-" + txId + "\",\"amount\":" + (1 + random.nextInt(2_000)) + "}";
                    if (send("REFUND", target, "/v1/purchases/" + target + "/refund", body) == null)
                    {
                        return;
                    }
                    continue;
                }
                final String body = purchaseBody(txId);
                if (kind < 50)
                {
                    final Http.Answer shot = send("ONE_SHOT", txId, "/v1/purchases", body);
                    if (shot == null)
                    {
                        return;
                    }
                    continue;
                }
                final Http.Answer authorized = send("AUTHORIZE", txId, "/v1/purchases/authorize", body);
                if (authorized == null)
                {
                    return;
                }
                final boolean capture = kind < 85;
                if (send(capture ? "CAPTURE" : "VOID", txId,
                    "/v1/purchases/" + txId + (capture ? "/capture" : "/void"), "{}") == null)
                {
                    return;
                }
            }
        }

        private String purchaseBody(final String txId)
        {
            final StringBuilder lines = new StringBuilder();
            long total = 0;
            final int lineCount = 1 + random.nextInt(3);
            for (int i = 0; i < lineCount; i++)
            {
                final int qty = 1 + random.nextInt(3);
                final long unitPrice = 2_000L + 100L * random.nextInt(300);
                total += qty * unitPrice;
                lines.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(i).append("\",\"qty\":").append(qty)
                    .append(",\"unitPrice\":").append(unitPrice).append('}');
            }
            final String member = key.equals(posKey) ? "{\"identifier\":{\"type\":\"CARD\",\"value\":\"card-pos\"}}" :
                "{\"memberId\":\"" + memberIds.get(random.nextInt(MEMBERS)) + "\"}";
            final long maxRedeemable = total * 3000 / 10_000 / 100;
            final String redeem = random.nextInt(5) == 0 ? "\"MAX\"" : Long.toString(random.nextInt((int)maxRedeemable + 1));
            return "{\"txId\":\"" + txId + "\",\"storeId\":\"s1\",\"member\":" + member +
                ",\"payment\":\"CARD\",\"lines\":[" + lines + "],\"redeemPoints\":" + redeem + "}";
        }

        private Http.Answer send(final String op, final String txId, final String path, final String body)
        {
            try
            {
                final Http.Answer answer = http.send("POST", path, body);
                sent.add(new Sent(op, txId, key, path, body, answer));
                answers.incrementAndGet();
                if (answer.status() == 200 && ("ONE_SHOT".equals(op) || "CAPTURE".equals(op)) && key.equals(ADMIN_KEY))
                {
                    refundable.add(txId);
                }
                return answer;
            }
            catch (final IOException ex)
            {
                sent.add(new Sent(op, txId, key, path, body, null));
                return null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The checks after a restart
    // ---------------------------------------------------------------------------------------------------------

    /** Returns {unacknowledged applied, unacknowledged absent, replays}. */
    private int[] check(final int port, final List<Sent> sent, final int cycle)
    {
        final Http admin = new Http(port, ADMIN_KEY);
        final Set<String> touched = new LinkedHashSet<>();
        for (final Sent s : sent)
        {
            final Purchase p = purchases.computeIfAbsent(s.txId(),
                tx -> new Purchase(tx, "AUTHORIZE".equals(s.op())));
            p.steps.add(s);
            touched.add(s.txId());
            if (s.answer() != null)
            {
                assertEquals(200, s.answer().status(), "cycle " + cycle + ": " + s);
            }
        }
        final ChildServerHttp http = new ChildServerHttp(port, admin);
        for (final String txId : touched)
        {
            refresh(http, purchases.get(txId), cycle);
        }
        checkLedgersMatchPurchasesAndTheZeroSum(admin, cycle);

        final String before = state(admin);
        int replays = 0;
        for (final Sent s : sent)
        {
            if (s.answer() != null)
            {
                assertEquals(s.answer(), http.as(s.key()).call("POST", s.path(), s.body()),
                    "cycle " + cycle + ": the replay of an acknowledged " + s.op() + " " + s.body());
                replays++;
            }
        }
        assertEquals(before, state(admin), "cycle " + cycle + ": re-sending acknowledged requests changed the state");

        int applied = 0;
        int absent = 0;
        for (final Sent s : sent)
        {
            if (s.answer() == null)
            {
                final boolean tookEffect = tookEffect(s, purchases.get(s.txId()));
                applied += tookEffect ? 1 : 0;
                absent += tookEffect ? 0 : 1;
                final Http.Answer again = http.as(s.key()).call("POST", s.path(), s.body());
                assertEquals(200, again.status(), "cycle " + cycle + ": re-sent " + s + ": " + again);
                final Sent now = new Sent(s.op(), s.txId(), s.key(), s.path(), s.body(), again);
                acknowledged.add(now);
                final List<Sent> steps = purchases.get(s.txId()).steps;
                steps.set(steps.indexOf(s), now);
                if ("REFUND".equals(s.op()))
                {
                    purchases.get(s.txId()).refundsSent++;
                }
            }
            else
            {
                acknowledged.add(s);
                if ("REFUND".equals(s.op()))
                {
                    purchases.get(s.txId()).refundsSent++;
                }
            }
        }
        for (final String txId : touched)
        {
            refresh(http, purchases.get(txId), cycle);
        }
        checkLedgersMatchPurchasesAndTheZeroSum(admin, cycle);
        voidAbandoned(http, touched, cycle);
        return new int[] {applied, absent, replays};
    }

    /**
     * Voids what the kill left authorized, as a till voids a cheque the customer walked away from, so that no
     * member runs into the cap of open holds however many cycles run.
     */
    private void voidAbandoned(final ChildServerHttp http, final Set<String> touched, final int cycle)
    {
        for (final String txId : touched)
        {
            final Purchase p = purchases.get(txId);
            if (p.shown != null && "AUTHORIZED".equals(str(p.shown, "status")))
            {
                final Sent opened = p.steps.get(0);
                final String path = "/v1/purchases/" + txId + "/void";
                final Http.Answer voided = http.as(opened.key()).call("POST", path, "{}");
                assertEquals(200, voided.status(), "cycle " + cycle + ": void " + txId + ": " + voided);
                final Sent step = new Sent("VOID", txId, opened.key(), path, "{}", voided);
                p.steps.add(step);
                acknowledged.add(step);
                refresh(http, p, cycle);
            }
        }
    }

    /** Keys for re-sending each request as it was sent. */
    private final class ChildServerHttp
    {
        private final Http admin;
        private final Http pos;

        ChildServerHttp(final int port, final Http admin)
        {
            this.admin = admin;
            this.pos = new Http(port, posKey);
        }

        Http as(final String key)
        {
            return key.equals(ADMIN_KEY) ? admin : pos;
        }
    }

    /**
     * Reads the purchase again and checks it against what was acknowledged: the amounts of its first answer,
     * the status its last acknowledged step left (or the next one when a later step got no answer).
     */
    private void refresh(final ChildServerHttp http, final Purchase p, final int cycle)
    {
        final Http.Answer now = http.admin.get("/v1/purchases/" + p.txId);
        final Sent opened = p.steps.get(0);
        if (now.status() == 404)
        {
            assertTrue(opened.answer() == null && p.steps.size() == 1,
                "cycle " + cycle + ": acknowledged purchase " + p.txId + " is gone");
            p.shown = null;
            return;
        }
        assertEquals(200, now.status(), now.toString());
        p.shown = now.json();
        if (opened.answer() != null && !"REFUND".equals(opened.op()))
        {
            for (final String field : List.of("txId", "memberId", "storeId", "total", "discount", "pointsRedeemed",
                "payable", "pointsToEarn", "maxRedeemable", "lines"))
            {
                assertEquals(opened.answer().json().get(field), p.shown.get(field),
                    "cycle " + cycle + ": " + field + " of " + p.txId);
            }
        }
        final String status = str(p.shown, "status");
        Sent lastStep = null;
        for (final Sent s : p.steps)
        {
            if (!"REFUND".equals(s.op()))
            {
                lastStep = s;
            }
        }
        final Set<String> allowed = switch (lastStep.op())
        {
            case "ONE_SHOT" -> Set.of("CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED");
            case "AUTHORIZE" -> Set.of("AUTHORIZED");
            case "CAPTURE" -> lastStep.answer() != null ? Set.of("CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED") :
                Set.of("AUTHORIZED", "CAPTURED");
            case "VOID" -> lastStep.answer() != null ? Set.of("VOIDED") : Set.of("AUTHORIZED", "VOIDED");
            default -> throw new AssertionError(lastStep.op());
        };
        assertTrue(allowed.contains(status), "cycle " + cycle + ": " + p.txId + " is " + status + " after " + p.steps);
    }

    private static boolean tookEffect(final Sent s, final Purchase p)
    {
        final String status = p.shown == null ? null : str(p.shown, "status");
        return switch (s.op())
        {
            case "ONE_SHOT", "AUTHORIZE" -> status != null;
            case "CAPTURE" -> status != null && !"AUTHORIZED".equals(status);
            case "VOID" -> "VOIDED".equals(status);
            case "REFUND" -> p.shown.get("refunded") != null &&
                num(obj(p.shown, "refunded"), "amount") > refundedBefore(p, s);
            default -> throw new AssertionError(s.op());
        };
    }

    /** The amount refunded by the purchase's refunds acknowledged before {@code s}. */
    private static long refundedBefore(final Purchase p, final Sent s)
    {
        long amount = 0;
        for (final Sent step : p.steps)
        {
            if (step == s)
            {
                break;
            }
            if ("REFUND".equals(step.op()) && step.answer() != null)
            {
                amount += num(step.answer().json(), "amount");
            }
        }
        return amount;
    }

    /**
     * Each purchase's ledger entries are all of its steps or none, every member's buckets equal its ledger, and
     * the zero-sum holds between the purchases' figures, the ledgers' kinds and the balances.
     */
    private void checkLedgersMatchPurchasesAndTheZeroSum(final Http admin, final int cycle)
    {
        final Map<String, List<Map<String, Object>>> byTx = new HashMap<>();
        final Map<String, Long> byType = new HashMap<>();
        long balances = 0;
        final List<String> everyone = new ArrayList<>(memberIds);
        everyone.add(str(admin.get("/v1/members?identifierType=CARD&value=card-pos").json(), "memberId"));
        for (final String memberId : everyone)
        {
            final Map<String, Object> balance = obj(admin.get("/v1/members/" + memberId).json(), "balance");
            final long total = num(balance, "available") + num(balance, "pending") + num(balance, "held");
            long ledgerSum = 0;
            for (final Map<String, Object> e : ledger(admin, memberId))
            {
                ledgerSum += num(e, "points");
                final String type = str(e, "type");
                byType.merge(type.equals("REVERSE") || type.equals("ADJUST") ?
                    type + (num(e, "points") < 0 ? "-" : "+") : type, num(e, "points"), Long::sum);
                if (e.get("txId") != null)
                {
                    byTx.computeIfAbsent(str(e, "txId"), tx -> new ArrayList<>()).add(e);
                }
            }
            assertEquals(ledgerSum, total, "cycle " + cycle + ": the buckets of " + memberId + " against its ledger");
            balances += total;
        }

        long earned = 0;
        long redeemed = 0;
        long reversed = 0;
        long returned = 0;
        for (final Purchase p : purchases.values())
        {
            final List<Map<String, Object>> entries = byTx.getOrDefault(p.txId, List.of());
            if (p.shown == null)
            {
                assertEquals(List.of(), entries, "cycle " + cycle + ": ledger entries of absent purchase " + p.txId);
                continue;
            }
            final String status = str(p.shown, "status");
            final long pointsRedeemed = num(p.shown, "pointsRedeemed");
            final boolean captured = !"AUTHORIZED".equals(status) && !"VOIDED".equals(status);
            final long pointsEarned = captured ? num(p.shown, "pointsEarned") : 0;
            final Map<String, Object> refunded = p.shown.get("refunded") == null ? null : obj(p.shown, "refunded");
            final long taken = refunded == null ? 0 : num(refunded, "pointsReversed");
            final long given = refunded == null ? 0 : num(refunded, "pointsReturned");
            final int hasRedeemed = pointsRedeemed > 0 ? 1 : 0;
            final String what = "cycle " + cycle + ": " + p.txId + " " + status + " " + entries;
            assertEquals(p.authorizeFirst ? hasRedeemed : 0, count(entries, "HOLD"), what);
            assertEquals("VOIDED".equals(status) ? hasRedeemed : 0, count(entries, "RELEASE"), what);
            assertEquals(captured ? hasRedeemed : 0, count(entries, "REDEEM"), what);
            assertEquals(captured && pointsEarned > 0 ? 1 : 0, count(entries, "EARN"), what);
            final long net = entries.stream().mapToLong(e -> num(e, "points")).sum();
            assertEquals((captured ? pointsEarned - pointsRedeemed : 0) - taken + given, net, what);
            if (captured)
            {
                earned += pointsEarned;
                redeemed += pointsRedeemed;
            }
            reversed += taken;
            returned += given;
        }
        final long adjusted = STARTING_POINTS * (MEMBERS + 1);
        assertEquals(adjusted, byType.getOrDefault("ADJUST+", 0L), "cycle " + cycle + ": adjustments");
        assertEquals(earned, byType.getOrDefault("EARN", 0L), "cycle " + cycle + ": EARN against captured purchases");
        assertEquals(-redeemed, byType.getOrDefault("REDEEM", 0L), "cycle " + cycle + ": REDEEM against purchases");
        assertEquals(-reversed, byType.getOrDefault("REVERSE-", 0L), "cycle " + cycle + ": points taken back");
        assertEquals(returned, byType.getOrDefault("REVERSE+", 0L), "cycle " + cycle + ": points given back");
        assertEquals(0L, byType.getOrDefault("EXPIRE", 0L), "cycle " + cycle + ": nothing expires within the test");
        assertEquals(adjusted + earned - redeemed - reversed + returned, balances,
            "cycle " + cycle + ": adjusted + earned - redeemed - reversed + returned = the sum of the balances");
    }

    private static long count(final List<Map<String, Object>> entries, final String type)
    {
        return entries.stream().filter(e -> type.equals(e.get("type"))).count();
    }

    private static List<Map<String, Object>> ledger(final Http http, final String memberId)
    {
        final List<Map<String, Object>> entries = new ArrayList<>();
        String page = "/v1/members/" + memberId + "/ledger?limit=1000";
        while (page != null)
        {
            final Http.Answer answer = http.get(page);
            assertEquals(200, answer.status(), answer.toString());
            final Map<String, Object> body = answer.json();
            list(body, "entries").forEach(e -> entries.add(Json.asObject(e)));
            final Object next = body.get("nextBefore");
            page = next == null ? null : "/v1/members/" + memberId + "/ledger?limit=1000&before=" + next;
        }
        return entries;
    }

    /** Every member's profile and whole ledger, as answered. */
    private String state(final Http http)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String memberId : memberIds)
        {
            sb.append(http.get("/v1/members/" + memberId).body()).append('\n');
            ledger(http, memberId).forEach(e -> sb.append(e).append('\n'));
        }
        return sb.toString();
    }

    /** Neither key, the pos key's secret nor its SHA-256 shows in any line the child printed. */
    private void checkNoSecretInTheOutput(final int cycles) throws NoSuchAlgorithmException
    {
        final String secret = posKey.substring(posKey.indexOf('.') + 1);
        final String hash = HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        final String adminHash = HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(ADMIN_KEY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(cycles + 1, childOutput.stream().filter(line -> line.startsWith("ready: ")).count(),
            "the output of every start was captured: " + childOutput.size() + " lines");
        for (final String line : childOutput)
        {
            for (final String needle : List.of(ADMIN_KEY, secret, hash, adminHash))
            {
                assertFalse(line.contains(needle), "a secret in the child's output: " + line);
            }
        }
    }
}
