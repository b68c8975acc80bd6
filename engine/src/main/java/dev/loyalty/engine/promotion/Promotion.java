package dev.loyalty.engine.promotion;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.Stacking;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One promotion compiled from its {@code PUT} for fast matching: lists become hash sets, channels and weekdays
 * bit masks, dates epoch millis and hours minutes of the day. Immutable but for the matcher's per-cheque
 * scratch marks (single-threaded). {@link #definition()} is the command it was compiled from, for answers.
 */
public final class Promotion
{
    static final int NO_HOURS = -1;

    final String id;
    final Commands.PutPromotion definition;
    final PromotionEntry entry;
    final boolean enabled;
    final long priority;
    final boolean exclusive;

    final int channelMask;
    final Set<String> stores;
    final Set<String> partners;
    final String[] attributeKeys;
    final String[] attributeValues;
    final Set<String> payment;
    final Set<String> categories;
    final Set<String> skus;
    final Set<String> tiers;
    final Set<String> segments;
    final boolean coupon;
    final long minTotal;
    final long fromMillis;
    final long toMillis;
    final int weekdayMask;
    final int hoursStart;
    final int hoursEnd;
    final long birthdayWindowDays;
    final boolean firstPurchase;
    final String activity;

    final long earnBp;
    final long earnPoints;
    final long multiplierPct;
    final long discountBp;
    final long discountMinor;
    final long maxPointsPerTx;
    final long maxUsesPerMember;
    final long budgetPoints;

    /** The matcher's marks: the cheque (epoch) it was last looked at, and the coupon code presented for it. */
    int seenEpoch;
    int couponEpoch;
    int couponIndex;

    /** Compiles a definition that {@link PromotionValidation#problem} accepted. */
    Promotion(final Commands.PutPromotion c, final PromotionEntry entry)
    {
        final PromotionWhen w = c.when();
        final PromotionThen t = c.then();
        final PromotionLimits l = c.limits();
        this.id = c.promotionId();
        this.definition = c;
        this.entry = entry;
        this.enabled = c.enabled();
        this.priority = c.priority();
        this.exclusive = c.stacking() == Stacking.EXCLUSIVE;

        int channels = 0;
        for (final Channel channel : w.channels())
        {
            channels |= 1 << channel.ordinal();
        }
        this.channelMask = channels;
        this.stores = set(w.stores());
        this.partners = set(w.partners());
        this.attributeKeys = new String[w.storeAttributes().size()];
        this.attributeValues = new String[w.storeAttributes().size()];
        int a = 0;
        for (final Map.Entry<String, String> e : w.storeAttributes().entrySet())
        {
            attributeKeys[a] = e.getKey();
            attributeValues[a] = e.getValue();
            a++;
        }
        this.payment = set(w.payment());
        this.categories = set(w.categories());
        this.skus = set(w.skus());
        this.tiers = set(w.tiers());
        this.segments = set(w.segments());
        this.coupon = w.coupon();
        this.minTotal = w.minTotal();
        this.fromMillis = w.from() == null ? Long.MIN_VALUE : OffsetDateTime.parse(w.from()).toInstant().toEpochMilli();
        this.toMillis = w.to() == null ? Long.MAX_VALUE : OffsetDateTime.parse(w.to()).toInstant().toEpochMilli();
        int weekdays = 0;
        for (final String day : w.weekdays())
        {
            weekdays |= 1 << PromotionValidation.weekday(day);
        }
        this.weekdayMask = weekdays;
        this.hoursStart = w.hours() == null ? NO_HOURS : PromotionValidation.hoursStart(w.hours());
        this.hoursEnd = w.hours() == null ? NO_HOURS : PromotionValidation.hoursEnd(w.hours());
        this.birthdayWindowDays = w.birthdayWindowDays();
        this.firstPurchase = w.firstPurchase();
        this.activity = w.activity();

        this.earnBp = t.earnBp();
        this.earnPoints = t.earnPoints();
        this.multiplierPct = t.multiplierPct();
        this.discountBp = t.discountBp();
        this.discountMinor = t.discountMinor();
        this.maxPointsPerTx = l.maxPointsPerTx();
        this.maxUsesPerMember = l.maxUsesPerMember();
        this.budgetPoints = l.budgetPoints();
    }

    private static Set<String> set(final List<String> values)
    {
        return values.isEmpty() ? null : new HashSet<>(values);
    }

    public String id()
    {
        return id;
    }

    /** The command this promotion was compiled from. */
    public Commands.PutPromotion definition()
    {
        return definition;
    }

    public boolean enabled()
    {
        return enabled;
    }

    /** True when it names categories or skus: its scope is the lines that match them. */
    boolean productScoped()
    {
        return categories != null || skus != null;
    }

    /** True when a line is in the scope (every line when it names no category or sku). */
    boolean inScope(final Line line)
    {
        if (!productScoped())
        {
            return true;
        }
        return (skus != null && skus.contains(line.sku())) ||
            (categories != null && line.category() != null && categories.contains(line.category()));
    }

    /** True when a condition needs a known member (tiers, segments, birthday, first purchase, uses per member). */
    boolean needsMember()
    {
        return tiers != null || segments != null || birthdayWindowDays >= 0 || firstPurchase || maxUsesPerMember > 0;
    }

    boolean discounts()
    {
        return discountBp > 0 || discountMinor > 0;
    }

    /**
     * Every condition but the coupon's (the matcher checks that one): where, when, who, how much, and whether
     * the limits are used up. Cheap checks first.
     */
    boolean conditionsHold(final ChequeContext ctx)
    {
        if (!ctx.member && (needsMember() || (activity == null && !discounts())))
        {
            return false;
        }
        if (channelMask != 0 && (ctx.channel == null || (channelMask & (1 << ctx.channel.ordinal())) == 0))
        {
            return false;
        }
        if (ctx.epochMillis < fromMillis || ctx.epochMillis >= toMillis)
        {
            return false;
        }
        if (weekdayMask != 0 && (weekdayMask & (1 << ctx.weekday)) == 0)
        {
            return false;
        }
        if (hoursStart != NO_HOURS && !inHours(hoursStart, hoursEnd, ctx.minuteOfDay))
        {
            return false;
        }
        if (minTotal > 0 && ctx.total < minTotal)
        {
            return false;
        }
        if (stores != null && (ctx.storeId == null || !stores.contains(ctx.storeId)))
        {
            return false;
        }
        if (partners != null && (ctx.partnerId == null || !partners.contains(ctx.partnerId)))
        {
            return false;
        }
        if (payment != null && (ctx.payment == null || !payment.contains(ctx.payment)))
        {
            return false;
        }
        for (int i = 0; i < attributeKeys.length; i++)
        {
            if (ctx.storeAttributes == null || !attributeValues[i].equals(ctx.storeAttributes.get(attributeKeys[i])))
            {
                return false;
            }
        }
        if (tiers != null && (ctx.tier == null || !tiers.contains(ctx.tier)))
        {
            return false;
        }
        if (segments != null && (ctx.segment == null || !segments.contains(ctx.segment)))
        {
            return false;
        }
        if (firstPurchase && !ctx.firstPurchase)
        {
            return false;
        }
        if (birthdayWindowDays >= 0 && (ctx.birthMonth == 0 ||
            LocalCalendar.daysToNearestBirthday(ctx.localDay, ctx.birthMonth, ctx.birthDay) > birthdayWindowDays))
        {
            return false;
        }
        if (maxUsesPerMember > 0 && ctx.uses.count(id) >= maxUsesPerMember)
        {
            return false;
        }
        if (entry.budgetLeft() <= 0)
        {
            return false;
        }
        if (productScoped())
        {
            final List<Line> lines = ctx.lines;
            for (int i = 0, n = lines.size(); i < n; i++)
            {
                if (inScope(lines.get(i)))
                {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** Start inclusive, end exclusive, in minutes of the day; a start after the end wraps midnight (22:00-02:00). */
    static boolean inHours(final int start, final int end, final int minute)
    {
        return start < end ? minute >= start && minute < end : minute >= start || minute < end;
    }
}
