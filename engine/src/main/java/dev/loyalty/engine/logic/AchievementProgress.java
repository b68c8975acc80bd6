package dev.loyalty.engine.logic;

/**
 * One member's progress toward one achievement: what it counted (for CHANNELS the bit set of channels used,
 * by ordinal), how often it unlocked, and the first and last unlock times ({@link MemberStats#NONE} before).
 */
final class AchievementProgress
{
    long progress;
    long channels;
    long unlocks;
    long firstUnlockedAt = MemberStats.NONE;
    long lastUnlockedAt = MemberStats.NONE;

    /** Adds another member's progress into this one (a merge). */
    void add(final AchievementProgress o)
    {
        progress += o.progress;
        channels |= o.channels;
        unlocks += o.unlocks;
        if (o.firstUnlockedAt != MemberStats.NONE &&
            (firstUnlockedAt == MemberStats.NONE || o.firstUnlockedAt < firstUnlockedAt))
        {
            firstUnlockedAt = o.firstUnlockedAt;
        }
        if (o.lastUnlockedAt != MemberStats.NONE &&
            (lastUnlockedAt == MemberStats.NONE || o.lastUnlockedAt > lastUnlockedAt))
        {
            lastUnlockedAt = o.lastUnlockedAt;
        }
    }
}
