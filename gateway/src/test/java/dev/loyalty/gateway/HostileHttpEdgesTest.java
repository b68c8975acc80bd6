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
import java.util.function.IntFunction;

import static dev.loyalty.gateway.TestServer.ADMIN_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link HostileHttpTest} leaves out: every variant of duplicate and conflicting {@code Content-Length} and
 * {@code Transfer-Encoding} a request smuggler tries, the header block and the request line exactly at their
 * limit and one byte past it, and unicode and control characters in the path, the headers and the JSON. Every
 * one is answered 4xx in the error shape (or, at the limit, served), nothing changes the state (digest), and the
 * server keeps serving on a new connection.
 */
class HostileHttpEdgesTest
{
    private static final long T0 = 1_800_000_000_000L;
    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final int MAX_LINE_BYTES = 4 * 1024;

    @TempDir
    Path dir;

    private TestServer s;

    @BeforeEach
    void start()
    {
        s = setUp(dir.resolve("edges"));
    }

    @AfterEach
    void stop()
    {
        s.close();
    }

    private static TestServer setUp(final Path data)
    {
        final TestServer server = new TestServer(data, new ManualClock(T0));
        server.admin("POST", "/v1/members", Checkout.member("m-1", "777"));
        return server;
    }

    private static byte[] bytes(final String raw)
    {
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String head(final String method, final String path)
    {
        return method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY + "\r\n";
    }

    /** A member body that would create a member if it were read as the client meant. */
    private static final String BODY = Checkout.member("smuggled", "999");

    private static List<byte[]> framingVariants()
    {
        final int n = BODY.length();
        final String post = head("POST", "/v1/members") + "Content-Type: application/json\r\n";
        final String chunked = Integer.toHexString(n) + "\r\n" + BODY + "\r\n0\r\n\r\n";
        final List<byte[]> r = new ArrayList<>();
        r.add(bytes(post + "Content-Length: " + n + "\r\nContent-Length: " + (n + 1) + "\r\n\r\n" + BODY + "x"));
        r.add(bytes(post + "Content-Length: " + n + ", " + (n + 1) + "\r\n\r\n" + BODY + "x"));
        r.add(bytes(post + "Content-Length: " + n + ", " + n + "\r\n\r\n" + BODY));
        r.add(bytes(post + "Content-Length: " + n + "\r\nContent-Length: " + n + "\r\n\r\n" + BODY));
        r.add(bytes(post + "Content-Length: +" + n + "\r\n\r\n" + BODY));
        r.add(bytes(post + "Content-Length: 0x" + Integer.toHexString(n) + "\r\n\r\n" + BODY));
        r.add(bytes(post + "Content-Length: " + n + " " + n + "\r\n\r\n" + BODY));
        r.add(bytes(post + "Content-Length: " + (n - 5) + "\r\n\r\n" + BODY));
        r.add(bytes(post + "Transfer-Encoding: chunked\r\nContent-Length: " + n + "\r\n\r\n" + chunked));
        r.add(bytes(post + "Transfer-Encoding: chunked, identity\r\n\r\n" + chunked));
        r.add(bytes(post + "Transfer-Encoding: identity\r\n\r\n" + BODY));
        r.add(bytes(post + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunked));
        r.add(bytes(post + "Transfer-Encoding: xchunked\r\n\r\n" + chunked));
        r.add(bytes(post + "Transfer-Encoding : chunked\r\n\r\n" + chunked));
        r.add(bytes(post + "Transfer-Encoding:\u000bchunked\r\n\r\n" + chunked));
        r.add(bytes(post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked));
        r.add(bytes(post + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(n + 2) + "\r\n" + BODY + "}}\r\n0\r\n\r\n"));
        r.add(bytes(post + "Transfer-Encoding: chunked\r\n\r\n" + "-1\r\n" + BODY + "\r\n0\r\n\r\n"));
        r.add(bytes(post + "Transfer-Encoding: chunked\r\n\r\n" + "ffffffffffffffffff\r\n" + BODY + "\r\n0\r\n\r\n"));
        r.add(bytes(post + "Content-Length: " + n + "\r\n\r\n" + BODY.substring(0, n - 1) + "\u0000"));
        return r;
    }

    private static List<byte[]> characterVariants()
    {
        final String sale = "{\"txId\":\"T\",\"storeId\":\"web\",\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":100}]}";
        final List<byte[]> r = new ArrayList<>();
        r.add(bytes(head("GET", "/v1/members/m_%D1%82") + "\r\n"));
        r.add(bytes(head("GET", "/v1/members/m_1?a%=1") + "\r\n"));
        r.add(bytes(head("GET", "/v1/members?identifierType=CARD&value=%zz") + "\r\n"));
        r.add(bytes("GET /v1/members/m_1?limit%=5 HTTP/1.1\r\nHost: x\r\n\r\n"));
        r.add(post("/v1/purchases/t%E2%80%8B1/capture", "{}".getBytes(StandardCharsets.UTF_8)));
        final ByteArrayOutputStream rawUtf8Path = new ByteArrayOutputStream();
        rawUtf8Path.writeBytes(bytes("GET /v1/members/m_"));
        rawUtf8Path.writeBytes("т".getBytes(StandardCharsets.UTF_8));
        rawUtf8Path.writeBytes(bytes(" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY + "\r\n\r\n"));
        r.add(rawUtf8Path.toByteArray());
        r.add(bytes("GET /v1/members/m_1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY + "\u0000\r\n\r\n"));
        r.add(bytes("GET /v1/members/m_1 HTTP/1.1\r\nHost: x\r\nX-Evil: a\rb\r\nAuthorization: Bearer " + ADMIN_KEY + "\r\n\r\n"));
        r.add(bytes("GET /v1/members/m_1 HTTP/1.1\r\nHo\u0000st: x\r\n\r\n"));
        r.add(bytes("GET\t/v1/members/m_1\tHTTP/1.1\r\nHost: x\r\n\r\n"));
        r.add(post("/v1/purchases", sale.replace("\"T\"", "\"\\uD800\"").getBytes(StandardCharsets.UTF_8)));
        r.add(post("/v1/purchases", sale.replace("\"T\"", "\"t\\u2028x\"").getBytes(StandardCharsets.UTF_8)));
        r.add(post("/v1/purchases", sale.replace("\"T\"", "\"\u202Et-1\"").getBytes(StandardCharsets.UTF_8)));
        r.add(post("/v1/purchases", sale.replace("\"T\"", "\"t\u200D1\"").getBytes(StandardCharsets.UTF_8)));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":\u00a01").getBytes(StandardCharsets.UTF_8)));
        r.add(post("/v1/purchases", sale.replace("\"qty\":1", "\"qty\":\uFF11").getBytes(StandardCharsets.UTF_8)));
        r.add(post("/v1/purchases", sale.replace("\"txId\"", "\"tx\\u0049d\"").replace("\"lines\"", "\"lines \"")
            .getBytes(StandardCharsets.UTF_8)));
        r.add(post("/v1/purchases", new byte[] {'{', '"', 't', 'x', 'I', 'd', '"', ':', '"', (byte)0xC0, (byte)0xAF, '"', '}'}));
        r.add(post("/v1/purchases", new byte[] {'{', '"', 't', 'x', 'I', 'd', '"', ':', '"', (byte)0xED, (byte)0xA0, (byte)0x80, '"', '}'}));
        r.add(post("/v1/purchases", new byte[] {(byte)0xFF, (byte)0xFE, '{', 0, '}', 0}));
        r.add(post("/v1/members", ("{\"requestId\":\"m-x\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"7\u00007\"}]}")
            .getBytes(StandardCharsets.UTF_8)));
        r.add(post("/v1/members", "{\"requestId\":\"m-x\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"\\u0000\"}]}"
            .getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    private static byte[] post(final String path, final byte[] body)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(head("POST", path) + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private void assertAll4xxInTheErrorShape(final List<byte[]> requests)
    {
        final List<String> wrong = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++)
        {
            final byte[] raw = requests.get(i);
            final String shown = new String(raw, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
            try (RawHttp c = new RawHttp(s.port()))
            {
                final RawHttp.Response r = c.send(raw).read();
                if (r == null || r.status() < 400 || r.status() >= 500 || !(Json.at(r.body(), "error.code") instanceof String) ||
                    !(Json.at(r.body(), "error.message") instanceof String))
                {
                    wrong.add("#" + i + " " + shown + " -> " + r);
                }
            }
            catch (final java.io.UncheckedIOException ex)
            {
                wrong.add("#" + i + " " + shown + " -> " + ex.getCause());
            }
            assertEquals(200, s.send("GET", "/health", null, null).status(), "alive after #" + i);
        }
        assertEquals(List.of(), wrong, "every one answered 4xx in the error shape");
    }

    private void assertStateUnchanged()
    {
        s.close();
        final TestServer untouched = setUp(dir.resolve("untouched"));
        untouched.close();
        assertEquals(untouched.lastDigest(), s.lastDigest(), "the hostile requests changed no state");
        assertEquals(List.of(), s.lastInvariantViolations());
    }

    @Test
    void shouldRefuseEveryDuplicateOrConflictingContentLengthAndTransferEncoding()
    {
        assertAll4xxInTheErrorShape(framingVariants());

        assertEquals(404, s.admin("GET", "/v1/members?identifierType=CARD&value=999", null).status(),
            "no variant smuggled a member in");
        assertStateUnchanged();
    }

    @Test
    void shouldRefuseUnicodeAndControlCharactersInThePathHeadersAndBody()
    {
        assertAll4xxInTheErrorShape(characterVariants());

        assertStateUnchanged();
    }

    /** The largest {@code size} that {@code request} may have and be served (binary search), checked on both sides. */
    private int largestServed(final IntFunction<String> request, final int from, final int to)
    {
        int lo = from;
        int hi = to;
        while (lo < hi)
        {
            final int mid = (lo + hi + 1) >>> 1;
            if (served(request.apply(mid)))
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private boolean served(final String raw)
    {
        try (RawHttp c = new RawHttp(s.port()))
        {
            final RawHttp.Response r = c.send(raw).read();
            return r != null && r.status() == 200;
        }
    }

    @Test
    void shouldServeTheHeaderBlockAtItsLimitAndAnswer431OneBytePastIt()
    {
        final String prefix = "GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ";
        final IntFunction<String> withHeaders = size -> prefix + "p".repeat(size) + "\r\n\r\n";
        final int largest = largestServed(withHeaders, 0, 2 * MAX_HEADER_BYTES);
        final int headerBytes = ("Host: x" + "X-Pad: " + "p".repeat(largest)).length();

        assertEquals(MAX_HEADER_BYTES, headerBytes, "the largest header block served (its lines without CRLF) is the limit");
        try (RawHttp c = new RawHttp(s.port()))
        {
            assertEquals(200, c.send(withHeaders.apply(largest)).read().status(), "at the limit");
        }
        try (RawHttp c = new RawHttp(s.port()))
        {
            final RawHttp.Response over = c.send(withHeaders.apply(largest + 1)).read();
            assertEquals(431, over.status(), over.toString());
            assertEquals("HEADERS_TOO_LARGE", Json.str(over.body(), "error.code"));
            assertTrue(c.closedByServer(), "one past the limit is answered and closed");
        }
        assertEquals(200, s.send("GET", "/health", null, null).status(), "alive");
    }

    @Test
    void shouldServeTheRequestLineAtItsLimitAndRefuseItOneBytePastIt()
    {
        final IntFunction<String> withLine = size -> "GET /health?" + "q".repeat(size) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        final IntFunction<String> asPath = size -> "GET /v1/members/" + "m".repeat(size) + " HTTP/1.1\r\nHost: x\r\n" +
            "Authorization: Bearer " + ADMIN_KEY + "\r\n\r\n";
        final int longest = largestLineAccepted(asPath);
        final int lineBytes = ("GET /v1/members/" + "m".repeat(longest) + " HTTP/1.1").length();

        assertTrue(lineBytes <= MAX_LINE_BYTES && lineBytes > MAX_LINE_BYTES - 32,
            "the longest request line read is at the limit: " + lineBytes + " of " + MAX_LINE_BYTES);
        try (RawHttp c = new RawHttp(s.port()))
        {
            final RawHttp.Response at = c.send(asPath.apply(longest)).read();
            assertEquals(400, at.status(), "read and judged (an id is at most 64 characters): " + at);
            assertTrue(Json.str(at.body(), "error.message").contains("id"), at.toString());
        }
        try (RawHttp c = new RawHttp(s.port()))
        {
            final RawHttp.Response over = c.send(asPath.apply(longest + 1)).read();
            assertEquals(400, over.status(), over.toString());
            assertTrue(Json.str(over.body(), "error.message").contains("request line"), over.toString());
            assertTrue(c.closedByServer());
        }
        try (RawHttp c = new RawHttp(s.port()))
        {
            assertEquals(400, c.send(withLine.apply(MAX_LINE_BYTES)).read().status(), "a long query is refused too");
        }
        assertEquals(200, s.send("GET", "/health", null, null).status(), "alive");
    }

    /** The longest path whose request line is read (answered about the id, not the line). */
    private int largestLineAccepted(final IntFunction<String> request)
    {
        int lo = 0;
        int hi = 2 * MAX_LINE_BYTES;
        while (lo < hi)
        {
            final int mid = (lo + hi + 1) >>> 1;
            try (RawHttp c = new RawHttp(s.port()))
            {
                final RawHttp.Response r = c.send(request.apply(mid)).read();
                if (r != null && !Json.str(r.body(), "error.message").contains("request line"))
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }
        }
        return lo;
    }
}
