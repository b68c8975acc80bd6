package dev.loyalty.gateway;

import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.loyalty.gateway.Checkout.byCard;
import static dev.loyalty.gateway.Checkout.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The programs marketers run (docs/promotions.md), over HTTP against the real server, with the exact numbers.
 * The program is API.md's default: a point pays 1.00, base earning is 5% of what is paid in money.
 */
class FieldProgramsOverHttpTest
{
    private static final String SUNDAY_MORNING = "2026-12-06T09:15:00+03:00";
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_796_000_000_000L);
    private TestServer s;

    @BeforeEach
    void start()
    {
        s = new TestServer(dir, clock);
    }

    @AfterEach
    void stop()
    {
        s.close();
    }

    private void promotion(final String id, final String fields)
    {
        final TestServer.Answer a = s.admin("PUT", "/v1/promotions/" + id,
            "{\"requestId\":\"pr-" + id + "\",\"name\":\"" + id + "\"," + fields + "}");
        assertEquals(200, a.status(), a.toString());
    }

    private String newMember(final String card)
    {
        final TestServer.Answer a = s.admin("POST", "/v1/members", member("m-" + card, card));
        assertEquals(201, a.status(), a.toString());
        return Json.str(a.body(), "memberId");
    }

    private String sale(final String path, final String txId, final String store, final String card,
        final String occurredAt, final String payment, final String lines, final String extra)
    {
        final TestServer.Answer a = s.admin("POST", path, "{\"txId\":\"" + txId + "\",\"storeId\":\"" + store +
            "\",\"member\":" + byCard(card) + ",\"occurredAt\":\"" + occurredAt + "\",\"payment\":\"" + payment +
            "\",\"lines\":[" + lines + "]" + extra + "}");
        assertEquals(200, a.status(), a.toString());
        return a.body();
    }

    private static String line(final String sku, final String category, final long qty, final long unitPrice)
    {
        return "{\"sku\":\"" + sku + "\"," + (category == null ? "" : "\"category\":\"" + category + "\",") +
            "\"qty\":" + qty + ",\"unitPrice\":" + unitPrice + "}";
    }

    private String activity(final String requestId, final String card, final String type, final String store)
    {
        final TestServer.Answer a = s.admin("POST", "/v1/activities", "{\"requestId\":\"" + requestId +
            "\",\"member\":" + byCard(card) + ",\"type\":\"" + type + "\",\"storeId\":\"" + store +
            "\",\"occurredAt\":\"" + SUNDAY_MORNING + "\",\"attributes\":{}}");
        assertEquals(200, a.status(), a.toString());
        return a.body();
    }

    @Test
    void shouldGiveBonusPointsForOnlineCardPaymentAtTheWebStoreOnly()
    {
        s.admin("PUT", "/v1/stores/s42", "{\"requestId\":\"s\",\"channel\":\"POS\"}");
        promotion("online-card", "\"when\":{\"stores\":[\"web\"],\"payment\":[\"ONLINE_CARD\"]},\"then\":{\"earnBp\":1000}");
        newMember("777");

        final String online = sale("/v1/purchases", "tx-1", "web", "777", SUNDAY_MORNING, "ONLINE_CARD",
            line("SKU-1", "coffee", 1, 59_000), "");
        final String card = sale("/v1/purchases", "tx-2", "web", "777", SUNDAY_MORNING, "CARD",
            line("SKU-1", "coffee", 1, 59_000), "");
        final String till = sale("/v1/purchases", "tx-3", "s42", "777", SUNDAY_MORNING, "ONLINE_CARD",
            line("SKU-1", "coffee", 1, 59_000), "");

        assertEquals(88, Json.num(online, "pointsEarned"));
        assertEquals(Map.of("promotionId", "online-card", "points", 59L, "discount", 0L), Json.at(online, "promotions[0]"));
        assertEquals(29, Json.num(card, "pointsEarned"));
        assertEquals(List.of(), Json.at(card, "promotions"));
        assertEquals(29, Json.num(till, "pointsEarned"));
    }

    @Test
    void shouldGivePointsForInstallingTheAppOnceAndForEveryReviewInTheApp()
    {
        promotion("app-install", "\"when\":{\"activity\":\"APP_INSTALL\"},\"then\":{\"earnPoints\":100}," +
            "\"limits\":{\"maxUsesPerMember\":1}");
        promotion("app-review", "\"when\":{\"activity\":\"REVIEW\",\"channels\":[\"MOBILE_APP\"]},\"then\":{\"earnPoints\":20}");
        final String m = newMember("777");

        final String first = activity("a-1", "777", "APP_INSTALL", "app");
        final String again = activity("a-2", "777", "APP_INSTALL", "app");
        final String replay = activity("a-1", "777", "APP_INSTALL", "app");
        final String review = activity("a-3", "777", "REVIEW", "app");
        final String webReview = activity("a-4", "777", "REVIEW", "web");

        assertEquals(100, Json.num(first, "pointsEarned"));
        assertEquals(m, Json.str(first, "memberId"));
        assertEquals("a-1", Json.str(first, "requestId"));
        assertEquals(100, Json.num(first, "balance.available"));
        assertTrue(Json.has(first, "achievements"));
        assertEquals(0, Json.num(again, "pointsEarned"));
        assertEquals(first, replay);
        assertEquals(20, Json.num(review, "pointsEarned"));
        assertEquals(0, Json.num(webReview, "pointsEarned"));
        final String ledger = s.admin("GET", "/v1/members/" + m + "/ledger", null).body();
        assertEquals("ACTIVITY", Json.str(ledger, "entries[0].type"));
        assertEquals(20, Json.num(ledger, "entries[0].points"));
        assertEquals(120, Json.num(s.admin("GET", "/v1/members/" + m, null).body(), "stats.pointsEarned"));
        assertEquals(1, Json.num(s.admin("GET", "/v1/promotions/app-install", null).body(), "uses"));
    }

    @Test
    void shouldDiscountOnlyInStoresWhoseFormatIsHyper()
    {
        s.admin("PUT", "/v1/stores/kazan-hyper", "{\"requestId\":\"s1\",\"attributes\":{\"format\":\"hyper\"}}");
        s.admin("PUT", "/v1/stores/kazan-super", "{\"requestId\":\"s2\",\"attributes\":{\"format\":\"super\"}}");
        promotion("hyper-5", "\"when\":{\"storeAttributes\":{\"format\":\"hyper\"}},\"then\":{\"discountBp\":500}");
        newMember("777");

        final String hyper = sale("/v1/purchases", "tx-1", "kazan-hyper", "777", SUNDAY_MORNING, "CARD",
            line("SKU-1", "grocery", 4, 10_000), "");
        final String superStore = sale("/v1/purchases", "tx-2", "kazan-super", "777", SUNDAY_MORNING, "CARD",
            line("SKU-1", "grocery", 4, 10_000), "");

        assertEquals(2_000, Json.num(hyper, "discount"));
        assertEquals(38_000, Json.num(hyper, "payable"));
        assertEquals(2_000, Json.num(hyper, "lines[0].discount"));
        assertEquals(19, Json.num(hyper, "pointsEarned"));
        assertEquals(0, Json.num(superStore, "discount"));
        assertEquals(20, Json.num(superStore, "pointsEarned"));
    }

    @Test
    void shouldDoublePointsInTheBirthdayWindow()
    {
        promotion("birthday-x2", "\"when\":{\"birthdayWindowDays\":3},\"then\":{\"multiplierPct\":100}");
        s.admin("POST", "/v1/members", "{\"requestId\":\"b1\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"1\"}]," +
            "\"birthday\":\"1990-12-08\"}");
        s.admin("POST", "/v1/members", "{\"requestId\":\"b2\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"2\"}]," +
            "\"birthday\":\"1990-12-20\"}");

        final String in = sale("/v1/purchases", "tx-1", "web", "1", SUNDAY_MORNING, "CARD", line("S", null, 1, 50_000), "");
        final String out = sale("/v1/purchases", "tx-2", "web", "2", SUNDAY_MORNING, "CARD", line("S", null, 1, 50_000), "");

        assertEquals(50, Json.num(in, "pointsEarned"));
        assertEquals(25, Json.num(in, "promotions[0].points"));
        assertEquals(25, Json.num(out, "pointsEarned"));
    }

    @Test
    void shouldGiveTheWeekendCoffeeBonusByTheTillsOwnClock()
    {
        promotion("coffee-morning", "\"when\":{\"categories\":[\"coffee\"],\"weekdays\":[\"SAT\",\"SUN\"]," +
            "\"hours\":\"08:00-11:00\"},\"then\":{\"earnPoints\":50}");
        newMember("777");

        final String inside = sale("/v1/purchases", "tx-1", "web", "777", "2026-12-06T10:59:00+03:00", "CARD",
            line("CAPPU", "coffee", 1, 30_000), "");
        final String outside = sale("/v1/purchases", "tx-2", "web", "777", "2026-12-06T11:00:00+03:00", "CARD",
            line("CAPPU", "coffee", 1, 30_000), "");

        assertEquals(65, Json.num(inside, "pointsEarned"));
        assertEquals("coffee-morning", Json.str(inside, "promotions[0].promotionId"));
        assertEquals(15, Json.num(outside, "pointsEarned"));
    }

    @Test
    void shouldGiveAFirstPurchaseBonusOnlyOnTheFirstPurchase()
    {
        promotion("welcome-200", "\"when\":{\"firstPurchase\":true},\"then\":{\"earnPoints\":200}");
        newMember("777");

        assertEquals(205, Json.num(sale("/v1/purchases", "tx-1", "web", "777", SUNDAY_MORNING, "CARD",
            line("S", null, 1, 10_000), ""), "pointsEarned"));
        assertEquals(5, Json.num(sale("/v1/purchases", "tx-2", "web", "777", SUNDAY_MORNING, "CARD",
            line("S", null, 1, 10_000), ""), "pointsEarned"));
    }

    @Test
    void shouldCountOnlyTheCoffeeLinesPaidAmountForACategoryBonus()
    {
        promotion("coffee-10", "\"when\":{\"categories\":[\"coffee\"]},\"then\":{\"earnBp\":1000}");
        final String m = newMember("777");
        s.admin("POST", "/v1/members/" + m + "/adjustments", "{\"requestId\":\"adj\",\"points\":500}");

        final String auth = sale("/v1/purchases/authorize", "s42-r3-000981", "web", "777", SUNDAY_MORNING, "CARD",
            line("SKU-1", "coffee", 2, 25_000) + "," + line("SKU-9", "bakery", 1, 9_000), ",\"redeemPoints\":100");
        final String captured = s.admin("POST", "/v1/purchases/s42-r3-000981/capture", "{}").body();

        assertEquals(41_525, Json.num(auth, "lines[0].paid"));
        assertEquals(7_475, Json.num(auth, "lines[1].paid"));
        assertEquals(41, Json.num(auth, "promotions[0].points"));
        assertEquals(65, Json.num(auth, "pointsToEarn"));
        assertEquals(65, Json.num(captured, "pointsEarned"));
    }

    @Test
    void shouldLetAnExclusivePromotionBeatTwoStackableOnes()
    {
        promotion("stack-points", "\"then\":{\"earnBp\":500}");
        promotion("stack-minus-10", "\"then\":{\"discountMinor\":1000}");
        promotion("exclusive-10pct", "\"stacking\":\"EXCLUSIVE\",\"then\":{\"discountBp\":1000}");
        promotion("exclusive-small", "\"stacking\":\"EXCLUSIVE\",\"priority\":99,\"then\":{\"discountMinor\":100}");
        newMember("777");

        final String sold = sale("/v1/purchases", "tx-1", "web", "777", SUNDAY_MORNING, "CARD",
            line("S", null, 1, 50_000), "");

        assertEquals(List.of(Map.of("promotionId", "exclusive-10pct", "points", 0L, "discount", 5_000L)),
            Json.at(sold, "promotions"));
        assertEquals(45_000, Json.num(sold, "payable"));
        assertEquals(22, Json.num(sold, "pointsEarned"));
    }

    @Test
    void shouldStopPayingWhenTheBudgetRunsOutMidDay()
    {
        promotion("budget-100", "\"then\":{\"earnPoints\":30},\"limits\":{\"budgetPoints\":100}");
        newMember("777");

        final long[] bonus = new long[5];
        for (int i = 0; i < 5; i++)
        {
            clock.advanceMillis(HOUR);
            bonus[i] = Json.num(sale("/v1/purchases", "tx-" + i, "web", "777", "2026-12-06T1" + i + ":00:00+03:00",
                "CARD", line("S", null, 1, 10_000), ""), "pointsEarned") - 5;
        }

        assertEquals(List.of(30L, 30L, 30L, 10L, 0L), List.of(bonus[0], bonus[1], bonus[2], bonus[3], bonus[4]));
        final String shown = s.admin("GET", "/v1/promotions/budget-100", null).body();
        assertEquals(100, Json.num(shown, "budgetSpent"));
        assertEquals(0, Json.num(shown, "budgetLeft"));
        assertEquals(4, Json.num(shown, "uses"));
    }

    @Test
    void shouldUseACouponOnceRejectItThenFreeItByAVoid()
    {
        promotion("welcome", "\"when\":{\"coupon\":true},\"then\":{\"discountMinor\":1000}");
        final TestServer.Answer created = s.admin("POST", "/v1/coupons",
            "{\"requestId\":\"c-1\",\"promotionId\":\"welcome\",\"codes\":[\"WELCOME10\"]}");
        assertEquals(200, created.status(), created.toString());
        newMember("777");
        newMember("778");
        final String cheque = line("S", null, 1, 20_000);

        final String first = sale("/v1/purchases/authorize", "tx-1", "web", "777", SUNDAY_MORNING, "CARD", cheque,
            ",\"coupons\":[\"WELCOME10\"]");
        final String rejected = sale("/v1/purchases/authorize", "tx-2", "web", "778", SUNDAY_MORNING, "CARD", cheque,
            ",\"coupons\":[\"WELCOME10\"]");
        s.admin("POST", "/v1/purchases/tx-1/void", "{}");
        final String freed = sale("/v1/purchases/authorize", "tx-3", "web", "778", SUNDAY_MORNING, "CARD", cheque,
            ",\"coupons\":[\"WELCOME10\",\"NOPE\"]");

        assertEquals(List.of(Map.of("code", "WELCOME10", "status", "APPLIED")), Json.at(first, "coupons"));
        assertEquals(1_000, Json.num(first, "discount"));
        assertEquals(Map.of("code", "WELCOME10", "status", "REJECTED", "reason", "COUPON_USED"),
            Json.at(rejected, "coupons[0]"));
        assertEquals("AUTHORIZED", Json.str(rejected, "status"));
        assertEquals(0, Json.num(rejected, "discount"));
        assertEquals("APPLIED", Json.str(freed, "coupons[0].status"));
        assertEquals("COUPON_NOT_FOUND", Json.str(freed, "coupons[1].reason"));
        assertEquals(1_000, Json.num(freed, "discount"));
    }

    @Test
    void shouldGenerateUnguessableDistinctCouponCodesAndListPromotions()
    {
        promotion("gen", "\"when\":{\"coupon\":true},\"then\":{\"discountMinor\":500}");
        promotion("off", "\"enabled\":false,\"then\":{\"discountMinor\":700}");

        final TestServer.Answer generated = s.admin("POST", "/v1/coupons",
            "{\"requestId\":\"c-1\",\"promotionId\":\"gen\",\"generate\":1000}");
        final TestServer.Answer replay = s.admin("POST", "/v1/coupons",
            "{\"requestId\":\"c-1\",\"promotionId\":\"gen\",\"generate\":1000}");

        assertEquals(200, generated.status(), generated.toString());
        final List<?> codes = (List<?>)Json.at(generated.body(), "codes");
        assertEquals(1000, codes.size());
        assertEquals(1000, new java.util.HashSet<>(codes).size());
        for (final Object code : codes)
        {
            assertTrue(((String)code).matches("[A-HJ-NP-Z2-9]{12}"), (String)code);
        }
        assertEquals(generated.body(), replay.body(), "a retry answers the first codes");
        final String list = s.admin("GET", "/v1/promotions", null).body();
        assertEquals("gen", Json.str(list, "promotions[0].promotionId"));
        assertEquals("off", Json.str(list, "promotions[1].promotionId"));
        assertEquals(Boolean.FALSE, Json.at(list, "promotions[1].enabled"));
        newMember("777");
        assertEquals(0, Json.num(sale("/v1/purchases", "t", "web", "777", SUNDAY_MORNING, "CARD",
            line("S", null, 1, 20_000), ""), "discount"), "a switched-off promotion gives nothing");
        assertEquals(404, s.admin("GET", "/v1/promotions/none", null).status());
        assertEquals("PROMOTION_NOT_FOUND", Json.str(s.admin("GET", "/v1/promotions/none", null).body(), "error.code"));
    }

    @Test
    void shouldRefuseBadDefinitionsNamingTheFieldBeforeTheKey()
    {
        final String[][] bad = {
            {"{\"requestId\":\"p\",\"name\":\"x\",\"then\":{\"discountBp\":100001}}", "then.discountBp"},
            {"{\"requestId\":\"p\",\"name\":\"x\",\"when\":{\"channels\":[\"TV\"]}}", "when.channels[0]"},
            {"{\"requestId\":\"p\",\"name\":\"x\",\"when\":{\"weekdays\":[\"FUNDAY\"]}}", "weekdays"},
            {"{\"requestId\":\"p\",\"name\":\"x\",\"when\":{\"hours\":\"25:00-26:00\"}}", "hours"},
            {"{\"requestId\":\"p\",\"name\":\"x\",\"when\":{\"from\":\"2026-12-01\"}}", "when.from"},
            {"{\"requestId\":\"p\",\"name\":\"x\",\"when\":{\"colour\":\"red\"}}", "unknown field when.colour"},
            {"{\"requestId\":\"p\",\"name\":\"x\",\"stacking\":\"SOMETIMES\"}", "stacking"},
            {"{\"requestId\":\"p\"}", "name is required"},
        };
        for (final String[] c : bad)
        {
            final TestServer.Answer a = s.send("PUT", "/v1/promotions/p1", c[0], null);
            assertEquals(400, a.status(), c[0] + " -> " + a);
            assertTrue(Json.str(a.body(), "error.message").contains(c[1]), c[0] + " -> " + a.body());
        }
        final TestServer.Answer activity = s.admin("POST", "/v1/activities",
            "{\"requestId\":\"a\",\"member\":" + byCard("1") + ",\"type\":\"app install\",\"storeId\":\"app\"}");
        assertEquals(400, activity.status());
        assertEquals(404, s.admin("GET", "/v1/promotions/p1", null).status());
    }

    @Test
    void shouldLetAPosKeyRecordActivitiesButNotDefinePromotions()
    {
        promotion("review", "\"when\":{\"activity\":\"REVIEW\"},\"then\":{\"earnPoints\":20}");
        final String key = Json.str(s.admin("POST", "/v1/keys",
            "{\"requestId\":\"k\",\"role\":\"pos\",\"partnerId\":\"main\"}").body(), "key");
        assertEquals(201, s.send("POST", "/v1/members", member("m-1", "777"), key).status());

        final TestServer.Answer a = s.send("POST", "/v1/activities", "{\"requestId\":\"a\",\"member\":" + byCard("777") +
            ",\"type\":\"REVIEW\",\"storeId\":\"app\"}", key);
        final TestServer.Answer define = s.send("PUT", "/v1/promotions/x", "{\"requestId\":\"x\",\"name\":\"x\"}", key);
        final TestServer.Answer coupons = s.send("POST", "/v1/coupons",
            "{\"requestId\":\"c\",\"promotionId\":\"review\",\"generate\":1}", key);

        assertEquals(200, a.status(), a.toString());
        assertEquals(20, Json.num(a.body(), "pointsEarned"));
        assertEquals(403, define.status());
        assertEquals(403, coupons.status());
    }

    @Test
    void shouldKeepPromotionsCouponsAndTheirUsesAcrossARestart()
    {
        promotion("welcome", "\"when\":{\"coupon\":true},\"then\":{\"discountMinor\":1000}");
        s.admin("POST", "/v1/coupons", "{\"requestId\":\"c-1\",\"promotionId\":\"welcome\",\"codes\":[\"W1\"]}");
        newMember("777");
        sale("/v1/purchases", "tx-1", "web", "777", SUNDAY_MORNING, "CARD", line("S", null, 1, 20_000),
            ",\"coupons\":[\"W1\"]");
        final String before = s.admin("GET", "/v1/promotions/welcome", null).body();

        s.restart();

        assertEquals(before, s.admin("GET", "/v1/promotions/welcome", null).body());
        final String again = sale("/v1/purchases", "tx-2", "web", "777", SUNDAY_MORNING, "CARD",
            line("S", null, 1, 20_000), ",\"coupons\":[\"W1\"]");
        assertEquals("COUPON_USED", Json.str(again, "coupons[0].reason"));
    }
}
