package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.ReplyWriter;

/** One entry of a member's tier history: the tier it moved into and when (engine time). */
record TierChange(String tier, long atMillis)
{
    void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("tier", tier);
        w.field("at", Times.iso(atMillis));
        w.endObject();
    }
}
