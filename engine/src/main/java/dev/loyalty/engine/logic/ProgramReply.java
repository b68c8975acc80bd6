package dev.loyalty.engine.logic;

import dev.loyalty.engine.pricing.ProgramSettings;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

/** The program as {@code PUT /v1/program} takes it (without the requestId). */
record ProgramReply(ProgramSettings program) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("pointValueMinor", program.pointValueMinor());
        w.field("baseEarnBp", program.baseEarnBp());
        w.field("earnOn", program.earnOn().name());
        w.field("activationDelayHours", program.activationDelayHours());
        w.field("pointsTtlDays", program.pointsTtlDays());
        w.field("maxRedeemShareBp", program.maxRedeemShareBp());
        w.field("holdTimeoutSeconds", program.holdTimeoutSeconds());
        w.startObject("referral");
        w.field("referrerPoints", program.referrerPoints());
        w.field("refereePoints", program.refereePoints());
        w.endObject();
        w.endObject();
    }
}
