package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.promotion.PromotionEntry;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;
import java.util.Map;

/**
 * A promotion as {@code PUT} defined it (every field, "any" values included) with its counters at one moment:
 * {@code {"promotionId","name","enabled","priority","stacking","when":{…},"then":{…},"limits":{…},"uses",
 * "usesReserved","budgetSpent","budgetReserved","budgetLeft","coupons"}}. {@code budgetLeft} is null without a
 * budget; {@code when.birthdayWindowDays}, {@code from}, {@code to}, {@code hours} and {@code activity} are
 * null when absent.
 */
record PromotionReply(
    Commands.PutPromotion definition,
    long uses,
    long usesReserved,
    long budgetSpent,
    long budgetReserved,
    long coupons) implements Reply
{
    static PromotionReply of(final Commands.PutPromotion definition, final PromotionEntry entry)
    {
        return new PromotionReply(
            definition, entry.uses(), entry.usesReserved(), entry.budgetSpent(), entry.budgetReserved(),
            entry.coupons());
    }

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        writeFields(w);
        w.endObject();
    }

    void writeFields(final ReplyWriter w)
    {
        final PromotionWhen when = definition.when();
        final PromotionThen then = definition.then();
        final PromotionLimits limits = definition.limits();
        w.field("promotionId", definition.promotionId());
        w.field("name", definition.name());
        w.field("enabled", definition.enabled());
        w.field("priority", definition.priority());
        w.field("stacking", definition.stacking().name());

        w.startObject("when");
        w.startArray("channels");
        for (final Channel channel : when.channels())
        {
            w.value(channel.name());
        }
        w.endArray();
        strings(w, "stores", when.stores());
        strings(w, "partners", when.partners());
        w.startObject("storeAttributes");
        for (final Map.Entry<String, String> e : when.storeAttributes().entrySet())
        {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        strings(w, "payment", when.payment());
        strings(w, "categories", when.categories());
        strings(w, "skus", when.skus());
        strings(w, "tiers", when.tiers());
        strings(w, "segments", when.segments());
        w.field("coupon", when.coupon());
        w.field("minTotal", when.minTotal());
        w.field("from", when.from());
        w.field("to", when.to());
        strings(w, "weekdays", when.weekdays());
        w.field("hours", when.hours());
        if (when.birthdayWindowDays() == PromotionWhen.NO_BIRTHDAY_WINDOW)
        {
            w.nullField("birthdayWindowDays");
        }
        else
        {
            w.field("birthdayWindowDays", when.birthdayWindowDays());
        }
        w.field("firstPurchase", when.firstPurchase());
        w.field("activity", when.activity());
        w.endObject();

        w.startObject("then");
        w.field("earnBp", then.earnBp());
        w.field("earnPoints", then.earnPoints());
        w.field("multiplierPct", then.multiplierPct());
        w.field("discountBp", then.discountBp());
        w.field("discountMinor", then.discountMinor());
        w.endObject();

        w.startObject("limits");
        w.field("maxPointsPerTx", limits.maxPointsPerTx());
        w.field("maxUsesPerMember", limits.maxUsesPerMember());
        w.field("budgetPoints", limits.budgetPoints());
        w.endObject();

        w.field("uses", uses);
        w.field("usesReserved", usesReserved);
        w.field("budgetSpent", budgetSpent);
        w.field("budgetReserved", budgetReserved);
        if (limits.budgetPoints() == 0)
        {
            w.nullField("budgetLeft");
        }
        else
        {
            w.field("budgetLeft", limits.budgetPoints() - budgetSpent - budgetReserved);
        }
        w.field("coupons", coupons);
    }

    private static void strings(final ReplyWriter w, final String name, final List<String> values)
    {
        w.startArray(name);
        for (int i = 0, size = values.size(); i < size; i++)
        {
            w.value(values.get(i));
        }
        w.endArray();
    }
}
