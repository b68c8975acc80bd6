package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/** {@code GET /v1/promotions}: {@code {"promotions":[…]}}, each as {@link PromotionReply}, by promotionId. */
record PromotionListReply(List<PromotionReply> promotions) implements Reply
{
    PromotionListReply
    {
        promotions = List.copyOf(promotions);
    }

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.startArray("promotions");
        for (int i = 0, size = promotions.size(); i < size; i++)
        {
            w.startObject();
            promotions.get(i).writeFields(w);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
}
