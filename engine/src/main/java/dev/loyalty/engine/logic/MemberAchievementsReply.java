package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/** {@code GET /v1/members/{memberId}/achievements}: {@code {"memberId","achievements":[…]}}, every one defined. */
record MemberAchievementsReply(String memberId, List<MemberAchievementView> achievements) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("memberId", memberId);
        w.startArray("achievements");
        for (int i = 0, size = achievements.size(); i < size; i++)
        {
            achievements.get(i).writeProgress(w);
        }
        w.endArray();
        w.endObject();
    }
}
