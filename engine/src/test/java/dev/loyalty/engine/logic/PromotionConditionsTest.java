package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.PurchaseRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.loyalty.engine.logic.Harness.num;
import static dev.loyalty.engine.logic.Harness.sale;
import static dev.loyalty.engine.logic.Rule.promotion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code when} condition, each checked with a purchase that meets it and one that does not. Each rule
 * gives 7 fixed points, so "applies" means the answer lists that rule with 7 points.
 */
class PromotionConditionsTest
{
    private static final String SUNDAY = "2026-12-06T09:15:00+03:00";
    private static final Line COFFEE = new Line("CAPPU", "coffee", 1, 30_000);
    private static final Line BUN = new Line("BUN", "bakery", 1, 10_000);

    private final Harness h = new Harness();
    private final String m = h.memberBorn("7770001", "1990-12-07", "segment", "students");
    private int tx;

    private boolean applies(final Rule rule, final PurchaseRequest request)
    {
        h.define(rule.earnPoints(7));
        final Map<String, Object> answer = h.ok(new Commands.Calculate(null, request));
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> applied = (List<Map<String, Object>>)answer.get("promotions");
        return applied.stream().anyMatch(p -> p.get("promotionId").equals(rule.id()) && p.get("points").equals(7L));
    }

    private PurchaseRequest at(final String storeId, final String occurredAt, final String payment, final Line... lines)
    {
        return sale("tx-" + (++tx), storeId, m, occurredAt, payment, 0, List.of(), lines);
    }

    private PurchaseRequest plain()
    {
        return at("web", SUNDAY, "CARD", COFFEE, BUN);
    }

    @Test
    void shouldMatchEveryPurchaseWhenThereIsNoCondition()
    {
        assertTrue(applies(promotion("any"), plain()));
    }

    @Test
    void shouldMatchTheStoresChannel()
    {
        h.store("s42", Channel.POS);
        assertTrue(applies(promotion("c").channels(Channel.ONLINE, Channel.KIOSK), plain()));
        assertFalse(applies(promotion("c").channels(Channel.ONLINE), at("s42", SUNDAY, "CARD", COFFEE)));
    }

    @Test
    void shouldMatchTheStoreAndItsPartner()
    {
        h.ok(new Commands.PutPartner(h.rid(), "coffee-co", "Coffee&Co"));
        h.ok(new Commands.PutStore(h.rid(), "cafe-1", "coffee-co", Channel.POS, Map.of()));

        assertTrue(applies(promotion("s").stores("web", "app"), plain()));
        assertFalse(applies(promotion("s").stores("app"), plain()));
        assertTrue(applies(promotion("p").partners("coffee-co"), at("cafe-1", SUNDAY, "CARD", COFFEE)));
        assertFalse(applies(promotion("p").partners("coffee-co"), plain()));
    }

    @Test
    void shouldMatchOnlyWhenEveryListedStoreAttributeHasItsValue()
    {
        h.store("hyper", Channel.POS, "format", "hyper", "hasCafe", "true");
        h.store("hyper-no-cafe", Channel.POS, "format", "hyper", "hasCafe", "false");
        final Rule both = promotion("a").storeAttribute("format", "hyper").storeAttribute("hasCafe", "true");

        assertTrue(applies(both, at("hyper", SUNDAY, "CARD", COFFEE)));
        assertFalse(applies(both, at("hyper-no-cafe", SUNDAY, "CARD", COFFEE)));
        assertFalse(applies(both, plain()));
    }

    @Test
    void shouldMatchThePaymentWord()
    {
        assertTrue(applies(promotion("pay").payment("WALLET", "CARD"), plain()));
        assertFalse(applies(promotion("pay").payment("ONLINE_CARD"), plain()));
        assertFalse(applies(promotion("pay").payment("CARD"), at("web", SUNDAY, null, COFFEE)));
    }

    @Test
    void shouldNeedALineOfTheCategoriesOrSkusItNames()
    {
        assertTrue(applies(promotion("cat").categories("bakery"), plain()));
        assertFalse(applies(promotion("cat").categories("tea"), plain()));
        assertTrue(applies(promotion("sku").skus("CAPPU"), plain()));
        assertFalse(applies(promotion("sku").skus("LATTE"), plain()));
        assertTrue(applies(promotion("either").skus("LATTE").categories("bakery"), plain()));
        assertFalse(applies(promotion("cat").categories("coffee"), at("web", SUNDAY, "CARD",
            new Line("CAPPU", null, 1, 30_000))));
    }

    @Test
    void shouldReadTheMembersTierAsBaseUntilTiersExist()
    {
        assertTrue(applies(promotion("t").tiers("base"), plain()));
        assertFalse(applies(promotion("t").tiers("gold"), plain()));
    }

    @Test
    void shouldMatchTheMembersSegmentAttribute()
    {
        assertTrue(applies(promotion("seg").segments("students", "pensioners"), plain()));
        assertFalse(applies(promotion("seg").segments("pensioners"), plain()));
        final String noSegment = h.member("7770009");
        assertFalse(applies(promotion("seg").segments("students"),
            sale("tx-x", "web", noSegment, SUNDAY, "CARD", 0, List.of(), COFFEE)));
    }

    @Test
    void shouldNeedAMinimumTotalBeforeDiscounts()
    {
        assertTrue(applies(promotion("min").minTotal(40_000), plain()));
        assertFalse(applies(promotion("min").minTotal(40_001), plain()));
    }

    @Test
    void shouldStartAtFromInclusiveAndEndAtToExclusive()
    {
        final Rule december = promotion("dec").from("2026-12-06T06:15:00Z").to("2026-12-06T09:00:00+02:00");

        assertTrue(applies(december, at("web", "2026-12-06T09:15:00+03:00", "CARD", COFFEE)));
        assertFalse(applies(december, at("web", "2026-12-06T09:14:59+03:00", "CARD", COFFEE)));
        assertTrue(applies(december, at("web", "2026-12-06T06:59:59Z", "CARD", COFFEE)));
        assertFalse(applies(december, at("web", "2026-12-06T07:00:00Z", "CARD", COFFEE)));
    }

    @Test
    void shouldReadTheWeekdayInOccurredAtsOwnOffset()
    {
        // Sunday 00:30 in Moscow is Saturday 21:30 UTC.
        assertTrue(applies(promotion("sun").weekdays("SUN"), at("web", "2026-12-06T00:30:00+03:00", "CARD", COFFEE)));
        assertFalse(applies(promotion("sat").weekdays("SAT"), at("web", "2026-12-06T00:30:00+03:00", "CARD", COFFEE)));
        assertTrue(applies(promotion("sat").weekdays("SAT"), at("web", "2026-12-05T21:30:00Z", "CARD", COFFEE)));
    }

    @Test
    void shouldReadHoursStartInclusiveEndExclusiveAndWrapMidnight()
    {
        final Rule night = promotion("night").hours("22:00-02:00");

        assertTrue(applies(night, at("web", "2026-12-06T22:00:00+03:00", "CARD", COFFEE)));
        assertTrue(applies(night, at("web", "2026-12-06T01:59:00+03:00", "CARD", COFFEE)));
        assertFalse(applies(night, at("web", "2026-12-06T02:00:00+03:00", "CARD", COFFEE)));
        assertFalse(applies(night, at("web", "2026-12-06T21:59:00+03:00", "CARD", COFFEE)));
        assertTrue(applies(promotion("evening").hours("18:00-24:00"), at("web", "2026-12-06T23:59:00-05:00",
            "CARD", COFFEE)));
    }

    @Test
    void shouldMatchWithinTheBirthdayWindowInOccurredAtsOwnOffset()
    {
        // Born 7 December: 4 December is 3 days before; 3 December 23:00 in UTC is already 4 December in Moscow.
        assertTrue(applies(promotion("bd").birthdayWindowDays(3), at("web", "2026-12-04T10:00:00+03:00", "CARD",
            COFFEE)));
        assertFalse(applies(promotion("bd").birthdayWindowDays(3), at("web", "2026-12-03T23:00:00Z", "CARD",
            COFFEE)));
        assertTrue(applies(promotion("bd").birthdayWindowDays(3), at("web", "2026-12-04T02:00:00+03:00", "CARD",
            COFFEE)));
        assertTrue(applies(promotion("bd0").birthdayWindowDays(0), at("web", "2026-12-07T12:00:00+03:00", "CARD",
            COFFEE)));
        final String noBirthday = h.member("7770009");
        assertFalse(applies(promotion("bd").birthdayWindowDays(183),
            sale("tx-x", "web", noBirthday, SUNDAY, "CARD", 0, List.of(), COFFEE)));
    }

    @Test
    void shouldPutA29FebruaryBirthdayOn28FebruaryInCommonYears()
    {
        final String leapling = h.memberBorn("7770029", "2000-02-29");
        final Rule exactDay = promotion("bd0").birthdayWindowDays(0);

        assertTrue(applies(exactDay, sale("tx-x", "web", leapling, "2027-02-28T12:00:00Z", "CARD", 0, List.of(),
            COFFEE)));
        assertFalse(applies(exactDay, sale("tx-y", "web", leapling, "2028-02-28T12:00:00Z", "CARD", 0, List.of(),
            COFFEE)));
    }

    @Test
    void shouldApplyAFirstPurchaseRuleWhileTheMemberHasNoPurchase()
    {
        final Rule welcome = promotion("first").firstPurchase();
        assertTrue(applies(welcome, plain()));

        h.ok(new Commands.Authorize(null, plain()));
        assertFalse(applies(welcome, plain()), "an open authorization is the first purchase already");
    }

    @Test
    void shouldNeverApplyADisabledPromotion()
    {
        assertFalse(applies(promotion("off").disabled(), plain()));
        assertTrue(applies(promotion("off"), plain()), "switching it on again applies it to later purchases");
    }

    @Test
    void shouldNotApplyAnActivityRuleToAPurchase()
    {
        assertFalse(applies(promotion("install").activity("APP_INSTALL"), plain()));
    }

    @Test
    void shouldApplyOnlyDiscountsWithoutMemberConditionsToAnAnonymousSale()
    {
        h.define(promotion("points-only").earnPoints(9));
        h.define(promotion("members-discount").segments("students").discountMinor(300));
        h.define(promotion("everyone-discount").discountMinor(200).earnPoints(9));

        final Map<String, Object> anonymous = h.ok(new Commands.Calculate(null, sale(null, "web", null, SUNDAY,
            "CARD", 0, List.of(), COFFEE)));

        assertEquals(List.of(Map.of("promotionId", "everyone-discount", "points", 0L, "discount", 200L)),
            anonymous.get("promotions"));
        assertEquals(0L, num(anonymous, "pointsToEarn"));
        assertEquals(29_800L, num(anonymous, "payable"));
    }
}
