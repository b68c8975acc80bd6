package dev.loyalty.engine.promotion;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.pricing.ProgramSettings;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The index: a cheque looks at the promotions filed under its own keys, however many others are live. */
class PromotionsTest
{
    private final Promotions rules = new Promotions();
    private final PromotionSelection selection = new PromotionSelection();
    private final ChequeContext cheque = new ChequeContext();
    private int requests;

    private void define(final String id, final PromotionWhen when)
    {
        final Commands.PutPromotion put = new Commands.PutPromotion(
            "r" + (++requests), id, id, true, 0, Stacking.STACK, when, new PromotionThen(0, 5, 0, 0, 0),
            PromotionLimits.NONE);
        assertNull(PromotionValidation.problem(put));
        rules.put(put);
    }

    private static PromotionWhen skus(final String... skus)
    {
        return new PromotionWhen(null, null, null, null, null, null, List.of(skus), null, null, false, 0, null, null,
            null, null, PromotionWhen.NO_BIRTHDAY_WINDOW, false, null);
    }

    private static PromotionWhen storeAt(final String store, final String hours)
    {
        return new PromotionWhen(null, List.of(store), null, null, null, null, null, null, null, false, 0, null, null,
            null, hours, PromotionWhen.NO_BIRTHDAY_WINDOW, false, null);
    }

    private void select()
    {
        final OffsetDateTime at = OffsetDateTime.parse("2026-12-06T09:15:00+03:00");
        cheque.store("s-1", "main", Channel.POS, Map.of())
            .purchase("CARD", List.of(new Line("A", "coffee", 1, 1_000), new Line("B", null, 1, 1_000)), List.of())
            .occurredAt(at.toInstant().toEpochMilli(), at.getOffset().getTotalSeconds())
            .anonymous();
        rules.select(cheque, ProgramSettings.DEFAULTS, selection);
    }

    @Test
    void shouldScanOnlyThePromotionsFiledUnderTheChequesKeys()
    {
        define("on-a", skus("A"));
        define("on-b-and-z", skus("B", "Z"));
        define("store-morning", storeAt("s-1", "08:00-10:00"));
        define("store-evening", storeAt("s-1", "18:00-20:00"));
        for (int i = 0; i < 1_000; i++)
        {
            define("other-" + i, i % 2 == 0 ? skus("X-" + i) : storeAt("s-" + (i + 2), null));
        }

        select();

        assertEquals(4, rules.lastScanned());
        assertEquals(3, rules.lastExamined(), "the evening promotion is rejected by the scan itself");
    }

    @Test
    void shouldRefileAPromotionWhenItIsRedefinedOrSwitchedOff()
    {
        define("moving", skus("A"));
        select();
        assertEquals(1, rules.lastScanned());

        define("moving", skus("Q"));
        select();
        assertEquals(0, rules.lastScanned());

        rules.put(new Commands.PutPromotion("off", "moving", "moving", false, 0, Stacking.STACK, skus("A"),
            PromotionThen.NONE, PromotionLimits.NONE));
        select();
        assertEquals(0, rules.lastScanned());
    }
}
