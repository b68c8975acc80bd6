package dev.loyalty.gateway;

import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.loyalty.gateway.Checkout.byCard;
import static dev.loyalty.gateway.Checkout.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiers, achievements, leaderboards and referrals over HTTP against the real server, with a manual clock that
 * moves engine time (the ticker then journals the downgrades and period ends). The program is the default one:
 * 5% of what is paid comes back as points, a point pays 1.00.
 */
class GamificationOverHttpTest
{
    private static final long DAY = 86_400_000L;
    private static final long START = Instant.parse("2026-12-06T06:15:00Z").toEpochMilli();
    private static final String TIERS = "{\"requestId\":\"t-1\",\"basis\":\"SPEND\",\"periodDays\":30," +
        "\"tiers\":[{\"id\":\"base\",\"threshold\":0},{\"id\":\"silver\",\"threshold\":3000000}," +
        "{\"id\":\"gold\",\"threshold\":10000000}]}";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(START);
    private TestServer s;

    @BeforeEach
    void start()
    {
        s = new TestServer(dir, clock);
        ok("PUT", "/v1/stores/s42", "{\"requestId\":\"s-1\",\"channel\":\"POS\"}");
    }

    @AfterEach
    void stop()
    {
        s.close();
        assertEquals(List.of(), s.lastInvariantViolations());
    }

    private String ok(final String method, final String path, final String body)
    {
        final TestServer.Answer a = s.admin(method, path, body);
        assertTrue(a.status() == 200 || a.status() == 201, method + " " + path + ": " + a);
        return a.body();
    }

    private TestServer.Answer fails(final int status, final String code, final TestServer.Answer a)
    {
        assertEquals(status, a.status(), a.toString());
        assertEquals(code, Json.str(a.body(), "error.code"), a.toString());
        return a;
    }

    private String newMember(final String card)
    {
        return Json.str(ok("POST", "/v1/members", member("m-" + card, card)), "memberId");
    }

    private String buy(final String txId, final String store, final String card, final long price)
    {
        return ok("POST", "/v1/purchases", "{\"txId\":\"" + txId + "\",\"storeId\":\"" + store + "\",\"member\":" +
            byCard(card) + ",\"lines\":[{\"sku\":\"A\",\"category\":\"coffee\",\"qty\":1,\"unitPrice\":" + price + "}]}");
    }

    private String review(final String requestId, final String card)
    {
        return ok("POST", "/v1/activities", "{\"requestId\":\"" + requestId + "\",\"member\":" + byCard(card) +
            ",\"type\":\"REVIEW\",\"storeId\":\"app\"}");
    }

    private String tier(final String memberId)
    {
        return Json.str(ok("GET", "/v1/members/" + memberId, null), "tier");
    }

    /** Reads {@code path} until {@code done} holds: ticks are journaled by the engine's ticker, not by the test. */
    private String until(final String path, final Predicate<String> done) throws InterruptedException
    {
        String body = ok("GET", path, null);
        for (int i = 0; i < 500 && !done.test(body); i++)
        {
            Thread.sleep(10);
            body = ok("GET", path, null);
        }
        assertTrue(done.test(body), body);
        return body;
    }

    private static String iso(final long millis)
    {
        return Instant.ofEpochMilli(millis).toString().replace(".000", "");
    }

    // ------------------------------------------------------------------------------------------------------ tiers

    @Test
    void shouldClimbToSilverThenGoldAndFallBackWhenTheWindowMovesPastThePurchases() throws Exception
    {
        final String m = newMember("777");
        assertEquals("base", tier(m));
        assertEquals("SPEND", Json.str(ok("PUT", "/v1/tiers", TIERS), "basis"));

        buy("tx-1", "s42", "777", 3_000_000);
        assertEquals("silver", tier(m));
        clock.advanceMillis(10 * DAY);
        buy("tx-2", "web", "777", 7_000_000);
        assertEquals("gold", tier(m));

        final long firstLeaves = (Math.floorDiv(START, DAY) + 31) * DAY;
        clock.setMillis(firstLeaves);
        until("/v1/members/" + m, body -> "silver".equals(Json.str(body, "tier")));
        clock.setMillis(firstLeaves + 10 * DAY);
        final String profile = until("/v1/members/" + m, body -> "base".equals(Json.str(body, "tier")));

        assertEquals(List.of(
            Map.of("tier", "silver", "at", iso(START)),
            Map.of("tier", "gold", "at", iso(START + 10 * DAY)),
            Map.of("tier", "silver", "at", iso(firstLeaves))), ((List<?>)Json.at(profile, "tierHistory")).subList(0, 3));
        assertEquals("base", Json.str(profile, "tierHistory[3].tier"));
    }

    @Test
    void shouldDropATierWhenARefundTakesTheSpendBack()
    {
        ok("PUT", "/v1/tiers", TIERS);
        final String m = newMember("777");
        buy("tx-1", "s42", "777", 10_000_000);
        assertEquals("gold", tier(m));

        ok("POST", "/v1/purchases/tx-1/refund", "{\"refundId\":\"rf-1\",\"amount\":8000000}");

        assertEquals("base", tier(m));
        assertEquals("base", Json.str(ok("GET", "/v1/members/" + m, null), "tierHistory[1].tier"));
    }

    // ----------------------------------------------------------------------------------------------- achievements

    @Test
    void shouldUnlockTheReviewStarOnTheFifthReviewAndPayOnce()
    {
        ok("PUT", "/v1/achievements/review-star", "{\"requestId\":\"ac-1\",\"name\":\"Review star\"," +
            "\"metric\":\"ACTIVITY:REVIEW\",\"target\":5,\"rewardPoints\":200,\"repeatable\":false}");
        final String m = newMember("777");
        for (int i = 1; i <= 4; i++)
        {
            assertEquals(List.of(), Json.at(review("r-" + i, "777"), "achievements"));
        }
        final String fifth = review("r-5", "777");
        final String sixth = review("r-6", "777");

        assertEquals(Map.of("achievementId", "review-star", "name", "Review star", "unlocks", 1L, "points", 200L),
            Json.at(fifth, "achievements[0]"));
        assertEquals(200, Json.num(fifth, "balance.available"));
        assertEquals(List.of(), Json.at(sixth, "achievements"));
        final String ledger = ok("GET", "/v1/members/" + m + "/ledger", null);
        assertEquals("ACHIEVEMENT", Json.str(ledger, "entries[0].type"));
        assertEquals("review-star", Json.str(ledger, "entries[0].achievementId"));
        assertEquals(1, ((List<?>)Json.at(ledger, "entries")).size());
        final String profile = ok("GET", "/v1/members/" + m, null);
        assertEquals("review-star", Json.str(profile, "achievements[0].achievementId"));
        assertEquals(iso(START), Json.str(profile, "achievements[0].unlockedAt"));
        assertEquals(200, Json.num(profile, "stats.pointsEarned"));
        final String progress = ok("GET", "/v1/members/" + m + "/achievements", null);
        assertEquals(6, Json.num(progress, "achievements[0].progress"));
        assertEquals(5, Json.num(progress, "achievements[0].target"));
        assertEquals(1, Json.num(ok("GET", "/v1/achievements/review-star", null), "unlocks"));
    }

    @Test
    void shouldPayARepeatableTenPurchaseAchievementEveryTenthPurchase()
    {
        ok("PUT", "/v1/achievements/regular", "{\"requestId\":\"ac-1\",\"name\":\"Regular\",\"metric\":\"PURCHASES\"," +
            "\"target\":10,\"rewardPoints\":50,\"repeatable\":true}");
        final String m = newMember("777");
        final StringBuilder unlockedAt = new StringBuilder();
        for (int i = 1; i <= 21; i++)
        {
            if (!((List<?>)Json.at(buy("tx-" + i, "web", "777", 1_000), "achievements")).isEmpty())
            {
                unlockedAt.append(i).append(' ');
            }
        }

        assertEquals("10 20 ", unlockedAt.toString());
        final String progress = ok("GET", "/v1/members/" + m + "/achievements", null);
        assertEquals(21, Json.num(progress, "achievements[0].progress"));
        assertEquals(2, Json.num(progress, "achievements[0].unlocks"));
        assertEquals(30, Json.num(progress, "achievements[0].nextUnlockAt"));
        assertEquals(List.of("regular"), List.of(Json.str(ok("GET", "/v1/achievements", null),
            "achievements[0].achievementId")));
    }

    @Test
    void shouldUnlockTheOmnichannelAchievementAfterBuyingAtAStoreOnlineAndInTheApp()
    {
        ok("PUT", "/v1/achievements/omni", "{\"requestId\":\"ac-1\",\"name\":\"Omnichannel\",\"metric\":\"CHANNELS\"," +
            "\"target\":3,\"rewardPoints\":300}");
        newMember("777");
        assertEquals(List.of(), Json.at(buy("tx-1", "s42", "777", 10_000), "achievements"));
        assertEquals(List.of(), Json.at(buy("tx-2", "web", "777", 10_000), "achievements"));
        assertEquals(List.of(), Json.at(buy("tx-3", "web", "777", 10_000), "achievements"));
        ok("POST", "/v1/purchases/authorize", "{\"txId\":\"tx-4\",\"storeId\":\"app\",\"member\":" + byCard("777") +
            ",\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":10000}]}");

        final String captured = ok("POST", "/v1/purchases/tx-4/capture", "{}");

        assertEquals("omni", Json.str(captured, "achievements[0].achievementId"));
        assertEquals(300, Json.num(captured, "achievements[0].points"));
        assertEquals(300 + 4 * 5, Json.num(captured, "balance.available"));
        assertEquals("omni", Json.str(ok("GET", "/v1/purchases/tx-4", null), "achievements[0].achievementId"));
    }

    // ----------------------------------------------------------------------------------------------- leaderboards

    @Test
    void shouldRankMembersWithTiesAndStartAgainWithTheNewMonth() throws Exception
    {
        clock.setMillis(Instant.parse("2026-12-20T10:00:00Z").toEpochMilli());
        final String a = newMember("a");
        final String b = newMember("b");
        final String c = newMember("c");
        ok("PUT", "/v1/leaderboards/monthly", "{\"requestId\":\"lb-1\",\"metric\":\"POINTS_EARNED\"," +
            "\"period\":\"MONTH\",\"partnerId\":null}");
        buy("tx-1", "web", "a", 40_000);
        buy("tx-2", "s42", "b", 40_000);
        buy("tx-3", "web", "c", 100_000);

        final String board = ok("GET", "/v1/leaderboards/monthly?limit=10", null);
        assertEquals(List.of(Map.of("rank", 1L, "memberId", c, "value", 50L),
            Map.of("rank", 2L, "memberId", a, "value", 20L), Map.of("rank", 2L, "memberId", b, "value", 20L)),
            Json.at(board, "entries"));
        assertEquals("2027-01-01T00:00:00Z", Json.str(board, "periodEnd"));
        assertEquals(1, ((List<?>)Json.at(ok("GET", "/v1/leaderboards/monthly?limit=1", null), "entries")).size());
        final String rank = ok("GET", "/v1/leaderboards/monthly/members/" + b, null);
        assertEquals(2, Json.num(rank, "rank"));
        assertEquals(20, Json.num(rank, "value"));

        clock.setMillis(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli());
        final String reset = until("/v1/leaderboards/monthly", body -> ((List<?>)Json.at(body, "entries")).isEmpty());
        assertEquals("2027-01-01T00:00:00Z", Json.str(reset, "periodStart"));
        assertNull(Json.at(ok("GET", "/v1/leaderboards/monthly/members/" + b, null), "rank"));
        buy("tx-4", "web", "b", 2_000);
        assertEquals(List.of(Map.of("rank", 1L, "memberId", b, "value", 1L)),
            Json.at(ok("GET", "/v1/leaderboards/monthly", null), "entries"));
    }

    // ------------------------------------------------------------------------------------------------- referrals

    @Test
    void shouldPayBothSidesOfAReferralOnceOnTheRefereesFirstPurchase()
    {
        final String created = ok("POST", "/v1/members", member("m-1", "111"));
        final String referrer = Json.str(created, "memberId");
        final String referee = Json.str(s.admin("POST", "/v1/members", "{\"requestId\":\"m-2\",\"identifiers\":" +
            "[{\"type\":\"CARD\",\"value\":\"222\"}],\"referrerCode\":\"" + Json.str(created, "referralCode") + "\"}")
            .body(), "memberId");

        final String first = buy("tx-1", "web", "222", 20_000);
        buy("tx-2", "web", "222", 20_000);

        assertEquals(110, Json.num(first, "balance.available"));
        final String referrerLedger = ok("GET", "/v1/members/" + referrer + "/ledger", null);
        assertEquals(1, ((List<?>)Json.at(referrerLedger, "entries")).size());
        assertEquals("REFERRAL", Json.str(referrerLedger, "entries[0].type"));
        assertEquals(300, Json.num(referrerLedger, "entries[0].points"));
        assertEquals(referee, Json.str(referrerLedger, "entries[0].referralOf"));
        final String refereeLedger = ok("GET", "/v1/members/" + referee + "/ledger", null);
        assertEquals(List.of("EARN", "REFERRAL", "EARN"), List.of(Json.str(refereeLedger, "entries[0].type"),
            Json.str(refereeLedger, "entries[1].type"), Json.str(refereeLedger, "entries[2].type")));
        assertEquals(100, Json.num(refereeLedger, "entries[1].points"));
        assertEquals(referrer, Json.str(refereeLedger, "entries[1].referralOf"));
        assertEquals(300, Json.num(ok("GET", "/v1/members/" + referrer, null), "stats.pointsEarned"));
        assertEquals(120, Json.num(ok("GET", "/v1/members/" + referee, null), "stats.pointsEarned"));
    }

    // ---------------------------------------------------------------------------- validation, auth, replay, restart

    @Test
    void shouldRefuseBadDefinitionsNamingTheFieldAndAnswer404ForWhatIsNotThere()
    {
        final String m = newMember("777");
        assertTrue(fails(400, "INVALID_REQUEST", s.admin("PUT", "/v1/tiers", TIERS.replace("3000000", "0")))
            .body().contains("tiers[1].threshold"));
        assertTrue(fails(400, "INVALID_REQUEST", s.admin("PUT", "/v1/tiers", TIERS.replace("\"SPEND\"", "\"VISITS\"")))
            .body().contains("basis"));
        assertTrue(fails(400, "INVALID_REQUEST", s.admin("PUT", "/v1/achievements/x",
            "{\"requestId\":\"a\",\"name\":\"x\",\"metric\":\"ACTIVITY:\",\"target\":5}")).body().contains("metric"));
        assertTrue(fails(400, "INVALID_REQUEST", s.admin("PUT", "/v1/achievements/x",
            "{\"requestId\":\"a\",\"name\":\"x\",\"metric\":\"PURCHASES\",\"target\":0}")).body().contains("target"));
        assertTrue(fails(400, "INVALID_REQUEST", s.admin("PUT", "/v1/achievements/x",
            "{\"requestId\":\"a\",\"name\":\"x\",\"metric\":\"PURCHASES\",\"target\":1,\"color\":1}")).body()
            .contains("color"));
        assertTrue(fails(400, "INVALID_REQUEST", s.admin("PUT", "/v1/leaderboards/x",
            "{\"requestId\":\"l\",\"metric\":\"SPEND\",\"period\":\"DAY\"}")).body().contains("period"));
        fails(400, "INVALID_REQUEST", s.admin("PUT", "/v1/leaderboards/x", "{\"metric\":\"SPEND\",\"period\":\"ALL\"}"));
        ok("PUT", "/v1/leaderboards/x", "{\"requestId\":\"l-1\",\"metric\":\"SPEND\",\"period\":\"ALL\"}");
        assertTrue(fails(400, "INVALID_REQUEST", s.admin("GET", "/v1/leaderboards/x?limit=101", null)).body()
            .contains("limit"));
        fails(400, "INVALID_REQUEST", s.admin("GET", "/v1/leaderboards/x?top=1", null));

        fails(404, "ACHIEVEMENT_NOT_FOUND", s.admin("GET", "/v1/achievements/nope", null));
        fails(404, "LEADERBOARD_NOT_FOUND", s.admin("GET", "/v1/leaderboards/nope", null));
        fails(404, "LEADERBOARD_NOT_FOUND", s.admin("GET", "/v1/leaderboards/nope/members/" + m, null));
        fails(404, "MEMBER_NOT_FOUND", s.admin("GET", "/v1/leaderboards/x/members/m_zz", null));
        fails(404, "MEMBER_NOT_FOUND", s.admin("GET", "/v1/members/m_zz/achievements", null));
        fails(404, "PARTNER_NOT_FOUND", s.admin("PUT", "/v1/leaderboards/y",
            "{\"requestId\":\"l-2\",\"metric\":\"SPEND\",\"period\":\"ALL\",\"partnerId\":\"nobody\"}"));
        fails(409, "INVALID_STATE", s.admin("PUT", "/v1/leaderboards/x",
            "{\"requestId\":\"l-3\",\"metric\":\"PURCHASES\",\"period\":\"ALL\"}"));
        assertNull(Json.at(ok("GET", "/v1/tiers", null), "basis"));
    }

    @Test
    void shouldLetPosKeysReadTheirPartnersBoardsAndMembersOnly()
    {
        final String pos = Json.str(ok("POST", "/v1/keys", "{\"requestId\":\"k-1\",\"role\":\"pos\",\"partnerId\":\"main\"}"),
            "key");
        final String m = newMember("777");
        ok("PUT", "/v1/leaderboards/main-board", "{\"requestId\":\"l-1\",\"metric\":\"PURCHASES\",\"period\":\"ALL\"," +
            "\"partnerId\":\"main\"}");
        ok("PUT", "/v1/leaderboards/everyone", "{\"requestId\":\"l-2\",\"metric\":\"PURCHASES\",\"period\":\"ALL\"}");
        buy("tx-1", "s42", "777", 1_000);

        for (final String[] adminOnly : new String[][] {
            {"PUT", "/v1/tiers", TIERS},
            {"GET", "/v1/tiers", null},
            {"PUT", "/v1/achievements/a", "{\"requestId\":\"a\",\"name\":\"a\",\"metric\":\"PURCHASES\",\"target\":1}"},
            {"GET", "/v1/achievements", null},
            {"GET", "/v1/achievements/a", null},
            {"PUT", "/v1/leaderboards/b", "{\"requestId\":\"b\",\"metric\":\"SPEND\",\"period\":\"ALL\"}"}})
        {
            fails(403, "FORBIDDEN", s.send(adminOnly[0], adminOnly[1], adminOnly[2], pos));
        }
        assertEquals(200, s.send("GET", "/v1/leaderboards/main-board", null, pos).status());
        assertEquals(1, Json.num(s.send("GET", "/v1/leaderboards/main-board/members/" + m, null, pos).body(), "rank"));
        assertEquals(200, s.send("GET", "/v1/members/" + m + "/achievements", null, pos).status());
        fails(404, "LEADERBOARD_NOT_FOUND", s.send("GET", "/v1/leaderboards/everyone", null, pos));
        fails(401, "UNAUTHORIZED", s.send("GET", "/v1/leaderboards/main-board", null, null));
    }

    @Test
    void shouldReplayTheFirstAnswerRefuseAChangedBodyAndNotClaimAKeyOnARejection()
    {
        final String first = ok("PUT", "/v1/tiers", TIERS);
        assertEquals(first, ok("PUT", "/v1/tiers", TIERS));
        fails(409, "IDEMPOTENCY_CONFLICT", s.admin("PUT", "/v1/tiers", TIERS.replace("30,", "60,")));

        final String board = "{\"requestId\":\"lb-1\",\"metric\":\"SPEND\",\"period\":\"WEEK\",\"partnerId\":\"coffee\"}";
        fails(404, "PARTNER_NOT_FOUND", s.admin("PUT", "/v1/leaderboards/weekly", board));
        ok("PUT", "/v1/partners/coffee", "{\"requestId\":\"p-1\",\"name\":\"Coffee\"}");
        final String created = ok("PUT", "/v1/leaderboards/weekly", board);
        assertEquals(created, ok("PUT", "/v1/leaderboards/weekly", board));

        final String achievement = "{\"requestId\":\"ac-1\",\"name\":\"Big spender\",\"metric\":\"SPEND\"," +
            "\"target\":100000,\"rewardPoints\":10}";
        final String defined = ok("PUT", "/v1/achievements/big", achievement);
        assertEquals(defined, ok("PUT", "/v1/achievements/big", achievement));
        fails(409, "IDEMPOTENCY_CONFLICT", s.admin("PUT", "/v1/achievements/big", achievement.replace("10}", "20}")));
        fails(409, "INVALID_STATE", s.admin("PUT", "/v1/achievements/big",
            achievement.replace("ac-1", "ac-2").replace("\"SPEND\"", "\"PURCHASES\"")));
        assertEquals(10, Json.num(ok("GET", "/v1/achievements/big", null), "rewardPoints"));
    }

    @Test
    void shouldKeepTiersAchievementsBoardsAndReferralsAcrossARestart()
    {
        ok("PUT", "/v1/tiers", TIERS);
        ok("PUT", "/v1/achievements/regular", "{\"requestId\":\"ac-1\",\"name\":\"Regular\",\"metric\":\"PURCHASES\"," +
            "\"target\":2,\"rewardPoints\":50,\"repeatable\":true}");
        ok("PUT", "/v1/leaderboards/weekly", "{\"requestId\":\"lb-1\",\"metric\":\"SPEND\",\"period\":\"WEEK\"}");
        final String created = ok("POST", "/v1/members", member("m-1", "111"));
        final String referee = Json.str(s.admin("POST", "/v1/members", "{\"requestId\":\"m-2\",\"identifiers\":" +
            "[{\"type\":\"CARD\",\"value\":\"222\"}],\"referrerCode\":\"" + Json.str(created, "referralCode") + "\"}")
            .body(), "memberId");
        buy("tx-1", "s42", "222", 3_000_000);
        buy("tx-2", "web", "222", 1_000);
        final String profile = ok("GET", "/v1/members/" + referee, null);
        final String progress = ok("GET", "/v1/members/" + referee + "/achievements", null);
        final String board = ok("GET", "/v1/leaderboards/weekly", null);
        assertEquals("silver", Json.str(profile, "tier"));

        s.restart();

        assertEquals(profile, ok("GET", "/v1/members/" + referee, null));
        assertEquals(progress, ok("GET", "/v1/members/" + referee + "/achievements", null));
        assertEquals(board, ok("GET", "/v1/leaderboards/weekly", null));
        final String digest = s.lastDigest();
        s.restart();
        assertEquals(digest, s.lastDigest());
        assertNotEquals(null, digest);
    }
}
