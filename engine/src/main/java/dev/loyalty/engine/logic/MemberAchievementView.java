package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.ReplyWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * One member's standing on one achievement at one moment. In {@code GET /v1/members/{id}/achievements}:
 * {@code {"achievementId","name","metric","target","rewardPoints","repeatable","progress","unlocks",
 * "unlockedAt","lastUnlockedAt"}}, and for a repeatable one {@code "nextUnlockAt"}: the progress at which it
 * unlocks next. In the profile, only unlocked ones: {@code {"achievementId","name","unlocks","unlockedAt",
 * "lastUnlockedAt"}}.
 */
record MemberAchievementView(
    String achievementId,
    String name,
    String metric,
    long target,
    long rewardPoints,
    boolean repeatable,
    long progress,
    long unlocks,
    long firstUnlockedAt,
    long lastUnlockedAt)
{
    static MemberAchievementView of(final Achievement a, final AchievementProgress p)
    {
        return new MemberAchievementView(a.achievementId, a.name, a.metricText, a.target, a.rewardPoints, a.repeatable,
            p == null ? 0 : p.progress, p == null ? 0 : p.unlocks, p == null ? MemberStats.NONE : p.firstUnlockedAt,
            p == null ? MemberStats.NONE : p.lastUnlockedAt);
    }

    /** Every achievement with the member's progress, in definition order. */
    static List<MemberAchievementView> all(final List<Achievement> achievements, final Member m)
    {
        final List<MemberAchievementView> views = new ArrayList<>(achievements.size());
        for (int i = 0, size = achievements.size(); i < size; i++)
        {
            final Achievement a = achievements.get(i);
            views.add(of(a, Gamification.progressOf(m, a.index)));
        }
        return views;
    }

    /** The member's unlocked achievements, in definition order. */
    static List<MemberAchievementView> unlocked(final List<Achievement> achievements, final Member m)
    {
        if (m.achievements == null)
        {
            return List.of();
        }
        final List<MemberAchievementView> views = new ArrayList<>(2);
        for (int i = 0, size = achievements.size(); i < size; i++)
        {
            final Achievement a = achievements.get(i);
            final AchievementProgress p = Gamification.progressOf(m, a.index);
            if (p != null && p.unlocks > 0)
            {
                views.add(of(a, p));
            }
        }
        return views;
    }

    void writeProgress(final ReplyWriter w)
    {
        w.startObject();
        w.field("achievementId", achievementId);
        w.field("name", name);
        w.field("metric", metric);
        w.field("target", target);
        w.field("rewardPoints", rewardPoints);
        w.field("repeatable", repeatable);
        w.field("progress", progress);
        if (repeatable)
        {
            w.field("nextUnlockAt", Math.max(unlocks + 1, progress / target + 1) * target);
        }
        writeUnlocks(w);
        w.endObject();
    }

    void writeUnlocked(final ReplyWriter w)
    {
        w.startObject();
        w.field("achievementId", achievementId);
        w.field("name", name);
        writeUnlocks(w);
        w.endObject();
    }

    private void writeUnlocks(final ReplyWriter w)
    {
        w.field("unlocks", unlocks);
        time(w, "unlockedAt", firstUnlockedAt);
        time(w, "lastUnlockedAt", lastUnlockedAt);
    }

    private static void time(final ReplyWriter w, final String name, final long at)
    {
        if (at == MemberStats.NONE)
        {
            w.nullField(name);
        }
        else
        {
            w.field(name, Times.iso(at));
        }
    }
}
