package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.PurchaseRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.loyalty.engine.logic.Harness.at;
import static dev.loyalty.engine.logic.Harness.num;
import static dev.loyalty.engine.logic.Harness.sale;
import static dev.loyalty.engine.logic.Rule.promotion;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The programs marketers run, end to end through the business logic, with the exact numbers docs/promotions.md
 * shows. The program is API.md's default: a point pays 1.00 (100 minor units), base earning 5% of what is paid,
 * so base points are {@code floor(paid / 2000)}.
 */
class FieldProgramsTest
{
    private static final String SUNDAY_MORNING = "2026-12-06T09:15:00+03:00";

    private final Harness h = new Harness();

    @Test
    void shouldGiveBonusPointsForOnlineCardPaymentAtTheWebStoreOnly()
    {
        h.store("s42", Channel.POS);
        h.define(promotion("online-card").name("Online payment bonus").stores("web").payment("ONLINE_CARD")
            .earnBp(1_000));
        final String m = h.member("7770001");

        final Map<String, Object> online = h.ok(new Commands.OneShot(null, sale("tx-1", "web", m, SUNDAY_MORNING,
            "ONLINE_CARD", 0, List.of(), new Line("SKU-1", "coffee", 1, 59_000)))); // 29 base + 59 bonus
        final Map<String, Object> card = h.ok(new Commands.OneShot(null, sale("tx-2", "web", m, SUNDAY_MORNING,
            "CARD", 0, List.of(), new Line("SKU-1", "coffee", 1, 59_000))));
        final Map<String, Object> till = h.ok(new Commands.OneShot(null, sale("tx-3", "s42", m, SUNDAY_MORNING,
            "ONLINE_CARD", 0, List.of(), new Line("SKU-1", "coffee", 1, 59_000))));

        assertEquals(88L, num(online, "pointsEarned"));
        assertEquals(List.of(Map.of("promotionId", "online-card", "points", 59L, "discount", 0L)),
            online.get("promotions"));
        assertEquals(29L, num(card, "pointsEarned"));
        assertEquals(List.of(), card.get("promotions"));
        assertEquals(29L, num(till, "pointsEarned"));
        h.assertInvariants();
    }

    @Test
    void shouldGivePointsForInstallingTheAppOnce()
    {
        h.define(promotion("app-install").activity("APP_INSTALL").earnPoints(100).maxUsesPerMember(1));
        final String m = h.member("7770001");

        final Map<String, Object> first = h.activity(m, "APP_INSTALL", "app", SUNDAY_MORNING);
        final Map<String, Object> again = h.activity(m, "APP_INSTALL", "app", SUNDAY_MORNING);

        assertEquals(100L, num(first, "pointsEarned"));
        assertEquals(List.of(Map.of("promotionId", "app-install", "points", 100L, "discount", 0L)),
            first.get("promotions"));
        assertEquals(100L, num(first, "balance.available"));
        assertEquals(0L, num(again, "pointsEarned"));
        assertEquals(List.of(), again.get("promotions"));
        assertEquals(List.of("ACTIVITY 100"), h.history(m));
        assertEquals(100L, num(h.profile(m), "stats.pointsEarned"));
        assertEquals(1L, num(h.promotionShown("app-install"), "uses"));
        h.assertInvariants();
    }

    @Test
    void shouldGivePointsForAReviewInTheApp()
    {
        h.define(promotion("app-review").activity("REVIEW").channels(Channel.MOBILE_APP).earnPoints(20));
        final String m = h.member("7770001");

        assertEquals(20L, num(h.activity(m, "REVIEW", "app", SUNDAY_MORNING), "pointsEarned"));
        assertEquals(20L, num(h.activity(m, "REVIEW", "app", SUNDAY_MORNING), "pointsEarned"));
        assertEquals(0L, num(h.activity(m, "REVIEW", "web", SUNDAY_MORNING), "pointsEarned"));

        assertEquals(40L, h.available(m));
        assertEquals(List.of("ACTIVITY 20", "ACTIVITY 20"), h.history(m));
        h.assertInvariants();
    }

    @Test
    void shouldDiscountOnlyInStoresWhoseFormatIsHyper()
    {
        h.store("kazan-hyper", Channel.POS, "format", "hyper", "city", "Kazan");
        h.store("kazan-super", Channel.POS, "format", "super", "city", "Kazan");
        h.define(promotion("hyper-5").storeAttribute("format", "hyper").discountBp(500));
        final String m = h.member("7770001");

        final Map<String, Object> hyper = h.ok(new Commands.OneShot(null, sale("tx-1", "kazan-hyper", m,
            SUNDAY_MORNING, "CARD", 0, List.of(), new Line("SKU-1", "grocery", 4, 10_000))));
        final Map<String, Object> superStore = h.ok(new Commands.OneShot(null, sale("tx-2", "kazan-super", m,
            SUNDAY_MORNING, "CARD", 0, List.of(), new Line("SKU-1", "grocery", 4, 10_000))));

        assertEquals(2_000L, num(hyper, "discount"));
        assertEquals(38_000L, num(hyper, "payable"));
        assertEquals(2_000L, num(hyper, "lines.0.discount"));
        assertEquals(19L, num(hyper, "pointsEarned"));
        assertEquals(0L, num(superStore, "discount"));
        assertEquals(20L, num(superStore, "pointsEarned"));
    }

    @Test
    void shouldDoublePointsInTheBirthdayWindow()
    {
        h.define(promotion("birthday-x2").birthdayWindowDays(3).multiplierPct(100));
        final String soon = h.memberBorn("1", "1990-12-08");
        final String later = h.memberBorn("2", "1990-12-20");
        final String newYear = h.memberBorn("3", "1991-01-02");

        final Map<String, Object> inWindow = h.ok(new Commands.OneShot(null, sale("tx-1", "web", soon,
            SUNDAY_MORNING, "CARD", 0, List.of(), new Line("SKU-1", null, 1, 50_000))));
        final Map<String, Object> outside = h.ok(new Commands.OneShot(null, sale("tx-2", "web", later,
            SUNDAY_MORNING, "CARD", 0, List.of(), new Line("SKU-1", null, 1, 50_000))));
        final Map<String, Object> acrossTheYear = h.ok(new Commands.OneShot(null, sale("tx-3", "web", newYear,
            "2026-12-31T23:30:00+03:00", "CARD", 0, List.of(), new Line("SKU-1", null, 1, 50_000))));

        assertEquals(50L, num(inWindow, "pointsEarned")); // 25 base + 100% of 25
        assertEquals(25L, num(inWindow, "promotions.0.points"));
        assertEquals(25L, num(outside, "pointsEarned"));
        assertEquals(50L, num(acrossTheYear, "pointsEarned"));
    }

    @Test
    void shouldGiveTheWeekendCoffeeBonusByTheTillsOwnClock()
    {
        h.define(promotion("coffee-morning").categories("coffee").weekdays("SAT", "SUN").hours("08:00-11:00")
            .earnPoints(50));
        final String m = h.member("7770001");

        // 10:59 in Moscow is 07:59 UTC: inside only when read in the till's offset.
        final Map<String, Object> inside = h.ok(new Commands.OneShot(null, sale("tx-1", "web", m,
            "2026-12-06T10:59:00+03:00", "CARD", 0, List.of(), new Line("CAPPU", "coffee", 1, 30_000))));
        // 11:00 in Moscow is 08:00 UTC: outside (the end is exclusive), though inside if read in UTC.
        final Map<String, Object> outside = h.ok(new Commands.OneShot(null, sale("tx-2", "web", m,
            "2026-12-06T11:00:00+03:00", "CARD", 0, List.of(), new Line("CAPPU", "coffee", 1, 30_000))));

        assertEquals(65L, num(inside, "pointsEarned")); // 15 base + 50
        assertEquals(List.of(Map.of("promotionId", "coffee-morning", "points", 50L, "discount", 0L)),
            inside.get("promotions"));
        assertEquals(15L, num(outside, "pointsEarned"));
    }

    @Test
    void shouldGiveAFirstPurchaseBonusOnlyOnTheFirstPurchase()
    {
        h.define(promotion("welcome-200").firstPurchase().earnPoints(200));
        final String m = h.member("7770001");

        final Map<String, Object> first = h.ok(new Commands.OneShot(null, sale("tx-1", "web", m, SUNDAY_MORNING,
            "CARD", 0, List.of(), new Line("SKU-1", null, 1, 10_000))));
        final Map<String, Object> second = h.ok(new Commands.OneShot(null, sale("tx-2", "web", m, SUNDAY_MORNING,
            "CARD", 0, List.of(), new Line("SKU-1", null, 1, 10_000))));

        assertEquals(205L, num(first, "pointsEarned"));
        assertEquals(5L, num(second, "pointsEarned"));
    }

    @Test
    void shouldCountOnlyTheCoffeeLinesPaidAmountForACategoryBonus()
    {
        h.define(promotion("coffee-10").categories("coffee").earnBp(1_000));
        final String m = h.member("7770001");
        h.give(m, 500);

        // API.md's example cheque: 100 points pay 10000, spread 8475 / 1525; coffee paid 41525.
        final Map<String, Object> auth = h.ok(new Commands.Authorize(null, sale("s42-r3-000981", "web", m,
            SUNDAY_MORNING, "CARD", 100, List.of(), new Line("SKU-1", "coffee", 2, 25_000),
            new Line("SKU-9", "bakery", 1, 9_000))));

        assertEquals(41_525L, num(auth, "lines.0.paid"));
        assertEquals(7_475L, num(auth, "lines.1.paid"));
        assertEquals(41L, num(auth, "promotions.0.points")); // floor(41525 * 10% / 100)
        assertEquals(65L, num(auth, "pointsToEarn")); // 24 base + 41
        assertEquals(65L, num(h.capture("s42-r3-000981"), "pointsEarned"));
    }

    @Test
    void shouldLetAnExclusivePromotionBeatTwoStackableOnes()
    {
        h.define(promotion("stack-points").earnBp(500));
        h.define(promotion("stack-minus-10").discountMinor(1_000));
        h.define(promotion("exclusive-10pct").exclusive().discountBp(1_000));
        h.define(promotion("exclusive-small").exclusive().priority(99).discountMinor(100));
        final String m = h.member("7770001");

        final Map<String, Object> sold = h.ok(new Commands.OneShot(null, sale("tx-1", "web", m, SUNDAY_MORNING,
            "CARD", 0, List.of(), new Line("SKU-1", null, 1, 50_000))));

        assertEquals(List.of(Map.of("promotionId", "exclusive-10pct", "points", 0L, "discount", 5_000L)),
            sold.get("promotions"));
        assertEquals(5_000L, num(sold, "discount"));
        assertEquals(45_000L, num(sold, "payable"));
        assertEquals(22L, num(sold, "pointsEarned"));
    }

    @Test
    void shouldStopPayingWhenTheBudgetRunsOutMidDay()
    {
        h.define(promotion("budget-100").earnPoints(30).budgetPoints(100));
        final String m = h.member("7770001");
        final long[] bonus = new long[5];
        for (int i = 0; i < 5; i++)
        {
            h.advance(Harness.HOUR);
            final Map<String, Object> sold = h.ok(new Commands.OneShot(null, sale("tx-" + i, "web", m,
                "2026-12-06T1" + i + ":00:00+03:00", "CARD", 0, List.of(), new Line("SKU-1", null, 1, 10_000))));
            bonus[i] = num(sold, "pointsEarned") - 5;
        }

        assertEquals(List.of(30L, 30L, 30L, 10L, 0L), List.of(bonus[0], bonus[1], bonus[2], bonus[3], bonus[4]));
        final Map<String, Object> shown = h.promotionShown("budget-100");
        assertEquals(100L, num(shown, "budgetSpent"));
        assertEquals(0L, num(shown, "budgetLeft"));
        assertEquals(4L, num(shown, "uses"));
    }

    @Test
    void shouldUseACouponOnceRejectItThenFreeItByAVoid()
    {
        h.define(promotion("welcome").coupon().discountMinor(1_000));
        h.coupons("welcome", 1, "WELCOME10");
        final String m = h.member("7770001");
        final String other = h.member("7770002");

        final Map<String, Object> first = h.ok(new Commands.Authorize(null, welcome("tx-1", m)));
        final Map<String, Object> rejected = h.ok(new Commands.Authorize(null, welcome("tx-2", other)));
        h.voidPurchase("tx-1");
        final Map<String, Object> freed = h.ok(new Commands.Authorize(null, welcome("tx-3", other)));

        assertEquals(List.of(Map.of("code", "WELCOME10", "status", "APPLIED")), first.get("coupons"));
        assertEquals(1_000L, num(first, "discount"));
        assertEquals(List.of(Map.of("code", "WELCOME10", "status", "REJECTED", "reason", "COUPON_USED")),
            rejected.get("coupons"));
        assertEquals(0L, num(rejected, "discount"));
        assertEquals("AUTHORIZED", rejected.get("status"));
        assertEquals(List.of(Map.of("code", "WELCOME10", "status", "APPLIED")), freed.get("coupons"));
        assertEquals(1_000L, num(freed, "discount"));
        assertEquals(1L, num(h.promotionShown("welcome"), "usesReserved"));
        assertEquals("APPLIED", at(h.purchase("tx-3"), "coupons.0.status"));
        h.assertInvariants();
    }

    private static PurchaseRequest welcome(final String txId, final String memberId)
    {
        return sale(txId, "web", memberId, SUNDAY_MORNING, "CARD", 0, List.of("WELCOME10"),
            new Line("SKU-1", null, 1, 20_000));
    }
}
