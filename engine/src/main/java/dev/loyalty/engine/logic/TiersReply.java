package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.TierLevel;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * {@code PUT /v1/tiers} and {@code GET /v1/tiers}: {@code {"basis","periodDays","tiers":[{"id","threshold"}]}};
 * before tiers are defined {@code basis} and {@code periodDays} are null and the only tier is base at 0.
 */
record TiersReply(TierProgram program) implements Reply
{
    private static final List<TierLevel> BASE_ONLY = List.of(new TierLevel(Member.BASE_TIER, 0));

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        if (program == null)
        {
            w.nullField("basis");
            w.nullField("periodDays");
        }
        else
        {
            w.field("basis", program.basis().name());
            w.field("periodDays", program.periodDays());
        }
        w.startArray("tiers");
        final List<TierLevel> tiers = program == null ? BASE_ONLY : program.tiers();
        for (int i = 0, size = tiers.size(); i < size; i++)
        {
            w.startObject();
            w.field("id", tiers.get(i).id());
            w.field("threshold", tiers.get(i).threshold());
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
}
