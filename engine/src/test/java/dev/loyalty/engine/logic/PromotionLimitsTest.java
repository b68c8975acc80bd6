package dev.loyalty.engine.logic;

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
 * Limits and coupons are held at authorize, used at capture, given back on void and hold expiry; one-shot
 * purchases use them at once; calculate holds nothing; refunds give budget back, and a full refund the use
 * and the coupon. A cheque of 40000 earns 20 base points.
 */
class PromotionLimitsTest
{
    private final Harness h = new Harness();
    private final String m = h.member("7770001");
    private final String other = h.member("7770002");

    private static PurchaseRequest cheque(final String txId, final String memberId, final String... coupons)
    {
        return sale(txId, "web", memberId, "2026-12-06T09:15:00+03:00", "CARD", 0, List.of(coupons),
            new Line("SKU-1", "coffee", 1, 40_000));
    }

    private Map<String, Object> authorize(final String txId, final String memberId, final String... coupons)
    {
        return h.ok(new Commands.Authorize(null, cheque(txId, memberId, coupons)));
    }

    private Map<String, Object> oneShot(final String txId, final String memberId, final String... coupons)
    {
        return h.ok(new Commands.OneShot(null, cheque(txId, memberId, coupons)));
    }

    private Map<String, Object> calculate(final String memberId, final String... coupons)
    {
        return h.ok(new Commands.Calculate(null, cheque(null, memberId, coupons)));
    }

    private long count(final String promotionId, final String field)
    {
        return num(h.promotionShown(promotionId), field);
    }

    private static String couponStatus(final Map<String, Object> answer)
    {
        final Object reason = ((Map<?, ?>)at(answer, "coupons.0")).get("reason");
        return reason == null ? (String)at(answer, "coupons.0.status") : (String)reason;
    }

    @Test
    void shouldHoldAUseAtAuthorizeAndUseItAtCapture()
    {
        h.define(promotion("once").earnPoints(50).maxUsesPerMember(1));

        assertEquals(70L, num(authorize("tx-1", m), "pointsToEarn"));
        assertEquals(20L, num(authorize("tx-2", m), "pointsToEarn"), "the first authorization holds the use");
        assertEquals(1L, count("once", "usesReserved"));
        assertEquals(0L, count("once", "uses"));

        assertEquals(70L, num(h.capture("tx-1"), "pointsEarned"));
        assertEquals(0L, count("once", "usesReserved"));
        assertEquals(1L, count("once", "uses"));
        assertEquals(70L, num(authorize("tx-3", other), "pointsToEarn"), "the limit is per member");
        h.assertInvariants();
    }

    @Test
    void shouldGiveTheUseBackOnVoid()
    {
        h.define(promotion("once").earnPoints(50).maxUsesPerMember(1));
        authorize("tx-1", m);
        h.voidPurchase("tx-1");

        assertEquals(0L, count("once", "usesReserved"));
        assertEquals(70L, num(authorize("tx-2", m), "pointsToEarn"));
    }

    @Test
    void shouldGiveTheUseTheBudgetAndTheCouponBackWhenTheHoldExpires()
    {
        h.program(0, 365, 60);
        h.define(promotion("coupon").coupon().earnPoints(30).budgetPoints(100).maxUsesPerMember(1));
        h.coupons("coupon", 1, "ONCE");
        assertEquals("APPLIED", couponStatus(authorize("tx-1", m, "ONCE")));
        assertEquals(30L, count("coupon", "budgetReserved"));

        h.advance(61_000);
        h.tick();

        assertEquals("EXPIRED", h.purchase("tx-1").get("status"));
        assertEquals(0L, count("coupon", "budgetReserved"));
        assertEquals(0L, count("coupon", "usesReserved"));
        assertEquals("APPLIED", couponStatus(authorize("tx-2", m, "ONCE")));
        h.assertInvariants();
    }

    @Test
    void shouldHoldBudgetSoThatCaptureBooksExactlyWhatAuthorizeAnswered()
    {
        h.define(promotion("budget").earnPoints(60).budgetPoints(100));

        assertEquals(80L, num(authorize("tx-1", m), "pointsToEarn"));
        assertEquals(60L, num(authorize("tx-2", other), "pointsToEarn"), "only 40 of the budget is left");
        assertEquals(20L, num(authorize("tx-3", other), "pointsToEarn"), "nothing is left");
        assertEquals(0L, count("budget", "budgetLeft"));

        assertEquals(60L, num(h.capture("tx-2"), "pointsEarned"));
        assertEquals(80L, num(h.capture("tx-1"), "pointsEarned"));
        assertEquals(100L, count("budget", "budgetSpent"));
        assertEquals(0L, count("budget", "budgetReserved"));
        h.assertInvariants();
    }

    @Test
    void shouldHoldNothingWhenCalculating()
    {
        h.define(promotion("welcome").coupon().discountMinor(1_000).maxUsesPerMember(1).budgetPoints(10)
            .earnPoints(10));
        h.coupons("welcome", 1, "W1");
        final String digest = h.logic.stateDigest();

        for (int i = 0; i < 3; i++)
        {
            final Map<String, Object> preview = calculate(m, "W1");
            assertEquals("CALCULATED", preview.get("status"));
            assertEquals("APPLIED", couponStatus(preview));
            assertEquals(1_000L, num(preview, "discount"));
        }

        assertEquals(digest, h.logic.stateDigest());
        final Map<String, Object> auth = authorize("tx-1", m, "W1");
        assertEquals(1_000L, num(auth, "discount"));
        assertEquals(29L, num(auth, "pointsToEarn"));
        assertEquals("COUPON_USED", couponStatus(calculate(other, "W1")));
    }

    @Test
    void shouldUseLimitsAndCouponsAtOnceOnAOneShotPurchase()
    {
        h.define(promotion("welcome").coupon().discountMinor(1_000));
        h.coupons("welcome", 1, "W1");

        assertEquals("APPLIED", couponStatus(oneShot("tx-1", m, "W1")));

        assertEquals(1L, count("welcome", "uses"));
        assertEquals(0L, count("welcome", "usesReserved"));
        assertEquals("COUPON_USED", couponStatus(oneShot("tx-2", other, "W1")));
    }

    @Test
    void shouldReturnRefundedPointsToTheBudgetAndTheUseOnAFullRefund()
    {
        h.define(promotion("budget").earnPoints(30).budgetPoints(100).maxUsesPerMember(1));
        assertEquals(50L, num(oneShot("tx-1", m), "pointsEarned"));
        assertEquals(30L, count("budget", "budgetSpent"));

        h.refundAmount("tx-1", "rf-1", 20_000); // half: 25 of 50 points taken back, 15 of them the promotion's

        assertEquals(15L, count("budget", "budgetSpent"));
        assertEquals(1L, count("budget", "uses"));
        assertEquals(20L, num(oneShot("tx-2", m), "pointsEarned"), "a partial refund keeps the use");

        h.refundAmount("tx-1", "rf-2", 20_000);

        assertEquals(0L, count("budget", "budgetSpent"));
        assertEquals(0L, count("budget", "uses"));
        assertEquals(50L, num(oneShot("tx-3", m), "pointsEarned"), "a full refund gives the use back");
        h.assertInvariants();
    }

    @Test
    void shouldGiveTheCouponBackOnAFullRefundOnly()
    {
        h.define(promotion("welcome").coupon().discountMinor(1_000));
        h.coupons("welcome", 1, "W1");
        oneShot("tx-1", m, "W1");

        h.refundAmount("tx-1", "rf-1", 1_000);
        assertEquals("COUPON_USED", couponStatus(calculate(m, "W1")));

        h.refundAmount("tx-1", "rf-2", 39_000);
        assertEquals("APPLIED", couponStatus(calculate(m, "W1")));
    }

    @Test
    void shouldCarryUsesToTheTargetOfAMerge()
    {
        h.define(promotion("once").earnPoints(50).maxUsesPerMember(1));
        oneShot("tx-1", other);
        authorize("tx-2", m);
        h.ok(new Commands.MergeMembers(h.rid(), m, other));

        assertEquals(20L, num(calculate(m), "pointsToEarn"));
        assertEquals(70L, num(h.capture("tx-2"), "pointsEarned"));
        assertEquals(2L, count("once", "uses"));
        h.assertInvariants();
    }

    @Test
    void shouldBindAnUnlimitedPublicCodeByMaxUsesPerMember()
    {
        h.define(promotion("public").coupon().discountMinor(500).maxUsesPerMember(2));
        h.coupons("public", 0, "COFFEE");

        assertEquals("APPLIED", couponStatus(oneShot("tx-1", m, "COFFEE")));
        assertEquals("APPLIED", couponStatus(oneShot("tx-2", m, "COFFEE")));
        assertEquals("COUPON_NOT_APPLICABLE", couponStatus(oneShot("tx-3", m, "COFFEE")));
        assertEquals("APPLIED", couponStatus(oneShot("tx-4", other, "COFFEE")));
    }

    @Test
    void shouldUseACodeAsManyTimesAsUsesPerCode()
    {
        h.define(promotion("twice").coupon().discountMinor(500));
        h.coupons("twice", 2, "TWICE");

        assertEquals("APPLIED", couponStatus(oneShot("tx-1", m, "TWICE")));
        assertEquals("APPLIED", couponStatus(authorize("tx-2", other, "TWICE")));
        assertEquals("COUPON_USED", couponStatus(oneShot("tx-3", other, "TWICE")));
    }

    @Test
    void shouldAnswerEveryPresentedCodeWithoutFailingTheSale()
    {
        h.store("s42", dev.loyalty.engine.command.Channel.POS);
        h.define(promotion("web-only").coupon().stores("web").discountMinor(500));
        h.coupons("web-only", 1, "A", "B", "C");
        h.define(promotion("needs-code").coupon().earnPoints(5));

        final Map<String, Object> answer = authorize("tx-1", m, "NOPE", "A", "B", "A");
        final Map<String, Object> elsewhere = h.ok(new Commands.Calculate(null, sale(null, "s42", m, null, "CARD", 0,
            List.of("C"), new Line("SKU-1", null, 1, 40_000))));

        assertEquals(List.of(
            Map.of("code", "NOPE", "status", "REJECTED", "reason", "COUPON_NOT_FOUND"),
            Map.of("code", "A", "status", "APPLIED"),
            Map.of("code", "B", "status", "REJECTED", "reason", "COUPON_NOT_APPLICABLE"),
            Map.of("code", "A", "status", "REJECTED", "reason", "COUPON_NOT_APPLICABLE")), answer.get("coupons"));
        assertEquals(500L, num(answer, "discount"));
        assertEquals(19L, num(answer, "pointsToEarn"), "a coupon promotion never applies without its code");
        assertEquals("COUPON_NOT_APPLICABLE", couponStatus(elsewhere));
        assertEquals(0L, num(elsewhere, "discount"));
    }
}
