package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * An achievement's definition with its totals at one moment: {@code {"achievementId","name","metric","target",
 * "rewardPoints","repeatable","definedAt","unlocks","pointsCredited"}}.
 */
record AchievementReply(
    String achievementId,
    String name,
    String metric,
    long target,
    long rewardPoints,
    boolean repeatable,
    long definedAt,
    long unlocks,
    long pointsCredited) implements Reply
{
    static AchievementReply of(final Achievement a)
    {
        return new AchievementReply(a.achievementId, a.name, a.metricText, a.target, a.rewardPoints, a.repeatable,
            a.definedAt, a.unlocks, a.pointsCredited);
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
        w.field("achievementId", achievementId);
        w.field("name", name);
        w.field("metric", metric);
        w.field("target", target);
        w.field("rewardPoints", rewardPoints);
        w.field("repeatable", repeatable);
        w.field("definedAt", Times.iso(definedAt));
        w.field("unlocks", unlocks);
        w.field("pointsCredited", pointsCredited);
    }

    /** {@code GET /v1/achievements}: {@code {"achievements":[…]}} in definition order. */
    record ListReply(List<AchievementReply> achievements) implements Reply
    {
        public int httpStatus()
        {
            return 200;
        }

        public void writeTo(final ReplyWriter w)
        {
            w.startObject();
            w.startArray("achievements");
            for (int i = 0, size = achievements.size(); i < size; i++)
            {
                achievements.get(i).writeTo(w);
            }
            w.endArray();
            w.endObject();
        }
    }
}
