package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.loyalty.engine.logic.Harness.at;
import static dev.loyalty.engine.logic.Harness.num;
import static dev.loyalty.engine.logic.Rule.promotion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defining, showing and listing promotions, creating coupons and recording activities: answers and rejections. */
class PromotionDefinitionsTest
{
    private final Harness h = new Harness();

    private void invalid(final Command command, final String fieldNamed)
    {
        final String digest = h.logic.stateDigest();
        final Map<String, Object> error = h.rejected(command, ErrorCode.INVALID_REQUEST);
        final String message = (String)at(error, "error.message");
        assertTrue(message.contains(fieldNamed), () -> message + " does not name " + fieldNamed);
        assertEquals(digest, h.logic.stateDigest());
    }

    @Test
    void shouldShowEveryFieldOfTheDefinitionWithItsCounters()
    {
        final Map<String, Object> put = h.ok(promotion("pr-1").name("Online payment bonus").priority(10)
            .channels(Channel.ONLINE).stores("web").partners("main").storeAttribute("hasCafe", "true")
            .payment("ONLINE_CARD").categories("coffee").skus("SKU-1").tiers("gold").segments("students").coupon()
            .minTotal(100_000).from("2026-12-01T00:00:00Z").to("2027-01-01T00:00:00Z").weekdays("SAT", "SUN")
            .hours("08:00-11:00").birthdayWindowDays(3).earnBp(1_000).maxPointsPerTx(5_000).maxUsesPerMember(1)
            .budgetPoints(1_000_000).put("pr-1"));

        assertEquals(put, h.promotionShown("pr-1"));
        assertEquals("pr-1", put.get("promotionId"));
        assertEquals(true, put.get("enabled"));
        assertEquals("STACK", put.get("stacking"));
        assertEquals(List.of("ONLINE"), at(put, "when.channels"));
        assertEquals(Map.of("hasCafe", "true"), at(put, "when.storeAttributes"));
        assertEquals("08:00-11:00", at(put, "when.hours"));
        assertEquals(3L, at(put, "when.birthdayWindowDays"));
        assertEquals(null, at(put, "when.activity"));
        assertEquals(1_000L, at(put, "then.earnBp"));
        assertEquals(1L, at(put, "limits.maxUsesPerMember"));
        assertEquals(0L, num(put, "uses"));
        assertEquals(0L, num(put, "budgetSpent"));
        assertEquals(1_000_000L, num(put, "budgetLeft"));
        assertEquals(0L, num(put, "coupons"));
    }

    @Test
    void shouldListPromotionsByIdAndKeepCountersAcrossARedefinition()
    {
        h.define(promotion("b").earnPoints(5));
        h.define(promotion("a").earnPoints(5).budgetPoints(1_000));
        h.ok(new Commands.OneShot(null, Harness.cheque("tx-1", "web", h.member("1"), 0, 10_000)));
        h.define(promotion("a").earnPoints(7).budgetPoints(2_000).disabled());

        final Map<String, Object> list = h.ok(new Commands.ListPromotions());

        assertEquals("a", at(list, "promotions.0.promotionId"));
        assertEquals("b", at(list, "promotions.1.promotionId"));
        assertEquals(false, at(list, "promotions.0.enabled"));
        assertEquals(5L, at(list, "promotions.0.budgetSpent"));
        assertEquals(1_995L, at(list, "promotions.0.budgetLeft"));
        assertEquals(null, at(list, "promotions.1.budgetLeft"));
        h.rejected(new Commands.GetPromotion("nope"), ErrorCode.PROMOTION_NOT_FOUND);
    }

    @Test
    void shouldReplayAPutWithTheSameRequestIdAndRefuseADifferentBody()
    {
        final Commands.PutPromotion put = promotion("p").earnPoints(5).put("req-1");
        final Reply first = h.send(put);
        h.define(promotion("p").earnPoints(9));

        assertSame(first, h.send(promotion("p").earnPoints(5).put("req-1")));
        h.rejected(promotion("p").earnPoints(6).put("req-1"), ErrorCode.IDEMPOTENCY_CONFLICT);
        assertEquals(9L, at(h.promotionShown("p"), "then.earnPoints"));
    }

    @Test
    void shouldNameTheFieldOfAnInvalidDefinition()
    {
        h.tick();
        invalid(promotion("p").put(null), "requestId");
        invalid(promotion("p p").put("r"), "promotionId");
        invalid(promotion("p").name("").put("r"), "name");
        invalid(promotion("p").priority(1_000_001).put("r"), "priority");
        invalid(new Commands.PutPromotion("r", "p", "n", true, 0, null, null, null, null), "stacking");
        invalid(promotion("p").stores("").put("r"), "when.stores[0]");
        invalid(promotion("p").skus("ok", "x".repeat(65)).put("r"), "when.skus[1]");
        invalid(promotion("p").payment("card").put("r"), "when.payment[0]");
        invalid(promotion("p").storeAttribute("", "x").put("r"), "when.storeAttributes");
        invalid(promotion("p").minTotal(-1).put("r"), "when.minTotal");
        invalid(promotion("p").from("2026-12-01").put("r"), "when.from");
        invalid(promotion("p").to("2026-12-01T00:00:00").put("r"), "when.to");
        invalid(promotion("p").from("2026-12-02T00:00:00Z").to("2026-12-01T00:00:00Z").put("r"), "when.to");
        invalid(promotion("p").weekdays("SAT", "Sunday").put("r"), "when.weekdays[1]");
        invalid(promotion("p").hours("8:00-11:00").put("r"), "when.hours");
        invalid(promotion("p").hours("10:00-10:00").put("r"), "when.hours");
        invalid(promotion("p").hours("10:00-24:01").put("r"), "when.hours");
        invalid(promotion("p").birthdayWindowDays(184).put("r"), "when.birthdayWindowDays");
        invalid(promotion("p").activity("app install").put("r"), "when.activity");
        invalid(promotion("p").activity("REVIEW").categories("coffee").put("r"), "when.categories");
        invalid(promotion("p").activity("REVIEW").firstPurchase().put("r"), "when.firstPurchase");
        invalid(promotion("p").activity("REVIEW").discountMinor(5).put("r"), "then.discountMinor");
        invalid(promotion("p").earnBp(100_001).put("r"), "then.earnBp");
        invalid(promotion("p").discountBp(-1).put("r"), "then.discountBp");
        invalid(promotion("p").multiplierPct(100_001).put("r"), "then.multiplierPct");
        invalid(promotion("p").earnPoints(1_000_000_000_001L).put("r"), "then.earnPoints");
        invalid(promotion("p").discountMinor(10_000_000_000_001L).put("r"), "then.discountMinor");
        invalid(promotion("p").maxPointsPerTx(-1).put("r"), "limits.maxPointsPerTx");
        invalid(promotion("p").maxUsesPerMember(-1).put("r"), "limits.maxUsesPerMember");
        invalid(promotion("p").budgetPoints(-1).put("r"), "limits.budgetPoints");
        h.rejected(new Commands.GetPromotion("p"), ErrorCode.PROMOTION_NOT_FOUND);
    }

    @Test
    void shouldCreateGivenAndGeneratedCodesAndReplayTheFirstCodes()
    {
        h.define(promotion("welcome").coupon().discountMinor(1_000));

        final Map<String, Object> given = h.ok(new Commands.CreateCoupons("c-1", "welcome", List.of("WELCOME10"),
            false, 0));
        final Reply generated = h.send(new Commands.CreateCoupons("c-2", "welcome", List.of("G-1", "G-2"), true, 1));
        final Reply retry = h.send(new Commands.CreateCoupons("c-2", "welcome", List.of("G-7", "G-8"), true, 1));

        assertEquals(List.of("WELCOME10"), given.get("codes"));
        assertEquals(0L, num(given, "usesPerCode"));
        assertSame(generated, retry);
        assertEquals(List.of("G-1", "G-2"), TreeWriter.render(retry).get("codes"));
        assertEquals(true, TreeWriter.render(retry).get("generated"));
        assertEquals(3L, num(h.promotionShown("welcome"), "coupons"));
        h.rejected(new Commands.CreateCoupons("c-2", "welcome", List.of("G-7"), true, 1),
            ErrorCode.IDEMPOTENCY_CONFLICT);
    }

    @Test
    void shouldRefuseCouponsThatCannotBeCreated()
    {
        h.define(promotion("welcome").coupon().discountMinor(1_000));
        h.define(promotion("no-coupons").discountMinor(1_000));
        h.coupons("welcome", 1, "TAKEN");
        final String digest = h.logic.stateDigest();

        invalid(new Commands.CreateCoupons("c", "welcome", List.of(), false, 1), "codes");
        invalid(new Commands.CreateCoupons("c", "welcome", List.of("A", "A"), false, 1), "codes[1]");
        invalid(new Commands.CreateCoupons("c", "welcome", List.of("with space"), false, 1), "codes[0]");
        invalid(new Commands.CreateCoupons("c", "welcome", List.of("A"), false, -1), "usesPerCode");
        h.rejected(new Commands.CreateCoupons("c", "nope", List.of("A"), false, 1), ErrorCode.PROMOTION_NOT_FOUND);
        h.rejected(new Commands.CreateCoupons("c", "no-coupons", List.of("A"), false, 1), ErrorCode.INVALID_STATE);
        h.rejected(new Commands.CreateCoupons("c", "welcome", List.of("A", "TAKEN"), false, 1),
            ErrorCode.INVALID_STATE);

        assertEquals(digest, h.logic.stateDigest());
        assertEquals(List.of("A"), h.ok(new Commands.CreateCoupons("c", "welcome", List.of("A"), false, 1))
            .get("codes"), "a rejected request did not claim its requestId");
    }

    @Test
    void shouldRecordAnActivityWithItsRulesLimitsAndAnswer()
    {
        h.define(promotion("share").activity("SOCIAL_SHARE").earnPoints(30).maxPointsPerTx(25).budgetPoints(60));
        h.define(promotion("share-app").activity("SOCIAL_SHARE").channels(Channel.MOBILE_APP).earnPoints(5));
        h.define(promotion("custom").activity("QUIZ_WON").earnPoints(12));
        final String m = h.member("7770001");

        final Map<String, Object> first = h.activity(m, "SOCIAL_SHARE", "app", null);
        final Map<String, Object> second = h.activity(m, "SOCIAL_SHARE", "app", "2026-12-06T09:15:00+03:00");
        final Map<String, Object> third = h.activity(m, "SOCIAL_SHARE", "app", null);
        final Map<String, Object> custom = h.activity(m, "QUIZ_WON", "web", null);

        assertEquals(m, first.get("memberId"));
        assertEquals("SOCIAL_SHARE", first.get("type"));
        assertEquals(30L, num(first, "pointsEarned"));
        assertEquals(List.of(Map.of("promotionId", "share", "points", 25L, "discount", 0L),
            Map.of("promotionId", "share-app", "points", 5L, "discount", 0L)), first.get("promotions"));
        assertEquals(List.of(), first.get("achievements"));
        assertEquals(30L, num(first, "balance.available"));
        assertEquals(30L, num(second, "pointsEarned"));
        assertEquals(15L, num(third, "pointsEarned"), "10 left of the budget, plus 5");
        assertEquals(12L, num(custom, "pointsEarned"));
        assertEquals(87L, num(h.profile(m), "stats.pointsEarned"));
        assertEquals("SOCIAL_SHARE", h.ledger(m).get(1).get("activity"));
        h.assertInvariants();
    }

    @Test
    void shouldLetTheExclusiveActivityRuleWorthMostApplyAlone()
    {
        h.define(promotion("small").activity("SURVEY").earnPoints(10));
        h.define(promotion("big").activity("SURVEY").exclusive().earnPoints(40));
        h.define(promotion("bigger-but-capped").activity("SURVEY").exclusive().earnPoints(90).maxPointsPerTx(30));
        final String m = h.member("7770001");

        assertEquals(List.of(Map.of("promotionId", "big", "points", 40L, "discount", 0L)),
            h.activity(m, "SURVEY", "app", null).get("promotions"));
    }

    @Test
    void shouldReplayAnActivityAndRejectBadOnesWithoutClaimingTheirKey()
    {
        h.define(promotion("review").activity("REVIEW").earnPoints(20));
        final String m = h.member("7770001");
        final Commands.RecordActivity review = new Commands.RecordActivity("a-1", null, MemberRef.byId(m), "REVIEW",
            "app", null, Map.of("stars", "5"));
        final Reply first = h.send(review);

        assertSame(first, h.send(review));
        h.rejected(new Commands.RecordActivity("a-1", null, MemberRef.byId(m), "REVIEW", "app", null,
            Map.of("stars", "4")), ErrorCode.IDEMPOTENCY_CONFLICT);
        assertEquals(20L, h.available(m));

        invalid(new Commands.RecordActivity("a-2", null, null, "REVIEW", "app", null, Map.of()), "member");
        invalid(new Commands.RecordActivity("a-2", null, MemberRef.byId(m), "review", "app", null, Map.of()), "type");
        invalid(new Commands.RecordActivity("a-2", null, MemberRef.byId(m), "REVIEW", null, null, Map.of()),
            "storeId");
        invalid(new Commands.RecordActivity("a-2", null, MemberRef.byId(m), "REVIEW", "app", "yesterday", Map.of()),
            "occurredAt");
        h.rejected(new Commands.RecordActivity("a-2", null, MemberRef.byId(m), "REVIEW", "nowhere", null, Map.of()),
            ErrorCode.STORE_NOT_FOUND);
        h.rejected(new Commands.RecordActivity("a-2", null, MemberRef.byId("m_404"), "REVIEW", "app", null, Map.of()),
            ErrorCode.MEMBER_NOT_FOUND);
        h.ok(new Commands.PutPartner(h.rid(), "other", "Other"));
        h.rejected(new Commands.RecordActivity("a-2", "other", MemberRef.byId(m), "REVIEW", "app", null, Map.of()),
            ErrorCode.FORBIDDEN);

        assertEquals(20L, num(h.activity(m, "REVIEW", "app", null), "pointsEarned"));
        assertEquals(Stacking.STACK.name(), at(h.promotionShown("review"), "stacking"));
    }
}
