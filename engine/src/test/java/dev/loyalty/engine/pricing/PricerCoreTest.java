package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.Line;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zero-allocation core prices exactly as the immutable wrapper does, with buffers reused across cheques. */
class PricerCoreTest
{
    private final Pricer wrapper = new Pricer();
    private final Pricer core = new Pricer();
    private final SelectedPromotions selected = new SelectedPromotions(2, 1);
    private final PricingResult result = new PricingResult();

    @Test
    void shouldPriceEveryRandomChequeLikeTheWrapperWhileReusingItsBuffers()
    {
        final Random random = new Random(4);
        for (int n = 0; n < 2_000; n++)
        {
            final PricerTest.RandomCheque cheque = PricerTest.RandomCheque.generate(random);
            final PricedCheque expected = wrapper.price(cheque.lines(), cheque.program(), cheque.available(),
                cheque.redeemPoints(), cheque.redeemMax(), cheque.promotions());

            select(cheque.lines(), cheque.promotions());
            final boolean ok = core.price(cheque.lines(), cheque.program(), cheque.available(), cheque.redeemPoints(),
                cheque.redeemMax(), true, selected, result);

            assertEquals(expected.ok(), ok);
            assertEquals(expected, result.toCheque());
        }
    }

    @Test
    void shouldEarnNothingForASaleThatDoesNotEarnButStillDiscount()
    {
        final List<Line> lines = List.of(new Line("A", "coffee", 1, 10_000), new Line("B", "bakery", 1, 30_000));
        select(lines, List.of(new PromotionEffect("P", new boolean[]{true, false}, 1_000, 0, 1_000, 5, 100, 0,
            Long.MAX_VALUE)));

        assertTrue(core.price(lines, ProgramSettings.DEFAULTS, 0, 0, false, false, selected, result));

        assertEquals(0, result.pointsToEarn());
        assertEquals(0, result.basePoints());
        assertEquals(0, result.promotionPoints(0));
        assertEquals(1_000, result.promotionDiscount(0));
        assertEquals(39_000, result.payable());
    }

    @Test
    void shouldRemoveOnlyAPromotionThatGaveNothing()
    {
        final List<Line> lines = List.of(new Line("A", null, 1, 10_000));
        select(lines, List.of(
            new PromotionEffect("GIVES", new boolean[]{true}, 0, 0, 0, 7, 0, 0, Long.MAX_VALUE),
            new PromotionEffect("NOTHING", new boolean[]{true}, 0, 0, 0, 0, 0, 0, Long.MAX_VALUE),
            new PromotionEffect("LAST", new boolean[]{true}, 0, 100, 0, 0, 0, 0, Long.MAX_VALUE)));
        assertTrue(core.price(lines, ProgramSettings.DEFAULTS, 0, 0, false, true, selected, result));

        assertThrows(IllegalArgumentException.class, () -> result.removeIneffectivePromotion(0));
        result.removeIneffectivePromotion(1);

        assertEquals(2, result.promotionCount());
        assertEquals(List.of(new AppliedPromotion("GIVES", 7, 0), new AppliedPromotion("LAST", 0, 100)),
            result.toCheque().promotions());
    }

    @Test
    void shouldTreatPromotionsSelectedForAnotherChequeAsACallerBug()
    {
        selected.clear(3);
        final List<Line> lines = List.of(new Line("A", null, 1, 1));

        assertThrows(IllegalArgumentException.class,
            () -> core.price(lines, ProgramSettings.DEFAULTS, 0, 0, false, true, selected, result));
    }

    private void select(final List<Line> lines, final List<PromotionEffect> promotions)
    {
        selected.clear(lines.size());
        for (final PromotionEffect promotion : promotions)
        {
            final int p = selected.add(promotion.promotionId(), promotion.discountBp(), promotion.discountMinor(),
                promotion.earnBp(), promotion.earnPoints(), promotion.multiplierPct(), promotion.maxPointsPerTx(),
                promotion.budgetPointsLeft());
            for (int i = 0; i < lines.size(); i++)
            {
                if (promotion.scope()[i])
                {
                    selected.includeLine(p, i);
                }
            }
        }
    }
}
