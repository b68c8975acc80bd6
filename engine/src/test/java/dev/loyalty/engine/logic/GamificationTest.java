package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.BoardPeriod;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.command.TierLevel;
import dev.loyalty.engine.reply.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.loyalty.engine.logic.Harness.DAY;
import static dev.loyalty.engine.logic.Harness.at;
import static dev.loyalty.engine.logic.Harness.num;
import static dev.loyalty.engine.logic.Rule.promotion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiers, achievements, leaderboards and referrals through the business logic, with explicit engine time. The
 * program is the default one: 5% of what is paid comes back as points, {@code floor(paid / 2000)}.
 */
class GamificationTest
{
    private final Harness h = new Harness();

    private void tiers(final TierBasis basis, final long periodDays)
    {
        h.ok(new GamificationCommands.PutTiers(h.rid(), basis, periodDays, List.of(new TierLevel("base", 0),
            new TierLevel("silver", 3_000_000), new TierLevel("gold", 10_000_000))));
    }

    private String tier(final String memberId)
    {
        return (String)h.profile(memberId).get("tier");
    }

    @SuppressWarnings("unchecked")
    private List<String> tierHistory(final String memberId)
    {
        final List<Map<String, Object>> history = (List<Map<String, Object>>)h.profile(memberId).get("tierHistory");
        return history.stream().map(e -> e.get("tier") + "@" + e.get("at")).toList();
    }

    private static String iso(final long millis)
    {
        return Instant.ofEpochMilli(millis).toString().replace(".000", "");
    }

    private Map<String, Object> buy(final String txId, final String storeId, final String memberId, final long price)
    {
        return h.ok(new Commands.OneShot(null, Harness.cheque(txId, storeId, memberId, 0, price)));
    }

    private void achievement(final String id, final String metric, final long target, final long reward,
        final boolean repeatable)
    {
        h.ok(new GamificationCommands.PutAchievement(h.rid(), id, id + " name", metric, target, reward, repeatable));
    }

    private void board(final String id, final BoardMetric metric, final BoardPeriod period, final String partnerId)
    {
        h.ok(new GamificationCommands.PutLeaderboard(h.rid(), id, metric, period, partnerId));
    }

    @SuppressWarnings("unchecked")
    private List<String> top(final String boardId, final int limit)
    {
        final Map<String, Object> board = h.ok(new GamificationCommands.GetLeaderboard(null, boardId, limit));
        return ((List<Map<String, Object>>)board.get("entries")).stream()
            .map(e -> e.get("rank") + ":" + e.get("memberId") + "=" + e.get("value")).toList();
    }

    // ------------------------------------------------------------------------------------------------------ tiers

    @Test
    void shouldClimbToSilverThenGoldAndFallBackAsTheWindowMovesPastThePurchases()
    {
        final String m = h.member("1");
        assertEquals("base", tier(m));
        tiers(TierBasis.SPEND, 30);

        buy("t1", "web", m, 3_000_000);
        assertEquals("silver", tier(m));
        final long silverAt = h.stamp;
        h.advance(10 * DAY);
        buy("t2", "web", m, 7_000_000);
        assertEquals("gold", tier(m));
        final long goldAt = h.stamp;

        final long firstDay = Math.floorDiv(silverAt, DAY);
        assertEquals((firstDay + 31) * DAY, h.logic.nextDueAtMillis());
        h.stamp = (firstDay + 31) * DAY - 1;
        h.tick();
        assertEquals("gold", tier(m));
        h.stamp = (firstDay + 31) * DAY;
        h.tick();
        assertEquals("silver", tier(m));
        h.stamp = (Math.floorDiv(goldAt, DAY) + 31) * DAY;
        h.tick();
        assertEquals("base", tier(m));
        assertEquals(List.of("silver@" + iso(silverAt), "gold@" + iso(goldAt),
            "silver@" + iso((firstDay + 31) * DAY), "base@" + iso(h.stamp)), tierHistory(m));
        h.assertInvariants();
    }

    @Test
    void shouldDropATierWhenARefundTakesTheSpendBelowItsThreshold()
    {
        tiers(TierBasis.SPEND, 365);
        final String m = h.member("1");
        buy("t1", "web", m, 10_000_000);
        assertEquals("gold", tier(m));

        h.refundAmount("t1", "rf-1", 5_000_000);
        assertEquals("silver", tier(m));
        h.refundAmount("t1", "rf-2", 5_000_000);
        assertEquals("base", tier(m));
        h.assertInvariants();
    }

    @Test
    void shouldCountPointsCreditedOnAPointsBasisAndLetPromotionsReadTheTier()
    {
        h.ok(new GamificationCommands.PutTiers(h.rid(), TierBasis.POINTS, 30, List.of(new TierLevel("bronze", 0),
            new TierLevel("gold", 150))));
        h.define(promotion("gold-bonus").tiers("gold").earnPoints(1_000));
        final String m = h.member("1");
        assertEquals("bronze", tier(m));

        assertEquals(100L, num(buy("t1", "web", m, 200_000), "pointsEarned"));
        assertEquals("bronze", tier(m));
        assertEquals(100L, num(buy("t2", "web", m, 200_000), "pointsEarned"));
        assertEquals("gold", tier(m));
        assertEquals(1_100L, num(buy("t3", "web", m, 200_000), "pointsEarned"));
        h.assertInvariants();
    }

    @Test
    void shouldRecomputeEveryTierWhenTheTiersChange()
    {
        final String m = h.member("1");
        tiers(TierBasis.SPEND, 30);
        buy("t1", "web", m, 3_000_000);
        assertEquals("silver", tier(m));

        h.ok(new GamificationCommands.PutTiers(h.rid(), TierBasis.SPEND, 30, List.of(new TierLevel("base", 0),
            new TierLevel("silver", 5_000_000))));
        assertEquals("base", tier(m));
        h.ok(new GamificationCommands.PutTiers(h.rid(), TierBasis.SPEND, 30, List.of(new TierLevel("base", 0),
            new TierLevel("silver", 1_000_000))));
        assertEquals("silver", tier(m));
        h.ok(new GamificationCommands.PutTiers(h.rid(), TierBasis.POINTS, 30, List.of(new TierLevel("base", 0),
            new TierLevel("silver", 1_000_000))));
        assertEquals("base", tier(m));
        h.assertInvariants();
    }

    @Test
    void shouldRefuseBadTierProgramsNamingTheField()
    {
        final Map<String, Object> first = h.rejected(new GamificationCommands.PutTiers(h.rid(), TierBasis.SPEND, 30,
            List.of(new TierLevel("base", 5))), ErrorCode.INVALID_REQUEST);
        assertTrue(((String)at(first, "error.message")).contains("tiers[0].threshold"));
        final Map<String, Object> order = h.rejected(new GamificationCommands.PutTiers(h.rid(), TierBasis.SPEND, 30,
            List.of(new TierLevel("base", 0), new TierLevel("gold", 0))), ErrorCode.INVALID_REQUEST);
        assertTrue(((String)at(order, "error.message")).contains("tiers[1].threshold"));
        h.rejected(new GamificationCommands.PutTiers(h.rid(), null, 30, List.of(new TierLevel("base", 0))),
            ErrorCode.INVALID_REQUEST);
        h.rejected(new GamificationCommands.PutTiers(h.rid(), TierBasis.SPEND, 0, List.of(new TierLevel("base", 0))),
            ErrorCode.INVALID_REQUEST);
        assertNull(h.ok(new GamificationCommands.GetTiers()).get("basis"));
    }

    // ----------------------------------------------------------------------------------------------- achievements

    @Test
    void shouldUnlockTheReviewStarOnTheFifthReviewAndPayOnce()
    {
        final String m = h.member("1");
        achievement("review-star", "ACTIVITY:REVIEW", 5, 200, false);
        for (int i = 1; i <= 4; i++)
        {
            assertEquals(List.of(), h.activity(m, "REVIEW", "app", null).get("achievements"));
        }
        final Map<String, Object> fifth = h.activity(m, "REVIEW", "app", null);
        assertEquals(List.of(Map.of("achievementId", "review-star", "name", "review-star name", "unlocks", 1L,
            "points", 200L)), fifth.get("achievements"));
        assertEquals(200L, num(fifth, "balance.available"));
        assertEquals(List.of(), h.activity(m, "REVIEW", "app", null).get("achievements"));

        assertEquals(List.of("ACHIEVEMENT 200"), h.history(m));
        final Map<String, Object> profile = h.profile(m);
        assertEquals(200L, num(profile, "stats.pointsEarned"));
        assertEquals("review-star", at(profile, "achievements.0.achievementId"));
        assertEquals(1L, num(profile, "achievements.0.unlocks"));
        final Map<String, Object> progress = h.ok(new GamificationCommands.GetMemberAchievements(null, m));
        assertEquals(6L, num(progress, "achievements.0.progress"));
        assertEquals(5L, num(progress, "achievements.0.target"));
        h.assertInvariants();
    }

    @Test
    void shouldPayARepeatableTenPurchaseAchievementEveryTenthPurchase()
    {
        final String m = h.member("1");
        achievement("regular", "PURCHASES", 10, 50, true);
        int paid = 0;
        for (int i = 1; i <= 25; i++)
        {
            final List<?> unlocked = (List<?>)buy("t" + i, "web", m, 1_000).get("achievements");
            if (!unlocked.isEmpty())
            {
                paid++;
                assertEquals(0, i % 10, "unlocked at purchase " + i);
            }
        }
        assertEquals(2, paid);
        final Map<String, Object> progress = h.ok(new GamificationCommands.GetMemberAchievements(null, m));
        assertEquals(25L, num(progress, "achievements.0.progress"));
        assertEquals(2L, num(progress, "achievements.0.unlocks"));
        assertEquals(30L, num(progress, "achievements.0.nextUnlockAt"));
        assertEquals(2L, num(h.ok(new GamificationCommands.GetAchievement("regular")), "unlocks"));
        h.assertInvariants();
    }

    @Test
    void shouldUnlockTheOmnichannelAchievementOnceThePosStoreTheWebAndTheAppWereUsed()
    {
        h.store("s42", Channel.POS);
        final String m = h.member("1");
        achievement("omni", "CHANNELS", 3, 300, false);

        assertEquals(List.of(), buy("t1", "s42", m, 1_000).get("achievements"));
        assertEquals(List.of(), buy("t2", "s42", m, 1_000).get("achievements"));
        assertEquals(List.of(), buy("t3", "web", m, 1_000).get("achievements"));
        final Map<String, Object> app = h.ok(new Commands.Authorize(null, Harness.cheque("t4", "app", m, 0, 1_000)));
        assertEquals("AUTHORIZED", app.get("status"));
        final Map<String, Object> captured = h.capture("t4");
        assertEquals("omni", at(captured, "achievements.0.achievementId"));
        assertEquals(300L, num(captured, "achievements.0.points"));
        assertEquals("omni", at(h.purchase("t4"), "achievements.0.achievementId"));
        h.assertInvariants();
    }

    @Test
    void shouldCountCategorySpendAndTakeItBackOnARefundWithoutTakingBackTheReward()
    {
        final String m = h.member("1");
        achievement("coffee-lover", "CATEGORY_SPEND:coffee", 100_000, 500, false);
        final PurchaseRequest r = new PurchaseRequest("t1", "web", MemberRef.byId(m), null, "CARD",
            List.of(new Line("C1", "coffee", 2, 40_000), new Line("B1", "bakery", 1, 30_000)), 0, false, List.of());
        assertEquals(List.of(), h.ok(new Commands.OneShot(null, r)).get("achievements"));
        assertEquals(80_000L, num(h.ok(new GamificationCommands.GetMemberAchievements(null, m)),
            "achievements.0.progress"));
        h.refundLines("t1", "rf-1", new dev.loyalty.engine.command.RefundLine("C1", 1));
        assertEquals(40_000L, num(h.ok(new GamificationCommands.GetMemberAchievements(null, m)),
            "achievements.0.progress"));
        final PurchaseRequest big = new PurchaseRequest("t2", "web", MemberRef.byId(m), null, "CARD",
            List.of(new Line("C2", "coffee", 1, 60_000)), 0, false, List.of());
        assertEquals(500L, num(h.ok(new Commands.OneShot(null, big)), "achievements.0.points"));
        h.refundAmount("t2", "rf-2", 60_000);
        assertEquals(1L, num(h.ok(new GamificationCommands.GetMemberAchievements(null, m)), "achievements.0.unlocks"));
        h.assertInvariants();
    }

    @Test
    void shouldCountProgressOnlyFromTheAchievementsDefinitionAndRefuseAMetricChange()
    {
        final String m = h.member("1");
        buy("t0", "web", m, 1_000);
        achievement("first-steps", "PURCHASES", 2, 10, false);
        buy("t1", "web", m, 1_000);
        assertEquals(1L, num(h.ok(new GamificationCommands.GetMemberAchievements(null, m)), "achievements.0.progress"));

        h.rejected(new GamificationCommands.PutAchievement(h.rid(), "first-steps", "x", "SPEND", 2, 10, false),
            ErrorCode.INVALID_STATE);
        final Map<String, Object> bad = h.rejected(new GamificationCommands.PutAchievement(h.rid(), "x", "x",
            "ACTIVITY:review", 2, 10, false), ErrorCode.INVALID_REQUEST);
        assertTrue(((String)at(bad, "error.message")).startsWith("metric"));
        h.rejected(new GamificationCommands.PutAchievement(h.rid(), "x", "x", "CHANNELS", 7, 10, false),
            ErrorCode.INVALID_REQUEST);
        h.rejected(new GamificationCommands.GetAchievement("nope"), ErrorCode.ACHIEVEMENT_NOT_FOUND);
        achievement("first-steps", "PURCHASES", 1, 10, false);
        assertEquals(10L, num(buy("t2", "web", m, 1_000), "achievements.0.points"));
        assertEquals(List.of(), buy("t3", "web", m, 1_000).get("achievements"));
        h.assertInvariants();
    }

    // ----------------------------------------------------------------------------------------------- leaderboards

    @Test
    void shouldRankTiedMembersTogetherAndStartAgainWithTheNextMonth()
    {
        final String a = h.member("a");
        final String b = h.member("b");
        final String c = h.member("c");
        final String d = h.member("d");
        buy("before", "web", a, 900_000);
        board("monthly", BoardMetric.POINTS_EARNED, BoardPeriod.MONTH, null);
        buy("t1", "web", a, 40_000);
        buy("t2", "web", b, 40_000);
        buy("t3", "web", c, 100_000);
        buy("t4", "web", d, 2_000);

        assertEquals(List.of("1:" + c + "=50", "2:" + a + "=20", "2:" + b + "=20", "4:" + d + "=1"), top("monthly", 10));
        assertEquals(List.of("1:" + c + "=50", "2:" + a + "=20"), top("monthly", 2));
        final Map<String, Object> rank = h.ok(new GamificationCommands.GetLeaderboardMember(null, "monthly", b));
        assertEquals(2L, num(rank, "rank"));
        assertEquals(20L, num(rank, "value"));

        final long january = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
        assertEquals(january, h.logic.nextDueAtMillis());
        h.stamp = january;
        h.tick();
        assertEquals(List.of(), top("monthly", 10));
        final Map<String, Object> after = h.ok(new GamificationCommands.GetLeaderboardMember(null, "monthly", b));
        assertNull(after.get("rank"));
        assertEquals(0L, num(after, "value"));
        final Map<String, Object> shown = h.ok(new GamificationCommands.GetLeaderboard(null, "monthly", 10));
        assertEquals("2027-01-01T00:00:00Z", shown.get("periodStart"));
        assertEquals("2027-02-01T00:00:00Z", shown.get("periodEnd"));
        buy("t5", "web", d, 2_000);
        assertEquals(List.of("1:" + d + "=1"), top("monthly", 10));
        h.assertInvariants();
    }

    @Test
    void shouldStartWeeksOnMondayAndCountSpendNetOfRefundsPerPartner()
    {
        h.ok(new Commands.PutPartner(h.rid(), "coffee", "Coffee&Co"));
        h.ok(new Commands.PutStore(h.rid(), "cafe", "coffee", Channel.POS, Map.of()));
        final String a = h.member("a");
        board("weekly", BoardMetric.SPEND, BoardPeriod.WEEK, "coffee");
        h.rejected(new GamificationCommands.PutLeaderboard(h.rid(), "weekly", BoardMetric.SPEND, BoardPeriod.MONTH,
            "coffee"), ErrorCode.INVALID_STATE);
        h.rejected(new GamificationCommands.PutLeaderboard(h.rid(), "x", BoardMetric.SPEND, BoardPeriod.MONTH,
            "nobody"), ErrorCode.PARTNER_NOT_FOUND);

        buy("t1", "cafe", a, 10_000);
        buy("t2", "web", a, 70_000);
        h.refundAmount("t1", "rf-1", 4_000);
        assertEquals(List.of("1:" + a + "=6000"), top("weekly", 10));

        final Map<String, Object> shown = h.ok(new GamificationCommands.GetLeaderboard(null, "weekly", 1));
        assertEquals("2026-12-07T00:00:00Z", shown.get("periodEnd"));
        h.rejected(new GamificationCommands.GetLeaderboard("main", "weekly", 10), ErrorCode.LEADERBOARD_NOT_FOUND);
        assertEquals(1L, num(h.ok(new GamificationCommands.GetLeaderboard("coffee", "weekly", 10)), "members"));
        h.rejected(new GamificationCommands.GetLeaderboard(null, "weekly", 0), ErrorCode.INVALID_REQUEST);

        h.stamp = Instant.parse("2026-12-07T00:00:00Z").toEpochMilli();
        h.refundAmount("t1", "rf-2", 6_000);
        assertEquals(List.of(), top("weekly", 10));
        h.assertInvariants();
    }

    // ------------------------------------------------------------------------------------------------- referrals

    private String referredBy(final String card, final String referrerId)
    {
        final String code = (String)h.profile(referrerId).get("referralCode");
        return (String)h.ok(new Commands.CreateMember(h.rid(), null, List.of(new Identifier(IdentifierType.CARD, card)),
            null, code, Map.of())).get("memberId");
    }

    @Test
    void shouldPayBothSidesOfAReferralOnTheRefereesFirstCapturedPurchaseOnly()
    {
        final String referrer = h.member("1");
        final String referee = referredBy("2", referrer);
        board("points", BoardMetric.POINTS_EARNED, BoardPeriod.ALL, null);

        h.authorize("t1", referee, 0, 20_000);
        assertEquals(List.of(), h.history(referrer));
        final Map<String, Object> captured = h.capture("t1");
        assertEquals(110L, num(captured, "balance.available"));
        buy("t2", "web", referee, 20_000);

        assertEquals(List.of("REFERRAL 300"), h.history(referrer));
        assertEquals(List.of("EARN 10", "REFERRAL 100", "EARN 10"), h.history(referee));
        assertEquals(300L, num(h.profile(referrer), "stats.pointsEarned"));
        assertEquals(120L, num(h.profile(referee), "stats.pointsEarned"));
        assertEquals(List.of("1:" + referrer + "=300", "2:" + referee + "=120"), top("points", 10));
        h.assertInvariants();
    }

    @Test
    void shouldPayNothingWhenAMergeMakesTheRefereeItsOwnReferrerAndNeverTwiceAcrossAMerge()
    {
        final String referrer = h.member("1");
        final String referee = referredBy("2", referrer);
        h.ok(new Commands.MergeMembers(h.rid(), referrer, referee));
        buy("t1", "web", referrer, 20_000);
        assertEquals(List.of("EARN 10"), h.history(referrer));

        final String other = h.member("3");
        final String first = referredBy("4", other);
        final String second = referredBy("5", other);
        buy("t2", "web", first, 20_000);
        buy("t3", "web", second, 20_000);
        h.ok(new Commands.MergeMembers(h.rid(), first, second));
        buy("t4", "web", first, 20_000);
        assertEquals(List.of("REFERRAL 300", "REFERRAL 300"), h.history(other));
        h.assertInvariants();
    }

    // --------------------------------------------------------------------------------------------------- merges

    @Test
    void shouldCarryTiersProgressAndBoardValuesIntoTheMergeTarget()
    {
        tiers(TierBasis.SPEND, 30);
        achievement("reviews", "ACTIVITY:REVIEW", 3, 100, false);
        board("count", BoardMetric.PURCHASES, BoardPeriod.ALL, null);
        final String target = h.member("1");
        final String source = h.member("2");
        buy("t1", "web", target, 2_000_000);
        buy("t2", "web", source, 2_000_000);
        h.activity(target, "REVIEW", "app", null);
        h.activity(source, "REVIEW", "app", null);
        assertEquals("base", tier(target));

        h.ok(new Commands.MergeMembers(h.rid(), target, source));
        assertEquals("silver", tier(target));
        assertEquals(List.of("1:" + target + "=2"), top("count", 10));
        assertEquals(2L, num(h.ok(new GamificationCommands.GetMemberAchievements(null, target)),
            "achievements.0.progress"));
        h.rejected(new GamificationCommands.GetLeaderboardMember(null, "count", source), ErrorCode.MEMBER_MERGED);
        assertEquals(100L, num(h.activity(target, "REVIEW", "app", null), "achievements.0.points"));
        h.assertInvariants();
    }

    @Test
    void shouldReachTheSameDigestWhenTheSameCommandsAreAppliedAgain()
    {
        final Harness other = new Harness();
        for (final Harness x : List.of(h, other))
        {
            x.ok(new GamificationCommands.PutTiers("t", TierBasis.SPEND, 30, List.of(new TierLevel("base", 0),
                new TierLevel("silver", 30_000))));
            x.ok(new GamificationCommands.PutAchievement("a", "n", "n", "SPEND", 10_000, 7, true));
            x.ok(new GamificationCommands.PutLeaderboard("b", "spend", BoardMetric.SPEND, BoardPeriod.WEEK, null));
            final String m = x.member("1");
            x.ok(new Commands.OneShot(null, Harness.cheque("t1", "web", m, 0, 45_000)));
            x.advance(40 * DAY);
            x.tick();
        }
        assertEquals(h.logic.stateDigest(), other.logic.stateDigest());
        other.advance(1);
        other.tick();
        assertTrue(!h.logic.stateDigest().equals(other.logic.stateDigest()));
    }
}
