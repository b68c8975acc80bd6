package dev.loyalty.gateway;

import com.fasterxml.jackson.core.JsonToken;
import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.BoardPeriod;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.command.TierLevel;
import dev.loyalty.engine.logic.GamificationValidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes the bodies and queries of tiers, achievements and leaderboards. Types are checked here; values by
 * the engine's {@link GamificationValidation}, called here too so that a bad definition is a 400 naming its
 * field before the key is looked at (API.md's order of checks).
 */
final class GamificationBodies
{
    private GamificationBodies()
    {
    }

    /** {@code PUT /v1/tiers}: {@code {"requestId","basis","periodDays","tiers":[{"id","threshold"}]}}. */
    static GamificationCommands.PutTiers tiers(final JsonReader r)
    {
        String requestId = null;
        TierBasis basis = null;
        long periodDays = -1;
        List<TierLevel> tiers = null;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "basis" -> basis = switch (r.string("basis"))
                {
                    case "SPEND" -> TierBasis.SPEND;
                    case "POINTS" -> TierBasis.POINTS;
                    default -> throw new BadRequestException("basis must be SPEND or POINTS");
                };
                case "periodDays" -> periodDays = r.integer("periodDays", 1, GamificationValidation.MAX_PERIOD_DAYS);
                case "tiers" -> tiers = levels(r);
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        if (basis == null)
        {
            throw new BadRequestException("basis is required (SPEND or POINTS)");
        }
        if (periodDays < 0)
        {
            throw new BadRequestException("periodDays is required");
        }
        if (tiers == null)
        {
            throw new BadRequestException("tiers is required");
        }
        final GamificationCommands.PutTiers c = new GamificationCommands.PutTiers(requestId, basis, periodDays, tiers);
        check(GamificationValidation.tiersProblem(c));
        return c;
    }

    private static List<TierLevel> levels(final JsonReader r)
    {
        if (!r.startArray("tiers"))
        {
            return null;
        }
        final ArrayList<TierLevel> levels = new ArrayList<>();
        while (r.nextElement())
        {
            final String where = "tiers[" + levels.size() + "]";
            if (levels.size() == GamificationValidation.MAX_TIERS)
            {
                throw new BadRequestException("tiers has more than " + GamificationValidation.MAX_TIERS + " tiers");
            }
            if (r.current() != JsonToken.START_OBJECT)
            {
                throw new BadRequestException(where + " must be an object");
            }
            String id = null;
            long threshold = -1;
            String field;
            while ((field = r.nextField()) != null)
            {
                switch (field)
                {
                    case "id" -> id = r.id(where + ".id");
                    case "threshold" -> threshold = r.integer(
                        where + ".threshold", 0, GamificationValidation.MAX_AMOUNT);
                    default -> throw JsonReader.unknownField(where + "." + field);
                }
            }
            if (id == null || threshold < 0)
            {
                throw new BadRequestException(where + " needs id and threshold");
            }
            levels.add(new TierLevel(id, threshold));
        }
        return levels;
    }

    /**
     * {@code PUT /v1/achievements/{achievementId}}: {@code {"requestId","name","metric","target","rewardPoints",
     * "repeatable"}}; {@code rewardPoints} defaults to 0, {@code repeatable} to false.
     */
    static GamificationCommands.PutAchievement achievement(final JsonReader r, final String achievementId)
    {
        String requestId = null;
        String name = null;
        String metric = null;
        long target = -1;
        long rewardPoints = 0;
        boolean repeatable = false;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "name" -> name = JsonReader.checkText("name", r.string("name"));
                case "metric" -> metric = r.string("metric");
                case "target" -> target = r.integer("target", 1, GamificationValidation.MAX_AMOUNT);
                case "rewardPoints" -> rewardPoints = r.integer("rewardPoints", 0, GamificationValidation.MAX_REWARD);
                case "repeatable" -> repeatable = r.bool("repeatable");
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        if (name == null)
        {
            throw new BadRequestException("name is required");
        }
        if (metric == null)
        {
            throw new BadRequestException("metric is required");
        }
        if (target < 0)
        {
            throw new BadRequestException("target is required");
        }
        final GamificationCommands.PutAchievement c = new GamificationCommands.PutAchievement(
            requestId, achievementId, name, metric, target, rewardPoints, repeatable);
        check(GamificationValidation.achievementProblem(c));
        return c;
    }

    /** {@code PUT /v1/leaderboards/{boardId}}: {@code {"requestId","metric","period","partnerId"}}. */
    static GamificationCommands.PutLeaderboard leaderboard(final JsonReader r, final String boardId)
    {
        String requestId = null;
        BoardMetric metric = null;
        BoardPeriod period = null;
        String partnerId = null;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "metric" -> metric = switch (r.string("metric"))
                {
                    case "POINTS_EARNED" -> BoardMetric.POINTS_EARNED;
                    case "PURCHASES" -> BoardMetric.PURCHASES;
                    case "SPEND" -> BoardMetric.SPEND;
                    default -> throw new BadRequestException("metric must be POINTS_EARNED, PURCHASES or SPEND");
                };
                case "period" -> period = switch (r.string("period"))
                {
                    case "WEEK" -> BoardPeriod.WEEK;
                    case "MONTH" -> BoardPeriod.MONTH;
                    case "ALL" -> BoardPeriod.ALL;
                    default -> throw new BadRequestException("period must be WEEK, MONTH or ALL");
                };
                case "partnerId" -> partnerId = r.nullableId("partnerId");
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        if (metric == null)
        {
            throw new BadRequestException("metric is required (POINTS_EARNED, PURCHASES or SPEND)");
        }
        if (period == null)
        {
            throw new BadRequestException("period is required (WEEK, MONTH or ALL)");
        }
        final GamificationCommands.PutLeaderboard c =
            new GamificationCommands.PutLeaderboard(requestId, boardId, metric, period, partnerId);
        check(GamificationValidation.leaderboardProblem(c));
        return c;
    }

    /** {@code GET /v1/leaderboards/{boardId}?limit=10}: limit 1..100, default 10. */
    static GamificationCommands.GetLeaderboard board(
        final Map<String, List<String>> query, final String scope, final String boardId)
    {
        int limit = 10;
        for (final Map.Entry<String, List<String>> e : query.entrySet())
        {
            if (!"limit".equals(e.getKey()))
            {
                throw new BadRequestException("unknown query parameter " + e.getKey());
            }
            if (e.getValue().size() != 1)
            {
                throw new BadRequestException("query parameter limit must be given once");
            }
            try
            {
                limit = Integer.parseInt(e.getValue().get(0));
            }
            catch (final NumberFormatException ex)
            {
                limit = -1;
            }
            if (limit < 1 || limit > GamificationValidation.MAX_BOARD_LIMIT)
            {
                throw new BadRequestException("limit must be an integer 1.." + GamificationValidation.MAX_BOARD_LIMIT);
            }
        }
        return new GamificationCommands.GetLeaderboard(scope, boardId, limit);
    }

    private static void check(final String problem)
    {
        if (problem != null)
        {
            throw new BadRequestException(problem);
        }
    }
}
