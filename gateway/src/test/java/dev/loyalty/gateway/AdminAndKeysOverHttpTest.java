package dev.loyalty.gateway;

import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static dev.loyalty.gateway.Checkout.byCard;
import static dev.loyalty.gateway.Checkout.member;
import static dev.loyalty.gateway.Checkout.oneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Program, partners, stores and keys over HTTP: admin-only routes, partner-bound pos keys, revocation. */
class AdminAndKeysOverHttpTest
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

    @Test
    void shouldSetTheProgramWithDefaultsForFieldsLeftOut()
    {
        final TestServer.Answer put = s.admin("PUT", "/v1/program",
            "{\"requestId\":\"cfg-1\",\"pointValueMinor\":50,\"earnOn\":\"TOTAL\",\"referral\":{\"referrerPoints\":7}}");
        final String got = s.admin("GET", "/v1/program", null).body();

        assertEquals(200, put.status(), put.toString());
        assertEquals(put.body(), got);
        assertEquals(50, Json.num(got, "pointValueMinor"));
        assertEquals("TOTAL", Json.str(got, "earnOn"));
        assertEquals(500, Json.num(got, "baseEarnBp"));
        assertEquals(3000, Json.num(got, "maxRedeemShareBp"));
        assertEquals(900, Json.num(got, "holdTimeoutSeconds"));
        assertEquals(7, Json.num(got, "referral.referrerPoints"));
        assertEquals(100, Json.num(got, "referral.refereePoints"));
        assertEquals(400, s.admin("PUT", "/v1/program", "{\"requestId\":\"cfg-2\",\"baseEarnBp\":100001}").status());
        assertEquals(400, s.admin("PUT", "/v1/program", "{\"requestId\":\"cfg-3\",\"earnOn\":\"SOMETIMES\"}").status());
    }

    @Test
    void shouldKeepBuiltInPartnerAndStoresAndTakeNewOnes()
    {
        assertEquals("main", Json.str(s.admin("GET", "/v1/partners/main", null).body(), "partnerId"));
        assertEquals("ONLINE", Json.str(s.admin("GET", "/v1/stores/web", null).body(), "channel"));
        assertEquals("MOBILE_APP", Json.str(s.admin("GET", "/v1/stores/app", null).body(), "channel"));

        final TestServer.Answer partner = s.admin("PUT", "/v1/partners/coffee", "{\"requestId\":\"p-1\",\"name\":\"Coffee&Co\"}");
        final TestServer.Answer store = s.admin("PUT", "/v1/stores/c1", "{\"requestId\":\"s-1\",\"partnerId\":\"coffee\"," +
            "\"channel\":\"POS\",\"attributes\":{\"format\":\"hyper\",\"city\":\"Kazan\",\"hasCafe\":\"true\"}}");
        final TestServer.Answer orphan = s.admin("PUT", "/v1/stores/c2", "{\"requestId\":\"s-2\",\"partnerId\":\"nobody\"}");

        assertEquals(200, partner.status(), partner.toString());
        assertEquals("Coffee&Co", Json.str(s.admin("GET", "/v1/partners/coffee", null).body(), "name"));
        assertEquals(200, store.status(), store.toString());
        final String c1 = s.admin("GET", "/v1/stores/c1", null).body();
        assertEquals("hyper", Json.str(c1, "attributes.format"));
        assertEquals("coffee", Json.str(c1, "partnerId"));
        assertEquals(404, orphan.status());
        assertEquals("PARTNER_NOT_FOUND", Json.str(orphan.body(), "error.code"));
        assertEquals(404, s.admin("GET", "/v1/stores/c2", null).status());
    }

    @Test
    void shouldRefuseEveryRouteButHealthAndMetricsWithoutAValidKey()
    {
        assertEquals(200, s.send("GET", "/health", null, null).status());
        assertEquals(200, s.send("GET", "/metrics", null, null).status());

        final TestServer.Answer none = s.send("GET", "/v1/members/m_1", null, null);
        final TestServer.Answer wrong = s.send("GET", "/v1/members/m_1", null, "adm_not-the-admin-key-at-all");
        final TestServer.Answer forged = s.send("POST", "/v1/purchases", oneLine("t", "web", null, 1, "0"),
            "key_abc.forged");

        assertEquals(401, none.status());
        assertEquals("UNAUTHORIZED", Json.str(none.body(), "error.code"));
        assertEquals(401, wrong.status());
        assertEquals(401, forged.status());
        assertEquals(404, s.admin("GET", "/v1/purchases/t", null).status(), "an unauthenticated call changes nothing");
    }

    @Test
    void shouldBindAPosKeyToItsPartnerAndHideEveryOtherPartner()
    {
        s.admin("PUT", "/v1/partners/coffee", "{\"requestId\":\"p-1\",\"name\":\"Coffee&Co\"}");
        s.admin("PUT", "/v1/stores/c1", "{\"requestId\":\"s-1\",\"partnerId\":\"coffee\",\"channel\":\"POS\"}");
        s.admin("PUT", "/v1/stores/m1", "{\"requestId\":\"s-2\",\"partnerId\":\"main\",\"channel\":\"POS\"}");
        final String mainMember = Json.str(s.admin("POST", "/v1/members", member("m-1", "111")).body(), "memberId");
        s.admin("POST", "/v1/purchases", oneLine("main-tx", "m1", byCard("111"), 10_000, "0"));
        final TestServer.Answer created = s.admin("POST", "/v1/keys",
            "{\"requestId\":\"k-1\",\"role\":\"pos\",\"partnerId\":\"coffee\"}");
        assertEquals(200, created.status(), created.toString());
        final String pos = Json.str(created.body(), "key");

        final TestServer.Answer own = s.send("POST", "/v1/members", member("m-2", "222"), pos);
        final String ownId = Json.str(own.body(), "memberId");
        final TestServer.Answer sale = s.send("POST", "/v1/purchases", oneLine("c-tx", "c1", byCard("222"), 10_000, "0"), pos);

        assertEquals(201, own.status(), own.toString());
        assertEquals(200, sale.status(), sale.toString());
        assertEquals(200, s.send("GET", "/v1/members/" + ownId, null, pos).status());
        assertEquals(200, s.send("GET", "/v1/purchases/c-tx", null, pos).status());

        final List<TestServer.Answer> outside = new ArrayList<>();
        outside.add(s.send("GET", "/v1/members/" + mainMember, null, pos));
        outside.add(s.send("GET", "/v1/members?identifierType=CARD&value=111", null, pos));
        outside.add(s.send("GET", "/v1/members/" + mainMember + "/ledger", null, pos));
        outside.add(s.send("POST", "/v1/members/" + mainMember + "/identifiers",
            "{\"requestId\":\"i-1\",\"identifier\":{\"type\":\"EMAIL\",\"value\":\"x@y.z\"}}", pos));
        outside.add(s.send("GET", "/v1/purchases/main-tx", null, pos));
        outside.add(s.send("POST", "/v1/purchases/main-tx/refund", "{\"refundId\":\"r\",\"amount\":1}", pos));
        outside.add(s.send("POST", "/v1/purchases", oneLine("x-tx", "m1", null, 10_000, "0"), pos));
        outside.add(s.send("POST", "/v1/purchases", oneLine("y-tx", "c1", byCard("111"), 10_000, "0"), pos));
        for (final TestServer.Answer a : outside)
        {
            assertTrue(a.status() == 403 || a.status() == 404, a.toString());
            assertTrue(!a.body().contains("111") && !a.body().contains("main-tx") || a.status() == 404, a.toString());
        }
        final String mainProfile = s.admin("GET", "/v1/members/" + mainMember, null).body();
        assertEquals(1, ((List<?>)Json.at(mainProfile, "identifiers")).size(), "nothing was added");
        assertNull(Json.at(s.admin("GET", "/v1/purchases/main-tx", null).body(), "refunded"));
        assertEquals(404, s.admin("GET", "/v1/purchases/x-tx", null).status());

        for (final String[] adminOnly : new String[][] {
            {"PUT", "/v1/program", "{\"requestId\":\"c\"}"},
            {"GET", "/v1/program", null},
            {"PUT", "/v1/stores/z", "{\"requestId\":\"z\"}"},
            {"PUT", "/v1/partners/z", "{\"requestId\":\"z\",\"name\":\"Z\"}"},
            {"POST", "/v1/members/" + ownId + "/adjustments", "{\"requestId\":\"a\",\"points\":5}"},
            {"POST", "/v1/members/" + ownId + "/merge", "{\"requestId\":\"a\",\"sourceMemberId\":\"m_9\"}"},
            {"POST", "/v1/keys", "{\"requestId\":\"k-2\",\"role\":\"admin\"}"},
            {"DELETE", "/v1/keys/" + Json.str(created.body(), "keyId"), null}})
        {
            final TestServer.Answer a = s.send(adminOnly[0], adminOnly[1], adminOnly[2], pos);
            assertEquals(403, a.status(), adminOnly[0] + " " + adminOnly[1] + " " + a);
            assertEquals("FORBIDDEN", Json.str(a.body(), "error.code"));
        }
        assertEquals(5, Json.num(s.admin("GET", "/v1/members/" + ownId, null).body(), "balance.available"),
            "the refused adjustment changed nothing: 5 points from c-tx only");
    }

    @Test
    void shouldShowAKeyOnceAndRevokeIt()
    {
        final String body = "{\"requestId\":\"k-1\",\"role\":\"pos\",\"partnerId\":\"main\"}";
        final TestServer.Answer created = s.admin("POST", "/v1/keys", body);
        final TestServer.Answer replay = s.admin("POST", "/v1/keys", body);
        final String keyId = Json.str(created.body(), "keyId");
        final String key = Json.str(created.body(), "key");

        assertEquals(keyId, Json.str(replay.body(), "keyId"));
        assertNull(Json.at(replay.body(), "key"), "the key is shown once");
        assertEquals("pos", Json.str(created.body(), "role"));
        assertEquals(201, s.send("POST", "/v1/members", member("m-0", "0"), key).status());

        final TestServer.Answer revoked = s.admin("DELETE", "/v1/keys/" + keyId, null);
        assertEquals(200, revoked.status(), revoked.toString());
        final TestServer.Answer after = s.send("POST", "/v1/members", member("m-1", "1"), key);
        assertEquals(401, after.status());
        assertEquals(404, s.admin("DELETE", "/v1/keys/key_none", null).status());
    }

    @Test
    void shouldServeTwoLiveKeysOfAPartnerDuringRotation()
    {
        final String k1 = Json.str(s.admin("POST", "/v1/keys",
            "{\"requestId\":\"k-1\",\"role\":\"pos\",\"partnerId\":\"main\"}").body(), "key");
        final TestServer.Answer second = s.admin("POST", "/v1/keys", "{\"requestId\":\"k-2\",\"role\":\"pos\",\"partnerId\":\"main\"}");
        final String k2 = Json.str(second.body(), "key");

        assertNotEquals(k1, k2);
        assertEquals(201, s.send("POST", "/v1/members", member("m-1", "1"), k1).status());
        assertEquals(201, s.send("POST", "/v1/members", member("m-2", "2"), k2).status());
        s.admin("DELETE", "/v1/keys/" + Json.str(second.body(), "keyId"), null);
        assertEquals(401, s.send("POST", "/v1/members", member("m-3", "3"), k2).status());
        assertEquals(201, s.send("POST", "/v1/members", member("m-4", "4"), k1).status());
    }

    @Test
    void shouldKeepKeysAndRevocationsAcrossARestart()
    {
        final TestServer.Answer created = s.admin("POST", "/v1/keys", "{\"requestId\":\"k-1\",\"role\":\"pos\",\"partnerId\":\"main\"}");
        final String key = Json.str(created.body(), "key");
        final String other = Json.str(s.admin("POST", "/v1/keys",
            "{\"requestId\":\"k-2\",\"role\":\"pos\",\"partnerId\":\"main\"}").body(), "key");
        s.admin("DELETE", "/v1/keys/" + Json.str(created.body(), "keyId"), null);

        s.restart();

        assertEquals(401, s.send("POST", "/v1/members", member("m-1", "1"), key).status());
        assertEquals(201, s.send("POST", "/v1/members", member("m-2", "2"), other).status());
    }

    @Test
    void shouldGenerateTheAdminKeyOnceIntoAnOwnerOnlyFile() throws Exception
    {
        final Path data = dir.resolve("fresh");
        final List<String> shown = new ArrayList<>();
        try (LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext().dataDir(data)))
        {
            final HttpGateway g = HttpGateway.start(engine, new GatewayContext().bindAddress("127.0.0.1").httpPort(0)
                .dataDir(data).onAdminKeyGenerated(shown::add));
            g.close();
            final HttpGateway again = HttpGateway.start(engine, new GatewayContext().bindAddress("127.0.0.1")
                .httpPort(0).dataDir(data).onAdminKeyGenerated(shown::add));
            again.close();
        }

        final Path file = data.resolve("admin.key");
        assertEquals(1, shown.size(), "shown once");
        assertEquals(shown.get(0), Files.readString(file).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
