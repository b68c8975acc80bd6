package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * What one purchase or activity unlocked of one achievement: {@code {"achievementId","name","unlocks","points"}}
 * ({@code unlocks} is more than 1 only when one purchase passes several targets of a repeatable achievement).
 */
record UnlockView(String achievementId, String name, long unlocks, long points)
{
    void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("achievementId", achievementId);
        w.field("name", name);
        w.field("unlocks", unlocks);
        w.field("points", points);
        w.endObject();
    }

    static void writeAll(final ReplyWriter w, final List<UnlockView> unlocked)
    {
        w.startArray("achievements");
        for (int i = 0, size = unlocked.size(); i < size; i++)
        {
            unlocked.get(i).writeTo(w);
        }
        w.endArray();
    }
}
