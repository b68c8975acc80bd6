package dev.loyalty.engine.pricing;

import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/** What one applied promotion gave on a cheque. */
public record AppliedPromotion(String promotionId, long points, long discount)
{
    /** Renders {@code "promotions":[{"promotionId","points","discount"},…]}, in the list's order. */
    public static void writeAll(final ReplyWriter w, final List<AppliedPromotion> applied)
    {
        w.startArray("promotions");
        for (int i = 0, size = applied.size(); i < size; i++)
        {
            final AppliedPromotion p = applied.get(i);
            w.startObject();
            w.field("promotionId", p.promotionId());
            w.field("points", p.points());
            w.field("discount", p.discount());
            w.endObject();
        }
        w.endArray();
    }
}
