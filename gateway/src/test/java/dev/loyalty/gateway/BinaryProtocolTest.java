package dev.loyalty.gateway;

import dev.loyalty.client.Answer;
import dev.loyalty.client.AnswerListener;
import dev.loyalty.client.AnswerType;
import dev.loyalty.client.ClientContext;
import dev.loyalty.client.LoyaltyClient;
import dev.loyalty.client.LoyaltyClientException;
import dev.loyalty.client.PingRequest;
import dev.loyalty.client.Protocol;
import dev.loyalty.client.PurchaseRequest;
import dev.loyalty.client.PurchaseView;
import dev.loyalty.client.TxRequest;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.sbe.WirePurchaseStatus;
import dev.loyalty.engine.time.EngineClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binary protocol's framing, handshake, limits and back-pressure over a real socket against the real
 * engine: error frames are checked byte for byte against the layouts of docs/binary-protocol.md.
 */
class BinaryProtocolTest
{
    private static final int UNAUTHORIZED = 1;
    private static final int INVALID_REQUEST = 0;
    private static final int NOT_FOUND = 3;
    private static final int PAYLOAD_TOO_LARGE = 15;
    private static final int OVERLOADED = 24;

    @TempDir
    Path dir;

    private TestServer s;

    @AfterEach
    void stop()
    {
        if (s != null)
        {
            s.close();
        }
    }

    private void start(final Consumer<GatewayContext> settings)
    {
        s = BinaryTestClient.server(dir, EngineClock.SYSTEM, settings);
    }

    @Test
    void shouldRefuseAFirstFrameThatIsNotAuthAndClose()
    {
        start(g -> { });
        try (RawBinary raw = new RawBinary(s.binaryPort()))
        {
            raw.send(TxRequest.capture("tx-1"), 77);

            assertArrayEquals(RawBinary.errorFrame(77, UNAUTHORIZED, 401, 0,
                "the first frame must be AUTH (template id 200) with a valid key"), raw.readFrame());
            assertTrue(raw.closedByServer());
        }
        assertEquals(404, s.admin("GET", "/v1/purchases/tx-1", null).status());
    }

    @Test
    void shouldRefuseAWrongKeyAndClose()
    {
        start(g -> { });
        try (RawBinary raw = new RawBinary(s.binaryPort()))
        {
            raw.send(RawBinary.auth(5, Protocol.VERSION, "not-the-key"));

            assertArrayEquals(RawBinary.errorFrame(5, UNAUTHORIZED, 401, 0,
                "a valid key is required in the AUTH frame"), raw.readFrame());
            assertTrue(raw.closedByServer());
        }
        final LoyaltyClientException refused = assertThrows(LoyaltyClientException.class,
            () -> BinaryTestClient.connect(s, "key_abc.forged"));
        assertTrue(refused.getMessage().contains("UNAUTHORIZED"), refused.getMessage());
    }

    @Test
    void shouldRefuseAnotherProtocolVersionAndClose()
    {
        start(g -> { });
        try (RawBinary raw = new RawBinary(s.binaryPort()))
        {
            raw.send(RawBinary.auth(1, 2, TestServer.ADMIN_KEY));

            assertArrayEquals(RawBinary.errorFrame(1, INVALID_REQUEST, 400, 0,
                "protocol version 2 is not served; this server speaks 1"), raw.readFrame());
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void shouldTellTheConnectionItsLimitsAndRoleAndAnswerPings()
    {
        start(g -> g.maxInFlightPerConnection(8).maxBodyBytes(4096).idleTimeoutMillis(30_000));
        final String pos = posKey("main");
        try (LoyaltyClient admin = BinaryTestClient.admin(s); LoyaltyClient till = BinaryTestClient.connect(s, pos))
        {
            assertTrue(admin.isAdmin());
            assertNull(admin.partnerId());
            assertNull(admin.keyId());
            assertEquals(4096, admin.serverMaxFrameLength());
            assertEquals(8, admin.serverMaxInFlight());
            assertEquals(30_000, admin.serverIdleTimeoutMillis());
            assertFalse(till.isAdmin());
            assertEquals("main", till.partnerId());
            assertEquals(pos.substring(0, pos.indexOf('.')), till.keyId());
            assertEquals(AnswerType.PONG, admin.call(PingRequest.INSTANCE).type());
        }
    }

    @Test
    void shouldRefuseASecondAuthButKeepTheConnection()
    {
        start(g -> { });
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            raw.send(RawBinary.auth(2, Protocol.VERSION, TestServer.ADMIN_KEY));
            raw.send(PingRequest.INSTANCE, 3);

            assertArrayEquals(RawBinary.errorFrame(2, INVALID_REQUEST, 400, 0,
                "this connection is already authenticated"), raw.readFrame());
            final Answer pong = raw.readAnswer();
            assertEquals(AnswerType.PONG, pong.type());
            assertEquals(3, pong.correlationId());
        }
    }

    @Test
    void shouldRefuseARevokedKeyAtAuthAndOnTheNextRequestOfAnOpenConnection()
    {
        start(g -> { });
        final TestServer.Answer created = s.admin("POST", "/v1/keys",
            "{\"requestId\":\"k-1\",\"role\":\"pos\",\"partnerId\":\"main\"}");
        final String key = Json.str(created.body(), "key");
        try (LoyaltyClient till = BinaryTestClient.connect(s, key))
        {
            assertEquals(AnswerType.PURCHASE, till.call(anonymousSale("tx-1")).type());
            assertEquals(200, s.admin("DELETE", "/v1/keys/" + Json.str(created.body(), "keyId"), null).status());

            final Answer refused = till.call(anonymousSale("tx-2"));

            assertEquals(ErrorCode.UNAUTHORIZED, refused.error().code());
            assertEquals("the key of this connection has been revoked", refused.error().message());
            while (!till.isClosed())
            {
                till.poll(10);
            }
        }
        assertEquals(404, s.admin("GET", "/v1/purchases/tx-2", null).status());
        assertThrows(LoyaltyClientException.class, () -> BinaryTestClient.connect(s, key));
    }

    @Test
    void shouldScopeAPosKeyToItsPartnerAsHttpDoes()
    {
        start(g -> { });
        s.admin("PUT", "/v1/partners/coffee", "{\"requestId\":\"p-1\",\"name\":\"Coffee&Co\"}");
        s.admin("PUT", "/v1/stores/c1", "{\"requestId\":\"s-1\",\"partnerId\":\"coffee\",\"channel\":\"POS\"}");
        s.admin("PUT", "/v1/stores/m1", "{\"requestId\":\"s-2\",\"partnerId\":\"main\",\"channel\":\"POS\"}");
        final String mainMember = Json.str(s.admin("POST", "/v1/members", Checkout.member("m-1", "111")).body(),
            "memberId");
        assertEquals(200, s.admin("POST", "/v1/purchases",
            Checkout.oneLine("main-tx", "m1", Checkout.byCard("111"), 10_000, "0")).status());
        final String pos = posKey("coffee");

        try (LoyaltyClient till = BinaryTestClient.connect(s, pos))
        {
            final Answer[] outside = {
                till.call(dev.loyalty.client.MemberRequest.byId(mainMember)),
                till.call(dev.loyalty.client.MemberRequest.byIdentifier(dev.loyalty.engine.sbe.IdentifierType.CARD, "111")),
                till.call(TxRequest.getPurchase("main-tx")),
                till.call(TxRequest.capture("main-tx")),
                till.call(new dev.loyalty.client.RefundRequest().txId("main-tx").refundId("r").amount(1)),
                till.call(PurchaseRequest.oneShot().txId("x-tx").storeId("m1").line("A", null, 1, 10_000)),
                till.call(PurchaseRequest.oneShot().txId("y-tx").storeId("c1").line("A", null, 1, 10_000)
                    .memberIdentifier(dev.loyalty.engine.sbe.IdentifierType.CARD, "111"))};
            for (final Answer a : outside)
            {
                assertEquals(404, a.error().httpStatus(), a.toString());
            }
            assertEquals(AnswerType.PURCHASE,
                till.call(PurchaseRequest.oneShot().txId("c-tx").storeId("c1").line("A", null, 1, 10_000)).type());
        }
        assertEquals(404, s.admin("GET", "/v1/purchases/x-tx", null).status());
        assertNull(Json.at(s.admin("GET", "/v1/purchases/main-tx", null).body(), "refunded"));
    }

    @Test
    void shouldTakeAFrameOfTheMaximumLengthAndRefuseOneByteMoreAndClose()
    {
        start(g -> g.maxBodyBytes(1024));
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            final byte[] atMax = calculateOfLength(raw, 1024);
            assertEquals(1024, lengthField(atMax));
            raw.send(atMax);
            final Answer answer = raw.readAnswer();
            assertEquals(AnswerType.PURCHASE, answer.type(), answer.toString());
            assertEquals(WirePurchaseStatus.CALCULATED, answer.purchase().status());

            final byte[] overMax = calculateOfLength(raw, 1025);
            assertEquals(1025, lengthField(overMax));
            raw.send(Arrays.copyOf(overMax, 4));

            assertArrayEquals(RawBinary.errorFrame(0, PAYLOAD_TOO_LARGE, 413, 0,
                "a frame of 1025 bytes is over the limit of 1024 bytes"), raw.readFrame());
            assertTrue(raw.closedByServer());
        }
        assertEquals(1, s.gateway().metrics().binaryRejectedCount(ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void shouldRefuseALengthFieldUnderTheMinimumAndClose()
    {
        start(g -> { });
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            raw.send(new byte[]{15, 0, 0, 0});

            assertArrayEquals(RawBinary.errorFrame(0, INVALID_REQUEST, 400, 0,
                "a frame length of 15 is under the minimum of 16"), raw.readFrame());
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void shouldAnswerMalformedFramesWithErrorFramesAndKeepTheConnection()
    {
        start(g -> { });
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            raw.send(RawBinary.frame(10, 0, 77, 1, new byte[0]));
            raw.send(RawBinary.frame(11, 0, Protocol.PING, 9, new byte[0]));
            raw.send(RawBinary.frame(12, 2, Protocol.CAPTURE, 1, new byte[]{(byte)0xFF, (byte)0xFF, 0x7F, 0}));
            raw.send(RawBinary.frame(13, 11, Protocol.AUTHORIZE, 1, new byte[3]));
            raw.send(RawBinary.frame(14, 0, Protocol.PING, 1, new byte[]{1, 2, 3}));
            final byte[] capture = raw.frame(TxRequest.capture("tx-1"), 15);
            capture[capture.length - 1] = (byte)0xC3;
            raw.send(capture);
            raw.send(PingRequest.INSTANCE, 16);

            assertArrayEquals(RawBinary.errorFrame(10, NOT_FOUND, 404, 0, "no request has template id 77"),
                raw.readFrame());
            assertArrayEquals(RawBinary.errorFrame(11, INVALID_REQUEST, 400, 0,
                "schema id 9 is not this protocol's (1)"), raw.readFrame());
            assertArrayEquals(RawBinary.errorFrame(12, INVALID_REQUEST, 400, 0,
                "the frame is malformed: a group or a string runs past its end"), raw.readFrame());
            assertArrayEquals(RawBinary.errorFrame(13, INVALID_REQUEST, 400, 0,
                "the frame is malformed: its message block of 11 bytes runs past its end"), raw.readFrame());
            assertArrayEquals(RawBinary.errorFrame(14, INVALID_REQUEST, 400, 0,
                "the frame has 3 bytes after its message"), raw.readFrame());
            assertArrayEquals(RawBinary.errorFrame(15, INVALID_REQUEST, 400, 0, "txId is not valid UTF-8"),
                raw.readFrame());
            assertEquals(16, raw.readAnswer().correlationId());
        }
    }

    @Test
    void shouldSurviveRandomFramesAndRandomBytes()
    {
        start(g -> g.maxBodyBytes(2048));
        final Random random = new Random(42);
        final int[] templates = {Protocol.AUTHORIZE, Protocol.ONE_SHOT, Protocol.CALCULATE, Protocol.CAPTURE,
            Protocol.VOID, Protocol.REFUND, Protocol.GET_PURCHASE, Protocol.GET_MEMBER, Protocol.RECORD_ACTIVITY,
            Protocol.PING, Protocol.AUTH, 0, 65535};
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            for (int i = 1; i <= 2000; i++)
            {
                final byte[] body = new byte[random.nextInt(200)];
                random.nextBytes(body);
                raw.send(RawBinary.frame(i, random.nextInt(64), templates[random.nextInt(templates.length)], 1, body));
            }
            for (int i = 1; i <= 2000; i++)
            {
                final Answer a = raw.readAnswer();
                assertEquals(i, a.correlationId());
                assertTrue(a.type() == AnswerType.ERROR || a.type() == AnswerType.PONG ||
                    a.type() == AnswerType.PURCHASE, a.toString());
                if (a.isError())
                {
                    assertTrue(a.error().httpStatus() >= 400 && a.error().httpStatus() < 500, a.toString());
                }
            }
        }
        for (int round = 0; round < 20; round++)
        {
            try (RawBinary raw = new RawBinary(s.binaryPort()))
            {
                final byte[] garbage = new byte[4 + random.nextInt(3000)];
                random.nextBytes(garbage);
                raw.send(garbage);
                final byte[] rest = raw.readToEnd();
                assertTrue(rest.length == 0 || ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN).getInt() ==
                    rest.length - 4, "at most one error frame, then the close");
            }
        }
        try (LoyaltyClient client = BinaryTestClient.admin(s))
        {
            assertEquals(AnswerType.PONG, client.call(PingRequest.INSTANCE).type());
        }
        assertEquals(0, s.engine().businessLogic().checkInvariants().size());
    }

    @Test
    void shouldCloseAConnectionWhoseFrameDoesNotArriveInTime()
    {
        start(g -> g.requestTimeoutMillis(300));
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            final byte[] ping = raw.frame(PingRequest.INSTANCE, 2);
            raw.send(Arrays.copyOf(ping, 10));

            assertArrayEquals(RawBinary.errorFrame(0, INVALID_REQUEST, 400, 0,
                "a frame took longer than 300 ms to arrive"), raw.readFrame());
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void shouldForgetAConnectionClosedHalfwayThroughAFrame()
    {
        start(g -> { });
        for (int i = 0; i < 20; i++)
        {
            try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
            {
                final byte[] sale = raw.frame(anonymousSale("half-" + i), 2);
                raw.send(Arrays.copyOf(sale, sale.length / 2));
            }
        }
        await(() -> s.gateway().metrics().binaryConnections() == 0);
        assertEquals(404, s.admin("GET", "/v1/purchases/half-0", null).status());
        try (LoyaltyClient client = BinaryTestClient.admin(s))
        {
            assertEquals(AnswerType.PURCHASE, client.call(anonymousSale("whole")).type());
        }
    }

    @Test
    void shouldCloseAnIdleConnectionButNotOneThatPings() throws Exception
    {
        start(g -> g.idleTimeoutMillis(300));
        try (RawBinary idle = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY);
             LoyaltyClient pinging = BinaryTestClient.admin(s))
        {
            for (int i = 0; i < 10; i++)
            {
                Thread.sleep(100);
                assertEquals(AnswerType.PONG, pinging.call(PingRequest.INSTANCE).type());
            }
            assertEquals(-1, idle.socket().getInputStream().read(), "closed without an answer");
            assertFalse(pinging.isClosed());
        }
    }

    @Test
    void shouldAnswerThousandsOfPipelinedRequestsInOrderByCorrelationId()
    {
        start(g -> g.maxInFlightPerConnection(64));
        final int n = 5_000;
        final String[] expected = new String[n + 2];
        final long[] got = {0};
        final long[] errors = {0};
        try (LoyaltyClient client = BinaryTestClient.admin(s))
        {
            final PurchaseRequest sale = PurchaseRequest.authorize().storeId("web").line("SKU-1", "coffee", 1, 1000);
            final StringBuilder txId = new StringBuilder();
            final AnswerListener listener = a ->
            {
                final long id = a.correlationId();
                assertEquals(got[0] + 2, id, "in request order");
                got[0]++;
                final PurchaseView p = a.purchase();
                if (!expected[(int)id].equals(p.txId()) || p.total() != 1000)
                {
                    errors[0]++;
                }
            };
            for (int i = 0; i < n; i++)
            {
                txId.setLength(0);
                txId.append("pipe-").append(i);
                sale.txId(txId).operation(i % 2 == 0 ? PurchaseRequest.Operation.AUTHORIZE :
                    PurchaseRequest.Operation.ONE_SHOT);
                long id;
                while ((id = client.send(sale, listener)) == LoyaltyClient.BACK_PRESSURED)
                {
                    client.poll(1);
                }
                expected[(int)id] = txId.toString();
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (client.inFlight() > 0 && System.nanoTime() < deadline)
            {
                client.poll(10);
            }
        }
        assertEquals(n, got[0]);
        assertEquals(0, errors[0]);
        assertEquals(n / 2, s.gateway().metrics().binaryCommandCount(CommandType.AUTHORIZE, null));
        assertEquals(n / 2, s.gateway().metrics().binaryCommandCount(CommandType.ONE_SHOT, null));
    }

    @Test
    void shouldStopReadingAConnectionAtItsInFlightLimitUntilItsAnswersGoOut() throws InterruptedException
    {
        start(g -> g.maxInFlightPerConnection(4));
        final CountDownLatch release = new CountDownLatch(1);
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            assertTrue(s.engine().tryPublish(new Commands.GetProgram(), (command, reply) -> awaitQuietly(release)),
                "the replier now waits, so nothing leaves the ring");
            final ByteBuffer burst = ByteBuffer.allocate(100 * 200);
            for (int i = 0; i < 100; i++)
            {
                burst.put(raw.frame(PurchaseRequest.calculate().storeId("web").line("A", null, 1, 100), 10 + i));
            }
            raw.send(Arrays.copyOf(burst.array(), burst.position()));
            await(() -> s.engine().ringInUse() == 1 + 4);
            Thread.sleep(200);
            assertEquals(1 + 4, s.engine().ringInUse(), "the connection put its 4 in flight and stopped reading");

            release.countDown();
            for (int i = 0; i < 100; i++)
            {
                final Answer a = raw.readAnswer();
                assertEquals(10 + i, a.correlationId());
                assertEquals(WirePurchaseStatus.CALCULATED, a.purchase().status());
            }
        }
        finally
        {
            release.countDown();
        }
    }

    @Test
    void shouldAnswerOverloadedAtOnceWhenTheRingIsFull()
    {
        start(g -> { });
        final CountDownLatch release = new CountDownLatch(1);
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            assertTrue(s.engine().tryPublish(new Commands.GetProgram(), (command, reply) -> awaitQuietly(release)));
            while (s.engine().tryPublish(new Commands.GetProgram(), (command, reply) -> { }))
            {
                assertTrue(s.engine().ringInUse() <= s.engine().ringCapacity());
            }

            raw.send(PurchaseRequest.calculate().storeId("web").line("A", null, 1, 100), 9);

            assertArrayEquals(RawBinary.errorFrame(9, OVERLOADED, 503, 1000,
                "the engine is at capacity; retry after 1000 ms"), raw.readFrame(), "at once: the ring is still full");
            assertEquals(s.engine().ringCapacity(), s.engine().ringInUse());
            release.countDown();
            raw.send(PingRequest.INSTANCE, 10);
            assertEquals(AnswerType.PONG, raw.readAnswer().type());
            await(() -> s.engine().ringInUse() == 0);
            raw.send(PurchaseRequest.calculate().storeId("web").line("A", null, 1, 100), 11);
            assertEquals(WirePurchaseStatus.CALCULATED, raw.readAnswer().purchase().status());
        }
        finally
        {
            release.countDown();
        }
        assertEquals(1, s.gateway().metrics().binaryRejectedCount(ErrorCode.OVERLOADED));
    }

    @Test
    void shouldStopReadingAClientThatDoesNotReadItsAnswersAndLoseNothing() throws Exception
    {
        start(g -> g.maxInFlightPerConnection(64));
        final int n = 8_000;
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            final PurchaseRequest big = PurchaseRequest.calculate().storeId("web");
            for (int line = 0; line < 40; line++)
            {
                big.line("SKU-" + (1_000_000_000 + line), null, 1, 100);
            }
            final byte[] one = raw.frame(big, 0);
            final byte[] all = new byte[one.length * n];
            for (int i = 0; i < n; i++)
            {
                System.arraycopy(one, 0, all, i * one.length, one.length);
                ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putLong(i * one.length + 4, 2 + i);
            }
            final Thread writer = new Thread(() -> raw.send(all), "slow-client-writer");
            writer.setDaemon(true);
            writer.start();
            final long before = s.engine().repliedCount();
            long stalled = -1;
            for (int wait = 0; wait < 40 && stalled != s.engine().repliedCount(); wait++)
            {
                stalled = s.engine().repliedCount();
                Thread.sleep(500);
            }
            assertEquals(stalled, s.engine().repliedCount(), "the server stopped taking requests it cannot answer");
            assertTrue(stalled - before < n / 2, "far fewer than all were taken: " + (stalled - before));

            for (int i = 0; i < n; i++)
            {
                final byte[] frame = raw.readFrame();
                assertEquals(2 + i, ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
            }
            writer.join(10_000);
        }
    }

    @Test
    void shouldRefuseAConnectionOverTheLimitWithOverloadedAndClose()
    {
        start(g -> g.maxConnections(2));
        try (LoyaltyClient one = BinaryTestClient.admin(s); LoyaltyClient two = BinaryTestClient.admin(s);
             RawBinary third = new RawBinary(s.binaryPort()))
        {
            assertArrayEquals(RawBinary.errorFrame(0, OVERLOADED, 503, 1000, "too many connections (limit 2)"),
                third.readFrame());
            assertTrue(third.closedByServer());
            assertEquals(AnswerType.PONG, one.call(PingRequest.INSTANCE).type());
            assertEquals(AnswerType.PONG, two.call(PingRequest.INSTANCE).type());
        }
        await(() -> s.gateway().metrics().binaryConnections() == 0);
        try (LoyaltyClient one = BinaryTestClient.admin(s); LoyaltyClient two = BinaryTestClient.admin(s))
        {
            final LoyaltyClientException refused = assertThrows(LoyaltyClientException.class,
                () -> BinaryTestClient.admin(s));
            assertTrue(refused.getMessage().contains("too many connections (limit 2)"), refused.getMessage());
            assertFalse(one.isClosed() || two.isClosed());
        }
    }

    @Test
    void shouldCountBinaryCommandsAndConnectionsInMetrics()
    {
        start(g -> { });
        try (LoyaltyClient client = BinaryTestClient.admin(s))
        {
            client.call(anonymousSale("m-1"));
            client.call(TxRequest.capture("m-1"));
            client.call(TxRequest.capture("nope"));
            client.call(PurchaseRequest.authorize().storeId("web"));

            final String metrics = s.admin("GET", "/metrics", null).body();

            assertTrue(metrics.contains("loyalty_binary_commands_total{type=\"AUTHORIZE\",result=\"OK\"} 1\n"), metrics);
            assertTrue(metrics.contains("loyalty_binary_commands_total{type=\"CAPTURE\",result=\"OK\"} 1\n"), metrics);
            assertTrue(metrics.contains(
                "loyalty_binary_commands_total{type=\"CAPTURE\",result=\"PURCHASE_NOT_FOUND\"} 1\n"), metrics);
            assertTrue(metrics.contains("loyalty_binary_rejected_total{code=\"INVALID_REQUEST\"} 1\n"), metrics);
            assertTrue(metrics.contains("loyalty_binary_connections 1\n"), metrics);
            assertTrue(metrics.contains("loyalty_binary_command_latency_seconds_count{type=\"AUTHORIZE\"} 1\n"),
                metrics);
            assertTrue(metrics.contains("loyalty_commands_total{type=\"AUTHORIZE\",result=\"OK\"} 0\n"),
                "HTTP's families count HTTP only");
        }
    }

    private String posKey(final String partnerId)
    {
        final TestServer.Answer created = s.admin("POST", "/v1/keys",
            "{\"requestId\":\"k-" + partnerId + "\",\"role\":\"pos\",\"partnerId\":\"" + partnerId + "\"}");
        assertEquals(200, created.status(), created.toString());
        return Json.str(created.body(), "key");
    }

    private static PurchaseRequest anonymousSale(final String txId)
    {
        return PurchaseRequest.authorize().txId(txId).storeId("web").line("SKU-1", null, 1, 1000);
    }

    /** A calculate frame of exactly {@code length} in its length field, padded with lines. */
    private static byte[] calculateOfLength(final RawBinary raw, final int length)
    {
        final PurchaseRequest r = PurchaseRequest.calculate().storeId("web");
        int left = length - lengthField(raw.frame(r, 1));
        while (left > 24 + 64)
        {
            final int sku = Math.min(64, left - 24 - 25);
            r.line("S".repeat(sku), null, 1, 1);
            left -= 24 + sku;
        }
        r.line("T".repeat(left - 24), null, 1, 1);
        return raw.frame(r, 1);
    }

    private static int lengthField(final byte[] frame)
    {
        return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    private static void await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not within 10 s");
            }
            Thread.onSpinWait();
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
