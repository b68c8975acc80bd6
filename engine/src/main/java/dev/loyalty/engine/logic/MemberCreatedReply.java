package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** 201 {@code {"memberId","referralCode","tier"}}: base, or the lowest tier once tiers are defined. */
record MemberCreatedReply(String memberId, String referralCode, String tier) implements Reply
{
    public int httpStatus()
    {
        return 201;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("memberId", memberId);
        w.field("referralCode", referralCode);
        w.field("tier", tier);
        w.endObject();
    }
}
