package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * {@code POST /v1/coupons}: {@code {"promotionId","usesPerCode","generated","codes":[…]}}, the codes in the order
 * given or generated. A replay answers the same codes again.
 */
record CouponsReply(String promotionId, long usesPerCode, boolean generated, List<String> codes) implements Reply
{
    CouponsReply
    {
        codes = List.copyOf(codes);
    }

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("promotionId", promotionId);
        w.field("usesPerCode", usesPerCode);
        w.field("generated", generated);
        w.startArray("codes");
        for (int i = 0, size = codes.size(); i < size; i++)
        {
            w.value(codes.get(i));
        }
        w.endArray();
        w.endObject();
    }
}
