package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.loyalty.engine.logic.Harness.num;
import static dev.loyalty.engine.logic.Harness.sale;
import static dev.loyalty.engine.logic.Rule.promotion;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every {@code then} effect, scopes, the order of discounts and the stacking rules, on a cheque of a coffee
 * line (30000) and a bakery line (10000). Base points are floor(paid / 2000).
 */
class PromotionEffectsTest
{
    private final Harness h = new Harness();
    private final String m = h.member("7770001");

    private Map<String, Object> price()
    {
        return h.ok(new Commands.Calculate(null, sale(null, "web", m, "2026-12-06T09:15:00+03:00", "CARD", 0,
            List.of(), new Line("CAPPU", "coffee", 1, 30_000), new Line("BUN", "bakery", 1, 10_000))));
    }

    private static Map<String, Object> applied(final String id, final long points, final long discount)
    {
        return Map.of("promotionId", id, "points", points, "discount", discount);
    }

    @Test
    void shouldEarnBasisPointsOfThePaidAmount()
    {
        h.define(promotion("bp").earnBp(1_000));
        final Map<String, Object> answer = price();
        assertEquals(List.of(applied("bp", 40, 0)), answer.get("promotions"));
        assertEquals(60L, num(answer, "pointsToEarn"));
    }

    @Test
    void shouldEarnFixedPoints()
    {
        h.define(promotion("fixed").earnPoints(7));
        assertEquals(27L, num(price(), "pointsToEarn"));
    }

    @Test
    void shouldMultiplyTheBasePointsOfItsScope()
    {
        h.define(promotion("x2-coffee").categories("coffee").multiplierPct(100));
        h.define(promotion("x2.5-all").multiplierPct(150));
        final Map<String, Object> answer = price();
        assertEquals(List.of(applied("x2-coffee", 15, 0), applied("x2.5-all", 30, 0)), answer.get("promotions"));
        assertEquals(65L, num(answer, "pointsToEarn"));
    }

    @Test
    void shouldDiscountAPercentageOfTheScopeOnItsLinesOnly()
    {
        h.define(promotion("coffee-10").categories("coffee").discountBp(1_000));
        final Map<String, Object> answer = price();
        assertEquals(3_000L, num(answer, "lines.0.discount"));
        assertEquals(0L, num(answer, "lines.1.discount"));
        assertEquals(37_000L, num(answer, "payable"));
        assertEquals(18L, num(answer, "pointsToEarn"));
    }

    @Test
    void shouldSpreadAFixedDiscountOverTheScopeByAmount()
    {
        h.define(promotion("minus-5").discountMinor(500));
        final Map<String, Object> answer = price();
        assertEquals(375L, num(answer, "lines.0.discount"));
        assertEquals(125L, num(answer, "lines.1.discount"));
        assertEquals(List.of(applied("minus-5", 0, 500)), answer.get("promotions"));
    }

    @Test
    void shouldScopeToLinesMatchingEitherTheSkusOrTheCategories()
    {
        h.define(promotion("either").skus("BUN").categories("coffee").discountBp(1_000));
        final Map<String, Object> answer = price();
        assertEquals(3_000L, num(answer, "lines.0.discount"));
        assertEquals(1_000L, num(answer, "lines.1.discount"));
    }

    @Test
    void shouldCapAPromotionsPointsAtMaxPointsPerTx()
    {
        h.define(promotion("capped").earnBp(1_000).earnPoints(5).maxPointsPerTx(15));
        assertEquals(List.of(applied("capped", 15, 0)), price().get("promotions"));
    }

    @Test
    void shouldDiscountInPriorityOrderEachCappedAtWhatIsLeftOfItsScope()
    {
        h.define(promotion("b-second").skus("BUN").priority(5).discountMinor(5_000));
        h.define(promotion("a-first").skus("BUN").priority(10).discountMinor(8_000));
        h.define(promotion("c-tie").skus("BUN").priority(5).discountMinor(1));
        final Map<String, Object> answer = price();
        assertEquals(List.of(applied("a-first", 0, 8_000), applied("b-second", 0, 2_000)), answer.get("promotions"),
            "c-tie found nothing left to discount, so it did not apply");
        assertEquals(10_000L, num(answer, "lines.1.discount"));
    }

    @Test
    void shouldApplyEveryStackablePromotionWhenNoneIsExclusive()
    {
        h.define(promotion("low").priority(-3).earnPoints(1));
        h.define(promotion("high").priority(3).discountMinor(1_000));
        h.define(promotion("mid").earnBp(100));
        assertEquals(List.of(applied("high", 0, 1_000), applied("mid", 3, 0), applied("low", 1, 0)),
            price().get("promotions"));
    }

    @Test
    void shouldPickTheExclusivePromotionWorthMostCountingPointsAtTheirValue()
    {
        h.define(promotion("stack").discountMinor(9_000));
        h.define(promotion("points-60").exclusive().earnPoints(60));
        h.define(promotion("minus-50").exclusive().priority(100).discountMinor(5_000));
        assertEquals(List.of(applied("points-60", 60, 0)), price().get("promotions"));
    }

    @Test
    void shouldBreakAnExclusiveTieByPriorityThenByPromotionId()
    {
        h.define(promotion("b").exclusive().discountMinor(1_000));
        h.define(promotion("a").exclusive().discountMinor(1_000));
        assertEquals(List.of(applied("a", 0, 1_000)), price().get("promotions"));

        h.define(promotion("c").exclusive().priority(1).discountMinor(1_000));
        assertEquals(List.of(applied("c", 0, 1_000)), price().get("promotions"));
    }

    @Test
    void shouldLeaveOutAPromotionThatGivesNothing()
    {
        h.define(promotion("zero").earnBp(0));
        h.define(promotion("tiny").earnBp(1));
        assertEquals(List.of(), price().get("promotions"));
    }
}
