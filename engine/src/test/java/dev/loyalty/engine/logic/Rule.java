package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.Stacking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code PUT /v1/promotions} commands for tests, field by field, with API.md's defaults for the rest. */
final class Rule
{
    private final String id;
    private String name;
    private boolean enabled = true;
    private long priority;
    private Stacking stacking = Stacking.STACK;
    private List<Channel> channels;
    private List<String> stores;
    private List<String> partners;
    private final Map<String, String> storeAttributes = new LinkedHashMap<>();
    private List<String> payment;
    private List<String> categories;
    private List<String> skus;
    private List<String> tiers;
    private List<String> segments;
    private boolean coupon;
    private long minTotal;
    private String from;
    private String to;
    private List<String> weekdays;
    private String hours;
    private long birthdayWindowDays = PromotionWhen.NO_BIRTHDAY_WINDOW;
    private boolean firstPurchase;
    private String activity;
    private long earnBp;
    private long earnPoints;
    private long multiplierPct;
    private long discountBp;
    private long discountMinor;
    private long maxPointsPerTx;
    private long maxUsesPerMember;
    private long budgetPoints;

    private Rule(final String id)
    {
        this.id = id;
        this.name = "Promotion " + id;
    }

    static Rule promotion(final String id)
    {
        return new Rule(id);
    }

    String id()
    {
        return id;
    }

    Rule name(final String v)
    {
        name = v;
        return this;
    }

    Rule disabled()
    {
        enabled = false;
        return this;
    }

    Rule priority(final long v)
    {
        priority = v;
        return this;
    }

    Rule exclusive()
    {
        stacking = Stacking.EXCLUSIVE;
        return this;
    }

    Rule channels(final Channel... v)
    {
        channels = List.of(v);
        return this;
    }

    Rule stores(final String... v)
    {
        stores = List.of(v);
        return this;
    }

    Rule partners(final String... v)
    {
        partners = List.of(v);
        return this;
    }

    Rule storeAttribute(final String key, final String value)
    {
        storeAttributes.put(key, value);
        return this;
    }

    Rule payment(final String... v)
    {
        payment = List.of(v);
        return this;
    }

    Rule categories(final String... v)
    {
        categories = List.of(v);
        return this;
    }

    Rule skus(final String... v)
    {
        skus = List.of(v);
        return this;
    }

    Rule tiers(final String... v)
    {
        tiers = List.of(v);
        return this;
    }

    Rule segments(final String... v)
    {
        segments = List.of(v);
        return this;
    }

    Rule coupon()
    {
        coupon = true;
        return this;
    }

    Rule minTotal(final long v)
    {
        minTotal = v;
        return this;
    }

    Rule from(final String v)
    {
        from = v;
        return this;
    }

    Rule to(final String v)
    {
        to = v;
        return this;
    }

    Rule weekdays(final String... v)
    {
        weekdays = List.of(v);
        return this;
    }

    Rule hours(final String v)
    {
        hours = v;
        return this;
    }

    Rule birthdayWindowDays(final long v)
    {
        birthdayWindowDays = v;
        return this;
    }

    Rule firstPurchase()
    {
        firstPurchase = true;
        return this;
    }

    Rule activity(final String v)
    {
        activity = v;
        return this;
    }

    Rule earnBp(final long v)
    {
        earnBp = v;
        return this;
    }

    Rule earnPoints(final long v)
    {
        earnPoints = v;
        return this;
    }

    Rule multiplierPct(final long v)
    {
        multiplierPct = v;
        return this;
    }

    Rule discountBp(final long v)
    {
        discountBp = v;
        return this;
    }

    Rule discountMinor(final long v)
    {
        discountMinor = v;
        return this;
    }

    Rule maxPointsPerTx(final long v)
    {
        maxPointsPerTx = v;
        return this;
    }

    Rule maxUsesPerMember(final long v)
    {
        maxUsesPerMember = v;
        return this;
    }

    Rule budgetPoints(final long v)
    {
        budgetPoints = v;
        return this;
    }

    Commands.PutPromotion put(final String requestId)
    {
        return new Commands.PutPromotion(requestId, id, name, enabled, priority, stacking,
            new PromotionWhen(channels, stores, partners, storeAttributes, payment, categories, skus, tiers, segments,
                coupon, minTotal, from, to, weekdays, hours, birthdayWindowDays, firstPurchase, activity),
            new PromotionThen(earnBp, earnPoints, multiplierPct, discountBp, discountMinor),
            new PromotionLimits(maxPointsPerTx, maxUsesPerMember, budgetPoints));
    }
}
