package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.TierLevel;
import dev.loyalty.engine.promotion.PromotionValidation;

import java.util.List;

/**
 * Checks definitions of tiers, achievements and leaderboards: each method returns what is wrong, naming the
 * field, or null. The engine checks every command with it; the gateway calls it too, so that a bad definition
 * is a 400 before the key is looked at.
 */
public final class GamificationValidation
{
    /** The longest tier window, in days (ten years). */
    public static final long MAX_PERIOD_DAYS = 3_660;
    /** The most tiers a program may have. */
    public static final int MAX_TIERS = 20;
    /** The largest tier threshold, an achievement's largest target: money or points. */
    public static final long MAX_AMOUNT = 1_000_000_000_000_000L;
    /** The largest reward of an achievement. */
    public static final long MAX_REWARD = 1_000_000_000_000L;
    /** The most achievements and leaderboards that may be defined. */
    public static final int MAX_ACHIEVEMENTS = 1_000;
    public static final int MAX_LEADERBOARDS = 100;
    /** The most entries one leaderboard read answers. */
    public static final int MAX_BOARD_LIMIT = 100;
    /** The longest name. */
    public static final int MAX_NAME = 200;

    private GamificationValidation()
    {
    }

    /** {@code PUT /v1/tiers}. */
    public static String tiersProblem(final GamificationCommands.PutTiers c)
    {
        if (c.basis() == null)
        {
            return "basis must be SPEND or POINTS";
        }
        if (c.periodDays() < 1 || c.periodDays() > MAX_PERIOD_DAYS)
        {
            return "periodDays must be 1.." + MAX_PERIOD_DAYS;
        }
        final List<TierLevel> tiers = c.tiers();
        if (tiers.isEmpty() || tiers.size() > MAX_TIERS)
        {
            return "tiers must have 1.." + MAX_TIERS + " tiers";
        }
        for (int i = 0, size = tiers.size(); i < size; i++)
        {
            final TierLevel t = tiers.get(i);
            if (t == null || PromotionValidation.badId(t.id()))
            {
                return "tiers[" + i + "].id must be 1-64 printable characters";
            }
            if (i == 0 && t.threshold() != 0)
            {
                return "tiers[0].threshold must be 0";
            }
            if (i > 0 && (t.threshold() <= tiers.get(i - 1).threshold() || t.threshold() > MAX_AMOUNT))
            {
                return "tiers[" + i + "].threshold must be above the previous tier's and at most " + MAX_AMOUNT;
            }
            for (int k = 0; k < i; k++)
            {
                if (tiers.get(k).id().equals(t.id()))
                {
                    return "tiers[" + i + "].id repeats " + t.id();
                }
            }
        }
        return null;
    }

    /** {@code PUT /v1/achievements/{achievementId}}. */
    public static String achievementProblem(final GamificationCommands.PutAchievement c)
    {
        if (PromotionValidation.badId(c.achievementId()))
        {
            return "achievementId must be 1-64 printable characters";
        }
        if (c.name() == null || c.name().isEmpty() || c.name().length() > MAX_NAME)
        {
            return "name must be 1-" + MAX_NAME + " characters";
        }
        final AchievementMetric metric = AchievementMetric.parse(c.metric());
        if (metric == null)
        {
            return "metric must be PURCHASES, SPEND, POINTS_EARNED, ACTIVITY:<TYPE>, CATEGORY_SPEND:<category> " +
                "or CHANNELS";
        }
        final long maxTarget = metric.kind() == AchievementMetric.Kind.CHANNELS ? AchievementMetric.CHANNEL_COUNT :
            MAX_AMOUNT;
        if (c.target() < 1 || c.target() > maxTarget)
        {
            return "target must be 1.." + maxTarget;
        }
        if (c.rewardPoints() < 0 || c.rewardPoints() > MAX_REWARD)
        {
            return "rewardPoints must be 0.." + MAX_REWARD;
        }
        return null;
    }

    /** {@code PUT /v1/leaderboards/{boardId}}. */
    public static String leaderboardProblem(final GamificationCommands.PutLeaderboard c)
    {
        if (PromotionValidation.badId(c.boardId()))
        {
            return "boardId must be 1-64 printable characters";
        }
        if (c.metric() == null)
        {
            return "metric must be POINTS_EARNED, PURCHASES or SPEND";
        }
        if (c.period() == null)
        {
            return "period must be WEEK, MONTH or ALL";
        }
        if (c.partnerId() != null && PromotionValidation.badId(c.partnerId()))
        {
            return "partnerId must be 1-64 printable characters or null";
        }
        return null;
    }
}
