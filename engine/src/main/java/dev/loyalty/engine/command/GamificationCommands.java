package dev.loyalty.engine.command;

import java.util.List;

/**
 * The commands of tiers, achievements and leaderboards. {@code scopePartnerId} is the partner a {@code pos} key
 * is bound to, or null for an admin key, as in {@link Commands}.
 */
public final class GamificationCommands
{
    private GamificationCommands()
    {
    }

    /** {@code PUT /v1/tiers}: the whole tier program; {@code tiers} ascending by threshold, the first at 0. */
    public record PutTiers(String requestId, TierBasis basis, long periodDays, List<TierLevel> tiers) implements Command
    {
        public PutTiers
        {
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
        }

        public CommandType type()
        {
            return CommandType.PUT_TIERS;
        }
    }

    /**
     * {@code PUT /v1/achievements/{achievementId}}. {@code metric} is {@code PURCHASES}, {@code SPEND},
     * {@code POINTS_EARNED}, {@code ACTIVITY:<TYPE>}, {@code CATEGORY_SPEND:<category>} or {@code CHANNELS}.
     */
    public record PutAchievement(
        String requestId,
        String achievementId,
        String name,
        String metric,
        long target,
        long rewardPoints,
        boolean repeatable) implements Command
    {
        public CommandType type()
        {
            return CommandType.PUT_ACHIEVEMENT;
        }
    }

    /** {@code PUT /v1/leaderboards/{boardId}}; {@code partnerId} null counts every partner. */
    public record PutLeaderboard(
        String requestId, String boardId, BoardMetric metric, BoardPeriod period, String partnerId) implements Command
    {
        public CommandType type()
        {
            return CommandType.PUT_LEADERBOARD;
        }
    }

    /** {@code GET /v1/tiers}. */
    public record GetTiers() implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_TIERS;
        }
    }

    /** {@code GET /v1/achievements/{achievementId}}. */
    public record GetAchievement(String achievementId) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_ACHIEVEMENT;
        }
    }

    /** {@code GET /v1/achievements}. */
    public record ListAchievements() implements Command
    {
        public CommandType type()
        {
            return CommandType.LIST_ACHIEVEMENTS;
        }
    }

    /** {@code GET /v1/members/{memberId}/achievements}: every achievement with the member's progress. */
    public record GetMemberAchievements(String scopePartnerId, String memberId) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_MEMBER_ACHIEVEMENTS;
        }
    }

    /** {@code GET /v1/leaderboards/{boardId}?limit=}: the top {@code limit} entries. */
    public record GetLeaderboard(String scopePartnerId, String boardId, int limit) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_LEADERBOARD;
        }
    }

    /** {@code GET /v1/leaderboards/{boardId}/members/{memberId}}: one member's rank and value. */
    public record GetLeaderboardMember(String scopePartnerId, String boardId, String memberId) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_LEADERBOARD_MEMBER;
        }
    }
}
