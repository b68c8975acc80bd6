package dev.loyalty.gateway;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer fuzz tests of the HTTP gateway through its real Netty pipeline ({@link EmbeddedGateway}: the pipeline
 * {@link HttpPipeline#configure} builds, on an {@code EmbeddedChannel}, in front of a real engine). Whatever the
 * bytes: no exception escapes, no 5xx, every answer is API.md's error shape or a valid answer, nothing is
 * dropped silently, and no buffer leaks.
 *
 * <p>In every build the committed corpus replays as regression tests ({@code src/test/resources/.../
 * GatewayFuzzTestInputs/<method>/}: a valid request of every route, and the hostile battery of
 * {@link HostileHttpTest}), without Jazzer's instrumentation ({@code jazzer.hooks} is false in the gateway's
 * pom). To fuzz one method: {@code JAZZER_FUZZ=1 mvn -pl gateway -am test -Dtest=GatewayFuzzTest#<method>
 * -Djazzer.hooks=true -Djazzer.max_duration=5m -Dio.netty.leakDetection.level=paranoid
 * -Dsurefire.failIfNoSpecifiedTests=false}; a finding is written to the same directory and fails the run.
 */
class GatewayFuzzTest
{
    @TempDir
    static Path dir;

    private static EmbeddedGateway gateway;

    /**
     * A concrete path for every route, as {@link #shouldReachEveryRouteWithAnyBody} sends bodies to them. New routes
     * go at the end: an input's first byte picks a route by its place here.
     */
    static final Map<String, String[]> ROUTES = new LinkedHashMap<>();

    static
    {
        route("HEALTH", "GET", "/health");
        route("HEALTH_HEAD", "HEAD", "/health");
        route("METRICS", "GET", "/metrics");
        route("PUT_PROGRAM", "PUT", "/v1/program");
        route("GET_PROGRAM", "GET", "/v1/program");
        route("PUT_PARTNER", "PUT", "/v1/partners/p2");
        route("GET_PARTNER", "GET", "/v1/partners/p2");
        route("PUT_STORE", "PUT", "/v1/stores/s2");
        route("GET_STORE", "GET", "/v1/stores/s2");
        route("CREATE_MEMBER", "POST", "/v1/members");
        route("FIND_MEMBER", "GET", "/v1/members?identifierType=CARD&value=777");
        route("GET_MEMBER", "GET", "/v1/members/m_1");
        route("ADD_IDENTIFIER", "POST", "/v1/members/m_1/identifiers");
        route("MERGE_MEMBERS", "POST", "/v1/members/m_1/merge");
        route("ADJUST_POINTS", "POST", "/v1/members/m_1/adjustments");
        route("GET_LEDGER", "GET", "/v1/members/m_1/ledger?limit=5");
        route("AUTHORIZE", "POST", "/v1/purchases/authorize");
        route("CALCULATE", "POST", "/v1/purchases/calculate");
        route("ONE_SHOT", "POST", "/v1/purchases");
        route("CAPTURE", "POST", "/v1/purchases/t-1/capture");
        route("VOID", "POST", "/v1/purchases/t-1/void");
        route("REFUND", "POST", "/v1/purchases/t-1/refund");
        route("GET_PURCHASE", "GET", "/v1/purchases/t-1");
        route("PUT_PROMOTION", "PUT", "/v1/promotions/pr-1");
        route("GET_PROMOTION", "GET", "/v1/promotions/pr-1");
        route("LIST_PROMOTIONS", "GET", "/v1/promotions");
        route("CREATE_COUPONS", "POST", "/v1/coupons");
        route("RECORD_ACTIVITY", "POST", "/v1/activities");
        route("CREATE_KEY", "POST", "/v1/keys");
        route("REVOKE_KEY", "DELETE", "/v1/keys/key_x");
        route("PUT_TIERS", "PUT", "/v1/tiers");
        route("GET_TIERS", "GET", "/v1/tiers");
        route("PUT_ACHIEVEMENT", "PUT", "/v1/achievements/ac-1");
        route("GET_ACHIEVEMENT", "GET", "/v1/achievements/ac-1");
        route("LIST_ACHIEVEMENTS", "GET", "/v1/achievements");
        route("GET_MEMBER_ACHIEVEMENTS", "GET", "/v1/members/m_1/achievements");
        route("PUT_LEADERBOARD", "PUT", "/v1/leaderboards/lb-1");
        route("GET_LEADERBOARD", "GET", "/v1/leaderboards/lb-1?limit=10");
        route("GET_LEADERBOARD_MEMBER", "GET", "/v1/leaderboards/lb-1/members/m_1");
        route("ADMIN_SNAPSHOT", "POST", "/v1/admin/snapshot");
    }

    private static void route(final String name, final String method, final String path)
    {
        ROUTES.put(name, new String[] {method, path});
    }

    @BeforeAll
    static void start()
    {
        gateway = new EmbeddedGateway(dir.resolve("fuzz"));
        System.out.println("fuzz: Netty leak detection " + io.netty.util.ResourceLeakDetector.getLevel() +
            " (-Dio.netty.leakDetection.level=paranoid to fuzz), and a counting allocator per connection");
    }

    @AfterAll
    static void stop()
    {
        gateway.close();
    }

    /** Any bytes on a fresh connection, as they come off the socket: the HTTP codec, limits, router, decoders. */
    @FuzzTest(maxDuration = "3m")
    void shouldAnswerAnyBytesWithA4xxOrAValidAnswer(final byte[] raw)
    {
        EmbeddedGateway.assertWellFormed(gateway.exchange(raw), show(raw));
    }

    /**
     * A well-formed request to one route with any body: the JSON decoders of every route. The first byte picks
     * the route, the second the key (admin, the partner's pos key, none, a forged one), the rest is the body.
     */
    @FuzzTest(maxDuration = "3m")
    void shouldReachEveryRouteWithAnyBody(final byte[] input)
    {
        if (input.length < 2)
        {
            return;
        }
        final String[] route = ROUTES.values().toArray(new String[0][])[(input[0] & 0xff) % ROUTES.size()];
        final String key = switch ((input[1] & 0xff) % 4)
        {
            case 0 -> EmbeddedGateway.ADMIN_KEY;
            case 1 -> gateway.posKey();
            case 2 -> null;
            default -> "key_forged.secret";
        };
        final byte[] body = Arrays.copyOfRange(input, 2, input.length);
        final byte[] request = request(route[0], route[1], key, body);
        EmbeddedGateway.assertWellFormed(gateway.exchange(request), route[0] + " " + route[1] + " " + show(body));
    }

    @Test
    void shouldHaveAFuzzedPathForEveryRoute()
    {
        final Set<String> routes = new TreeSet<>();
        for (final Route r : Route.values())
        {
            routes.add(r.name());
            final String[] sent = ROUTES.get(r.name());
            if (sent != null)
            {
                final String path = sent[1].contains("?") ? sent[1].substring(0, sent[1].indexOf('?')) : sent[1];
                assertEquals(r, Route.match(io.netty.handler.codec.http.HttpMethod.valueOf(sent[0]), path,
                    new String[8], new boolean[1]), "the fuzzed path of " + r);
            }
        }
        assertEquals(routes, new TreeSet<>(ROUTES.keySet()), "every route has a path the fuzz test sends bodies to");
    }

    static byte[] request(final String method, final String path, final String key, final byte[] body)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringBuilder head = new StringBuilder()
            .append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: fuzz\r\n");
        if (key != null)
        {
            head.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        if (body.length > 0)
        {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String show(final byte[] bytes)
    {
        final String s = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
        return "[" + bytes.length + " bytes] " + s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
