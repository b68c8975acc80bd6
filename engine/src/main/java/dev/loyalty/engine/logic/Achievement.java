package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.GamificationCommands;

/**
 * A defined achievement. {@code index} is its place in definition order (members keep their progress in an
 * array by it); {@code definedSeq} is the gamification sequence at its first definition: progress counts what
 * happens after it, and refunds take back only purchases captured after it. A redefinition changes name,
 * target, reward and repeatable, never the metric, and keeps everyone's progress.
 */
final class Achievement
{
    final String achievementId;
    final int index;
    final AchievementMetric metric;
    final String metricText;
    final long definedSeq;
    final long definedAt;
    String name;
    long target;
    long rewardPoints;
    boolean repeatable;
    /** Unlocks over all members, and the points they credited. */
    long unlocks;
    long pointsCredited;

    Achievement(
        final GamificationCommands.PutAchievement c, final int index, final long definedSeq, final long definedAt)
    {
        this.achievementId = c.achievementId();
        this.index = index;
        this.metric = AchievementMetric.parse(c.metric());
        this.metricText = c.metric();
        this.definedSeq = definedSeq;
        this.definedAt = definedAt;
        redefine(c);
    }

    /** An achievement restored from a snapshot: the caller sets its name, target, reward and totals. */
    Achievement(
        final String achievementId, final int index, final String metricText, final long definedSeq,
        final long definedAt)
    {
        this.achievementId = achievementId;
        this.index = index;
        this.metric = AchievementMetric.parse(metricText);
        this.metricText = metricText;
        this.definedSeq = definedSeq;
        this.definedAt = definedAt;
    }

    void redefine(final GamificationCommands.PutAchievement c)
    {
        name = c.name();
        target = c.target();
        rewardPoints = c.rewardPoints();
        repeatable = c.repeatable();
    }

    /**
     * How many unlocks {@code progress} has earned in all: once it reaches the target, 1 (or, repeatable, one per
     * whole target reached).
     */
    long unlocksAt(final long progress)
    {
        if (progress < target)
        {
            return 0;
        }
        return repeatable ? progress / target : 1;
    }
}
