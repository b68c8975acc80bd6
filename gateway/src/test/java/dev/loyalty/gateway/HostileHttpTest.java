package dev.loyalty.gateway;

import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.loyalty.gateway.TestServer.ADMIN_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A battery of hostile requests: malformed, oversized, overflowing, wrongly typed, unicode and control
 * characters, conflicting lengths. Every one is answered 4xx in the error shape (or the connection is closed
 * after one), nothing is journaled, and the server keeps serving.
 */
class HostileHttpTest
{
    @TempDir
    Path dir;

    private TestServer s;

    private static final long T0 = 1_800_000_000_000L;

    @BeforeEach
    void start()
    {
        s = setUp(dir.resolve("hostile"));
    }

    /** The same state every time: one member, engine time frozen at T0. */
    private static TestServer setUp(final Path data)
    {
        final TestServer server = new TestServer(data, new ManualClock(T0));
        server.admin("POST", "/v1/members", Checkout.member("m-1", "777"));
        return server;
    }

    @AfterEach
    void stop()
    {
        s.close();
    }

    private static byte[] post(final String path, final byte[] body)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY +
            "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] post(final String path, final String body)
    {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    static List<byte[]> hostileRequests()
    {
        final List<byte[]> r = new ArrayList<>();
        final String sale = "{\"txId\":\"T\",\"storeId\":\"web\",\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":100}]}";
        r.add(post("/v1/purchases", new byte[] {'{', '"', 't', 'x', 'I', 'd', '"', ':', '"', (byte)0xC3, (byte)0x28, '"', '}'}));
        r.add(post("/v1/purchases", new byte[] {(byte)0xEF, (byte)0xBB, (byte)0xBF, '{', '}'}));
        r.add(post("/v1/purchases", new byte[] {0, 0, 0, 0}));
        r.add(post("/v1/purchases", sale.replace("\"T\"", "\"тx-1\"")));
        r.add(post("/v1/purchases", sale.replace("\"T\"", "\"t\\u0000x\"")));
        r.add(post("/v1/purchases", sale.replace("\"T\"", "\"t\\nx\"")));
        r.add(post("/v1/purchases", sale.replace("\"T\"", "\"\uD83D\uDE00\"")));
        r.add(post("/v1/purchases", sale.replace("\"web\"", "\"w\\u00e9b\"")));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":1e3")));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":-0.0")));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":NaN")));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":0x10")));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":01")));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":true")));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":null")));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":[1]")));
        r.add(post("/v1/purchases", sale.replace("\"unitPrice\":100", "\"unitPrice\":9223372036854775808")));
        r.add(post("/v1/purchases", sale.replace("\"unitPrice\":100", "\"unitPrice\":" + "9".repeat(400))));
        r.add(post("/v1/purchases", sale.replace("\"lines\"", "\"Lines\"")));
        r.add(post("/v1/purchases", sale.replace("}]}", "}],\"redeemPoints\":-1}")));
        r.add(post("/v1/purchases", sale.replace("}]}", "}],\"redeemPoints\":\"max\"}")));
        r.add(post("/v1/purchases", sale.replace("}]}", "}],\"member\":{\"memberId\":\"m_1\",\"identifier\":" +
            "{\"type\":\"CARD\",\"value\":\"777\"}}}")));
        r.add(post("/v1/purchases", sale.replace("}]}", "}],\"member\":{}}")));
        r.add(post("/v1/purchases", sale.replace("}]}", "}],\"coupons\":[1]}")));
        r.add(post("/v1/purchases", "[".repeat(5000) + "]".repeat(5000)));
        r.add(post("/v1/purchases", "{\"a\":".repeat(100) + "1" + "}".repeat(100)));
        r.add(post("/v1/purchases", "\"just a string\""));
        r.add(post("/v1/purchases", "null"));
        r.add(post("/v1/purchases", ""));
        r.add(post("/v1/purchases", "{\"txId\":\"T\",\"txId\":\"U\"}"));
        r.add(post("/v1/members", "{\"requestId\":\"x\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\" 777\"}]}"));
        r.add(post("/v1/members", "{\"requestId\":\"x\",\"identifiers\":[{\"type\":\"card\",\"value\":\"1\"}]}"));
        r.add(post("/v1/members", "{\"requestId\":\"x\",\"attributes\":{\"k\":\"\u0007\"}}"));
        r.add(post("/v1/members", "{\"requestId\":\"x\",\"birthday\":\"1990-02-30\"}"));
        r.add(post("/v1/members/m_1/adjustments", "{\"requestId\":\"x\",\"points\":9223372036854775807}"));
        r.add(post("/v1/members/m_1/adjustments", "{\"requestId\":\"x\",\"points\":-9223372036854775808}"));
        r.add(post("/v1/purchases/%2e%2e%2fkeys/capture", "{}"));
        r.add(post("/v1/purchases/%ZZ/capture", "{}"));
        r.add(post("/v1/purchases/a%00b/capture", "{}"));
        r.add(post("/v1/purchases/T/capture", "{\"force\":true}"));
        r.add("GET /v1/members/m_1\u0001 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        r.add("GET /v1/members/m_1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u00ff\u00fe\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        r.add("GET /v1/members/m_1 HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        r.add(("GET /v1/members?identifierType=CARD&value=777&value=778 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
            ADMIN_KEY + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        r.add(("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        r.add("POST /v1/members HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        r.add("POST /v1/members HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        r.add("POST /v1/members HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        r.add("POST /v1/members HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        r.add("POST /v1/members HTTP/1.1\r\nHost: x\r\nContent-Length : 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1));
        r.add("POST /v1/members HTTP/1.1\r\n Host: x\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1));
        r.add("\r\n\r\n\r\nGET\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return r;
    }

    @Test
    void shouldAnswerEveryHostileRequest4xxInTheErrorShapeAndChangeNothing()
    {
        final List<byte[]> requests = hostileRequests();
        for (int i = 0; i < requests.size(); i++)
        {
            final byte[] raw = requests.get(i);
            final String shown = new String(raw, 0, Math.min(raw.length, 160), StandardCharsets.ISO_8859_1);
            try (RawHttp c = new RawHttp(s.port()))
            {
                final RawHttp.Response r = c.send(raw).read();
                assertNotNull(r, "#" + i + " answered: " + shown);
                assertTrue(r.status() >= 400 && r.status() < 500, "#" + i + " " + shown + " -> " + r);
                assertNotNull(Json.str(r.body(), "error.code"), "#" + i + " " + shown);
                assertNotNull(Json.str(r.body(), "error.message"), "#" + i + " " + shown);
            }
        }
        assertEquals(200, s.send("GET", "/health", null, null).status(), "alive");
        s.close();
        final TestServer untouched = setUp(dir.resolve("untouched"));
        untouched.close();
        assertEquals(untouched.lastDigest(), s.lastDigest(), "the hostile requests changed no state");
        assertEquals(List.of(), s.lastInvariantViolations());
    }
}
