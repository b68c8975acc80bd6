package dev.loyalty.gateway;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.loyalty.gateway.Checkout.member;
import static dev.loyalty.gateway.Checkout.oneLine;
import static dev.loyalty.gateway.RawHttp.request;
import static dev.loyalty.gateway.TestServer.ADMIN_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP itself: routes, methods, limits at the limit and one past it, bad bodies, pipelining, overload. */
class HttpProtocolTest
{
    @TempDir
    Path dir;

    private TestServer s;

    @BeforeEach
    void start()
    {
        s = new TestServer(dir);
    }

    @AfterEach
    void stop()
    {
        s.close();
    }

    private static void assertError(final int status, final String code, final TestServer.Answer a)
    {
        assertEquals(status, a.status(), a.toString());
        assertEquals(code, Json.str(a.body(), "error.code"), a.toString());
        assertNotNull(Json.str(a.body(), "error.message"));
    }

    @Test
    void shouldAnswer404ForAnUnknownRouteAnd405WithAllowForAWrongMethod()
    {
        assertError(404, "NOT_FOUND", s.admin("GET", "/v1/nothing", null));
        assertError(404, "NOT_FOUND", s.admin("GET", "/v2/members", null));
        final TestServer.Answer wrong = s.admin("DELETE", "/v1/members", null);
        assertError(405, "METHOD_NOT_ALLOWED", wrong);
        assertTrue(wrong.header("Allow").contains("POST") && wrong.header("Allow").contains("GET"), wrong.header("Allow"));
    }

    @Test
    void shouldRefuseQueryParametersAndBodiesWhereTheyMeanNothing()
    {
        final TestServer.Answer query = s.admin("PUT", "/v1/partners/p2?dryRun=true", "{\"requestId\":\"p-2\",\"name\":\"A\"}");
        final TestServer.Answer getBody = s.admin("GET", "/v1/partners/main", "{\"x\":1}");
        final TestServer.Answer deleteBody = s.admin("DELETE", "/v1/keys/k1", "{}");

        assertError(400, "INVALID_REQUEST", query);
        assertTrue(Json.str(query.body(), "error.message").contains("dryRun"), query.body());
        assertError(400, "INVALID_REQUEST", getBody);
        assertError(400, "INVALID_REQUEST", deleteBody);
        assertError(404, "PARTNER_NOT_FOUND", s.admin("GET", "/v1/partners/p2", null));
    }

    @Test
    void shouldAnswerHeadOfHealthWithoutABody()
    {
        try (RawHttp c = new RawHttp(s.port()))
        {
            final RawHttp.Response head = c.send("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n").readHead();
            assertEquals(200, head.status());
            c.send(request("GET", "/health", null, null));
            final RawHttp.Response get = c.read();
            assertEquals(200, get.status(), "the HEAD answer carried no body bytes to confuse the next one");
            assertEquals("ready", Json.str(get.body(), "status"));
        }
    }

    @Test
    void shouldNameTheFieldOfEveryInvalidBody()
    {
        final String[][] cases = {
            {"{\"requestId\":\"m-1\",\"identifiers\":[],\"balance\":{\"available\":100}}", "unknown field balance"},
            {"{\"requestId\":\"m-1\",\"requestId\":\"m-2\"}", "Duplicate field"},
            {"{\"requestId\":\"m-1\"} {}", "after the JSON body"},
            {"{\"requestId\":\"m-1\"", "not valid JSON"},
            {"[1,2]", "must be a JSON object"},
            {"{\"requestId\":12}", "requestId must be a string"},
            {"{\"requestId\":\"\"}", "requestId must be 1-64"},
            {"{\"requestId\":\"" + "x".repeat(65) + "\"}", "requestId must be 1-64"},
            {"{\"requestId\":\"a b\"}", "requestId must be 1-64"},
            {"{\"identifiers\":[]}", "requestId is required"},
            {"{\"requestId\":\"m\",\"identifiers\":[{\"type\":\"FAX\",\"value\":\"1\"}]}", "identifiers[0].type"},
            {"{\"requestId\":\"m\",\"birthday\":\"1990-13-01\"}", "birthday"},
            {"{\"requestId\":\"m\",\"attributes\":{\"segment\":5}}", "attributes.segment must be a string"},
            {"{\"requestId\":\"m\",\"attributes\":{\"segment\":\"a\\u0000b\"}}", "control characters"},
        };
        for (final String[] c : cases)
        {
            final TestServer.Answer a = s.admin("POST", "/v1/members", c[0]);
            assertError(400, "INVALID_REQUEST", a);
            assertTrue(Json.str(a.body(), "error.message").contains(c[1]), c[0] + " -> " + a.body());
        }
        assertError(404, "MEMBER_NOT_FOUND", s.admin("GET", "/v1/members/m_1", null));
    }

    @Test
    void shouldRejectPurchaseFieldsOutOfRangeOrOfTheWrongType()
    {
        final String ok = oneLine("t-1", "web", null, 100, "0");
        final String[][] cases = {
            {ok.replace("\"qty\":1", "\"qty\":0"), "lines[0].qty must be 1..100000"},
            {ok.replace("\"qty\":1", "\"qty\":100001"), "lines[0].qty must be 1..100000"},
            {ok.replace("\"qty\":1", "\"qty\":1.5"), "lines[0].qty must be an integer"},
            {ok.replace("\"qty\":1", "\"qty\":\"1\""), "lines[0].qty must be an integer"},
            {ok.replace("\"unitPrice\":100", "\"unitPrice\":100000000001"), "lines[0].unitPrice must be 0..100000000000"},
            {ok.replace("\"unitPrice\":100", "\"unitPrice\":-1"), "lines[0].unitPrice"},
            {ok.replace("\"unitPrice\":100", "\"unitPrice\":99999999999999999999999"), "does not fit a signed 64-bit"},
            {ok.replace("\"redeemPoints\":0", "\"redeemPoints\":\"ALL\""), "redeemPoints"},
            {ok.replace("\"txId\":\"t-1\",", ""), "txId is required"},
            {ok.replace("\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":100}]", "\"lines\":[]"), "lines must have"},
            {ok.replace("\"sku\":\"A\",", ""), "lines[0] needs sku"},
            {ok.replace("\"redeemPoints\":0", "\"redeemPoints\":0,\"status\":\"CAPTURED\""), "unknown field status"},
            {ok.replace("\"redeemPoints\":0", "\"redeemPoints\":0,\"payment\":\"card\""), "payment must be an UPPER_SNAKE"},
            {ok.replace("\"redeemPoints\":0", "\"redeemPoints\":0,\"occurredAt\":\"yesterday\""), "occurredAt"},
        };
        for (final String[] c : cases)
        {
            final TestServer.Answer a = s.admin("POST", "/v1/purchases", c[0]);
            assertError(400, "INVALID_REQUEST", a);
            assertTrue(Json.str(a.body(), "error.message").contains(c[1]), c[0] + " -> " + a.body());
        }
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 201; i++)
        {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"S").append(i).append("\",\"qty\":1,\"unitPrice\":1}");
        }
        final String at201 = "{\"txId\":\"t-2\",\"storeId\":\"web\",\"lines\":[" + lines + "]}";
        final String at200 = at201.substring(0, at201.lastIndexOf(",{")) + "]}";
        assertError(400, "INVALID_REQUEST", s.admin("POST", "/v1/purchases", at201));
        assertEquals(200, s.admin("POST", "/v1/purchases", at200).status());
        assertError(404, "PURCHASE_NOT_FOUND", s.admin("GET", "/v1/purchases/t-1", null));
    }

    @Test
    void shouldRefuseATotalThatOverflowsOrPassesTheLimit()
    {
        final String big = "{\"txId\":\"t-1\",\"storeId\":\"web\",\"lines\":[" +
            "{\"sku\":\"A\",\"qty\":100000,\"unitPrice\":100000000000},{\"sku\":\"B\",\"qty\":1,\"unitPrice\":1}]}";
        final TestServer.Answer a = s.admin("POST", "/v1/purchases", big);
        assertError(400, "INVALID_REQUEST", a);
        assertTrue(Json.str(a.body(), "error.message").contains("total"), a.body());
    }

    @Test
    void shouldAcceptABodyAtTheLimitAndAnswer413OnePastIt()
    {
        final int limit = 64 * 1024;
        final String head = "{\"requestId\":\"m-1\",\"attributes\":{\"a\":\"";
        final String tail = "\"}}";
        final String atLimit = head + "x".repeat(limit - head.length() - tail.length()) + tail;
        final String overLimit = head + "x".repeat(limit + 1 - head.length() - tail.length()) + tail;

        final TestServer.Answer at = s.admin("POST", "/v1/members", atLimit);
        final TestServer.Answer over = s.admin("POST", "/v1/members", overLimit);

        assertError(400, "INVALID_REQUEST", at);
        assertTrue(Json.str(at.body(), "error.message").contains("at most 256"), "read and judged: " + at.body());
        assertError(413, "PAYLOAD_TOO_LARGE", over);
        assertTrue(Json.str(over.body(), "error.message").contains("65536"), over.body());
        assertEquals(200, s.send("GET", "/health", null, null).status(), "alive");
    }

    @Test
    void shouldAnswer413ForAChunkedBodyThatGrowsPastTheLimit()
    {
        try (RawHttp c = new RawHttp(s.port()))
        {
            c.send("POST /v1/members HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY +
                "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            final String chunk = "x".repeat(16 * 1024);
            for (int i = 0; i < 5; i++)
            {
                c.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }
            c.send("0\r\n\r\n");
            final RawHttp.Response r = c.read();
            assertEquals(413, r.status(), r.toString());
            assertEquals("PAYLOAD_TOO_LARGE", Json.str(r.body(), "error.code"));
        }
    }

    @Test
    void shouldAnswer431ForHeadersPastTheLimitAndKeepServing()
    {
        try (RawHttp c = new RawHttp(s.port()))
        {
            c.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(9000) + "\r\n\r\n");
            final RawHttp.Response r = c.read();
            assertEquals(431, r.status(), r.toString());
            assertEquals("HEADERS_TOO_LARGE", Json.str(r.body(), "error.code"));
            assertTrue(c.closedByServer());
        }
        try (RawHttp c = new RawHttp(s.port()))
        {
            c.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(7000) + "\r\n\r\n");
            assertEquals(200, c.read().status());
        }
    }

    @Test
    void shouldRefuseConflictingLengthsAndMalformedRequests()
    {
        final String[] raws = {
            "POST /v1/members HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "POST /v1/members HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /v1/members HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
            "GARBAGE\r\n\r\n",
            "GET /health HTTP/9.9\r\nHost: x\r\n\r\n",
        };
        for (final String raw : raws)
        {
            try (RawHttp c = new RawHttp(s.port()))
            {
                final RawHttp.Response r = c.send(raw).read();
                assertNotNull(r, raw);
                assertTrue(r.status() >= 400 && r.status() < 500, raw + " -> " + r);
                assertNotNull(Json.str(r.body(), "error.code"), raw);
            }
        }
        assertEquals(200, s.send("GET", "/health", null, null).status(), "alive");
    }

    @Test
    void shouldAnswer415ForABodyThatIsNotJson()
    {
        try (RawHttp c = new RawHttp(s.port()))
        {
            final RawHttp.Response r = c.send("POST /v1/members HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                ADMIN_KEY + "\r\nContent-Type: text/xml\r\nContent-Length: 2\r\n\r\n{}").read();
            assertEquals(415, r.status(), r.toString());
            assertEquals("UNSUPPORTED_MEDIA_TYPE", Json.str(r.body(), "error.code"));
        }
    }

    @Test
    void shouldCheckTheBodyBeforeTheKeyAndTheKeyBeforeTheEngine()
    {
        final TestServer.Answer badAndAnonymous = s.send("POST", "/v1/members", "{\"requestId\":5}", null);
        final TestServer.Answer goodAndAnonymous = s.send("POST", "/v1/members", member("m-1", "1"), null);

        assertError(400, "INVALID_REQUEST", badAndAnonymous);
        assertError(401, "UNAUTHORIZED", goodAndAnonymous);
        assertEquals(201, s.admin("POST", "/v1/members", member("m-1", "1")).status(), "the key was not claimed");
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderWhateverAnswersThem()
    {
        try (RawHttp c = new RawHttp(s.port()))
        {
            final StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 30; i++)
            {
                switch (i % 3)
                {
                    case 0 -> batch.append(request("POST", "/v1/members", ADMIN_KEY, member("m-" + i, "c" + i)));
                    case 1 -> batch.append(request("POST", "/v1/members", ADMIN_KEY, "{\"bad\":" + i + "}"));
                    default -> batch.append(request("GET", "/health", null, null));
                }
            }
            c.send(batch.toString());
            final List<RawHttp.Response> answers = c.read(30);
            for (int i = 0; i < 30; i++)
            {
                final RawHttp.Response r = answers.get(i);
                switch (i % 3)
                {
                    case 0 -> assertEquals(201, r.status(), i + ": " + r);
                    case 1 -> assertTrue(r.status() == 400 && r.body().contains("unknown field bad"), i + ": " + r);
                    default -> assertEquals("ready", Json.str(r.body(), "status"), i + ": " + r);
                }
            }
            final String id = Json.str(answers.get(27).body(), "memberId");
            assertEquals("m_a", id, "members were created in request order");
        }
    }

    @Test
    void shouldCloseAfterAnswerWhenTheClientAsksForIt()
    {
        try (RawHttp c = new RawHttp(s.port()))
        {
            final RawHttp.Response r = c.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("close", r.headers().get("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterAtOnceWhenTheRingIsFull() throws Exception
    {
        s.close();
        final Path data = dir.resolve("small");
        final CountDownLatch release = new CountDownLatch(1);
        try (LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext().dataDir(data).ringBufferLength(16)))
        {
            final HttpGateway g = HttpGateway.start(engine, new GatewayContext().bindAddress("127.0.0.1").httpPort(0)
                .dataDir(data).adminKey(ADMIN_KEY));
            try
            {
                final CountDownLatch blocked = new CountDownLatch(1);
                assertTrue(engine.tryPublish(new Commands.GetProgram(), (cmd, reply) ->
                {
                    blocked.countDown();
                    try
                    {
                        release.await(10, TimeUnit.SECONDS);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }));
                assertTrue(blocked.await(5, TimeUnit.SECONDS));
                while (engine.tryPublish(new Commands.GetProgram(), null))
                {
                    Thread.onSpinWait();
                }
                try (RawHttp c = new RawHttp(g.port()))
                {
                    final long start = System.nanoTime();
                    final RawHttp.Response r = c.send(request("POST", "/v1/members", ADMIN_KEY, member("m-1", "1"))).read();
                    final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertEquals(503, r.status(), r.toString());
                    assertEquals("OVERLOADED", Json.str(r.body(), "error.code"));
                    assertEquals("1", r.headers().get("retry-after"));
                    assertTrue(millis < 1000, "answered at once, took " + millis + " ms");
                    release.countDown();
                    RawHttp.Response again = null;
                    for (int i = 0; i < 100; i++)
                    {
                        again = c.send(request("POST", "/v1/members", ADMIN_KEY, member("m-1", "1"))).read();
                        if (again.status() != 503)
                        {
                            break;
                        }
                        Thread.sleep(20);
                    }
                    assertEquals(201, again.status(), "the refused call claimed nothing: " + again);
                }
            }
            finally
            {
                release.countDown();
                g.close();
            }
        }
    }

    @Test
    void shouldExposeCountersAndGaugesInPrometheusText()
    {
        s.admin("POST", "/v1/members", member("m-1", "1"));
        s.admin("POST", "/v1/members", member("m-2", "1"));
        s.send("GET", "/v1/members/m_1", null, null);

        final TestServer.Answer m = s.send("GET", "/metrics", null, null);

        assertEquals(200, m.status());
        assertTrue(m.header("Content-Type").startsWith("text/plain; version=0.0.4"), m.header("Content-Type"));
        final String t = m.body();
        assertTrue(t.contains("loyalty_commands_total{type=\"CREATE_MEMBER\",result=\"OK\"} 1\n"), t);
        assertTrue(t.contains("loyalty_commands_total{type=\"CREATE_MEMBER\",result=\"IDENTIFIER_TAKEN\"} 1\n"), t);
        assertTrue(t.contains("loyalty_http_rejected_total{code=\"UNAUTHORIZED\"} 1\n"), t);
        assertTrue(t.contains("loyalty_command_latency_seconds_count{type=\"CREATE_MEMBER\"} 2\n"), t);
        assertTrue(t.contains("loyalty_command_latency_seconds_bucket{type=\"CREATE_MEMBER\",le=\"+Inf\"} 2\n"), t);
        assertTrue(t.contains("loyalty_journal_sequence 2\n"), t);
        assertTrue(t.contains("loyalty_ring_capacity 4096\n"), t);
        assertTrue(t.contains("loyalty_ring_in_use "), t);
        for (final String line : t.split("\n"))
        {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") ||
                line.matches("[a-z_]+(\\{[^}]*\\})? -?[0-9.e+-]+"), "a Prometheus sample line: " + line);
        }
    }
}
