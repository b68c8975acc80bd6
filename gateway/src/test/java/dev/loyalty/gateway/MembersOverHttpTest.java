package dev.loyalty.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.loyalty.gateway.Checkout.byCard;
import static dev.loyalty.gateway.Checkout.member;
import static dev.loyalty.gateway.Checkout.oneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Members end to end over HTTP: identifiers, lookups, merge, adjustments, ledger paging, stats by channel. */
class MembersOverHttpTest
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
    void shouldCreateAMemberWith201AndReplayTheSameAnswer()
    {
        final String body = "{\"requestId\":\"m-1\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"7770001\"}," +
            "{\"type\":\"PHONE\",\"value\":\"+79990001122\"}],\"birthday\":\"1990-05-01\",\"referrerCode\":null," +
            "\"attributes\":{\"segment\":\"students\"}}";

        final TestServer.Answer created = s.admin("POST", "/v1/members", body);
        final TestServer.Answer replay = s.admin("POST", "/v1/members", body);
        final TestServer.Answer conflict = s.admin("POST", "/v1/members", body.replace("students", "pupils"));

        assertEquals(201, created.status(), created.toString());
        assertTrue(Json.str(created.body(), "memberId").startsWith("m_"));
        assertEquals("base", Json.str(created.body(), "tier"));
        assertEquals(8, Json.str(created.body(), "referralCode").length());
        assertEquals(201, replay.status());
        assertEquals(created.body(), replay.body());
        assertEquals(409, conflict.status());
        assertEquals("IDEMPOTENCY_CONFLICT", Json.str(conflict.body(), "error.code"));
    }

    @Test
    void shouldFindAMemberByIdAndByEveryIdentifierType()
    {
        final String[] types = {"CARD", "PHONE", "EMAIL", "APP_ID", "PAYMENT_TOKEN", "EXTERNAL_ID"};
        final StringBuilder ids = new StringBuilder();
        for (final String t : types)
        {
            ids.append(ids.length() == 0 ? "" : ",").append("{\"type\":\"").append(t).append("\",\"value\":\"v-")
                .append(t).append("\"}");
        }
        final String memberId = Json.str(s.admin("POST", "/v1/members",
            "{\"requestId\":\"m-1\",\"identifiers\":[" + ids + "],\"attributes\":{\"segment\":\"students\"}}").body(),
            "memberId");

        final String byId = s.admin("GET", "/v1/members/" + memberId, null).body();
        for (final String t : types)
        {
            final TestServer.Answer found = s.admin("GET", "/v1/members?identifierType=" + t + "&value=v-" + t, null);
            assertEquals(200, found.status(), t);
            assertEquals(byId, found.body(), t);
        }
        assertEquals(memberId, Json.str(byId, "memberId"));
        assertEquals(6, ((List<?>)Json.at(byId, "identifiers")).size());
        assertEquals("students", Json.str(byId, "attributes.segment"));
        assertEquals("base", Json.str(byId, "tier"));
        assertEquals(0, Json.num(byId, "balance.available"));
        assertEquals(0, Json.num(byId, "balance.pending"));
        assertEquals(0, Json.num(byId, "balance.held"));
        assertEquals(0, Json.num(byId, "stats.purchases"));
        assertNull(Json.at(byId, "stats.firstPurchaseAt"));
        assertTrue(Json.has(byId, "achievements"));
        final TestServer.Answer missing = s.admin("GET", "/v1/members?identifierType=CARD&value=404", null);
        assertEquals(404, missing.status());
        assertEquals("MEMBER_NOT_FOUND", Json.str(missing.body(), "error.code"));
    }

    @Test
    void shouldRefuseAnIdentifierThatBelongsToAnotherMember()
    {
        s.admin("POST", "/v1/members", member("m-1", "111"));
        final String second = Json.str(s.admin("POST", "/v1/members", member("m-2", "222")).body(), "memberId");

        final TestServer.Answer taken = s.admin("POST", "/v1/members", member("m-3", "111"));
        final TestServer.Answer added = s.admin("POST", "/v1/members/" + second + "/identifiers",
            "{\"requestId\":\"i-1\",\"identifier\":{\"type\":\"CARD\",\"value\":\"111\"}}");
        final TestServer.Answer ok = s.admin("POST", "/v1/members/" + second + "/identifiers",
            "{\"requestId\":\"i-2\",\"identifier\":{\"type\":\"EMAIL\",\"value\":\"a@b.c\"}}");

        assertEquals(409, taken.status());
        assertEquals("IDENTIFIER_TAKEN", Json.str(taken.body(), "error.code"));
        assertEquals(409, added.status());
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(second, Json.str(s.admin("GET", "/v1/members?identifierType=EMAIL&value=a@b.c", null).body(),
            "memberId"));
    }

    @Test
    void shouldMergeBalancesIdentifiersAndStatsAndAnswer410ForTheSource()
    {
        s.admin("PUT", "/v1/stores/s42", "{\"requestId\":\"s-1\",\"partnerId\":\"main\",\"channel\":\"POS\"}");
        final String target = Json.str(s.admin("POST", "/v1/members", member("m-1", "111")).body(), "memberId");
        final String source = Json.str(s.admin("POST", "/v1/members", member("m-2", "222")).body(), "memberId");
        s.admin("POST", "/v1/members/" + source + "/adjustments", "{\"requestId\":\"a\",\"points\":300,\"reason\":\"x\"}");
        s.admin("POST", "/v1/purchases", oneLine("tx-1", "web", byCard("222"), 100_000, "0"));

        final TestServer.Answer merged = s.admin("POST", "/v1/members/" + target + "/merge",
            "{\"requestId\":\"mg-1\",\"sourceMemberId\":\"" + source + "\"}");

        assertEquals(200, merged.status(), merged.toString());
        assertEquals(350, Json.num(merged.body(), "balance.available"));
        final TestServer.Answer gone = s.admin("GET", "/v1/members/" + source, null);
        assertEquals(410, gone.status());
        assertEquals("MEMBER_MERGED", Json.str(gone.body(), "error.code"));
        assertEquals(target, Json.str(gone.body(), "error.memberId"));
        final String profile = s.admin("GET", "/v1/members?identifierType=CARD&value=222", null).body();
        assertEquals(target, Json.str(profile, "memberId"));
        assertEquals(1, Json.num(profile, "stats.byChannel.ONLINE.purchases"));
        assertEquals(100_000, Json.num(profile, "stats.spentMinor"));
    }

    @Test
    void shouldAdjustBothWaysButNotBelowZero()
    {
        final String id = Json.str(s.admin("POST", "/v1/members", member("m-1", "111")).body(), "memberId");

        final TestServer.Answer plus = s.admin("POST", "/v1/members/" + id + "/adjustments",
            "{\"requestId\":\"a-1\",\"points\":100,\"reason\":\"goodwill\"}");
        final TestServer.Answer minus = s.admin("POST", "/v1/members/" + id + "/adjustments",
            "{\"requestId\":\"a-2\",\"points\":-50,\"reason\":\"goodwill\"}");
        final TestServer.Answer tooMuch = s.admin("POST", "/v1/members/" + id + "/adjustments",
            "{\"requestId\":\"a-3\",\"points\":-51,\"reason\":\"goodwill\"}");
        final TestServer.Answer zero = s.admin("POST", "/v1/members/" + id + "/adjustments",
            "{\"requestId\":\"a-4\",\"points\":0}");

        assertEquals(100, Json.num(plus.body(), "balance.available"));
        assertEquals(50, Json.num(minus.body(), "balance.available"));
        assertEquals(422, tooMuch.status());
        assertEquals("INSUFFICIENT_POINTS", Json.str(tooMuch.body(), "error.code"));
        assertEquals(400, zero.status());
    }

    @Test
    void shouldPageTheLedgerNewestFirstWithAnExclusiveBefore()
    {
        final String id = Json.str(s.admin("POST", "/v1/members", member("m-1", "111")).body(), "memberId");
        for (int i = 1; i <= 5; i++)
        {
            s.admin("POST", "/v1/members/" + id + "/adjustments", "{\"requestId\":\"a-" + i + "\",\"points\":" + i + "}");
        }

        final String page1 = s.admin("GET", "/v1/members/" + id + "/ledger?limit=2", null).body();
        final long next = Json.num(page1, "nextBefore");
        final String page2 = s.admin("GET", "/v1/members/" + id + "/ledger?limit=2&before=" + next, null).body();
        final String page3 = s.admin("GET", "/v1/members/" + id + "/ledger?limit=2&before=" + Json.num(page2, "nextBefore"),
            null).body();

        assertEquals(5, Json.num(page1, "entries[0].points"));
        assertEquals(4, Json.num(page1, "entries[1].points"));
        assertEquals("ADJUST", Json.str(page1, "entries[0].type"));
        assertEquals(3, Json.num(page2, "entries[0].points"));
        assertEquals(2, Json.num(page2, "entries[1].points"));
        assertEquals(1, Json.num(page3, "entries[0].points"));
        assertEquals(1, ((List<?>)Json.at(page3, "entries")).size());
        assertNull(Json.at(page3, "nextBefore"));
        assertEquals(400, s.admin("GET", "/v1/members/" + id + "/ledger?limit=0", null).status());
        assertEquals(400, s.admin("GET", "/v1/members/" + id + "/ledger?limit=1001", null).status());
        assertEquals(400, s.admin("GET", "/v1/members/" + id + "/ledger?limt=5", null).status());
    }

    @Test
    void shouldKeepStatsByChannelAcrossStoresOfEveryChannel()
    {
        s.admin("PUT", "/v1/stores/kiosk-1", "{\"requestId\":\"s-1\",\"channel\":\"KIOSK\"}");
        final String id = Json.str(s.admin("POST", "/v1/members", member("m-1", "111")).body(), "memberId");

        s.admin("POST", "/v1/purchases", oneLine("t1", "web", byCard("111"), 10_000, "0"));
        s.admin("POST", "/v1/purchases", oneLine("t2", "app", byCard("111"), 20_000, "0"));
        s.admin("POST", "/v1/purchases", oneLine("t3", "kiosk-1", byCard("111"), 30_000, "0"));

        final String p = s.admin("GET", "/v1/members/" + id, null).body();
        assertEquals(3, Json.num(p, "stats.purchases"));
        assertEquals(60_000, Json.num(p, "stats.spentMinor"));
        assertEquals(10_000, Json.num(p, "stats.byChannel.ONLINE.spentMinor"));
        assertEquals(20_000, Json.num(p, "stats.byChannel.MOBILE_APP.spentMinor"));
        assertEquals(30_000, Json.num(p, "stats.byChannel.KIOSK.spentMinor"));
        assertTrue(Json.has(p, "stats.firstPurchaseAt"));
    }
}
