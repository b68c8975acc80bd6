package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** {@code {"memberId"(the target),"mergedMemberId","balance"}}. */
record MergeReply(String memberId, String mergedMemberId, BalanceView balance) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("memberId", memberId);
        w.field("mergedMemberId", mergedMemberId);
        balance.writeTo(w);
        w.endObject();
    }
}
