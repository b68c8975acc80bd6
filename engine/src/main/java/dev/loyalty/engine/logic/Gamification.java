package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.pricing.LinePrice;
import dev.loyalty.engine.pricing.PricedCheque;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The state of tiers, achievements and leaderboards, and what purchases, refunds, activities, merges and time
 * do to it. Called by {@link BusinessLogic} only, which validates first: these methods assume the change is
 * allowed. Points it credits go through the {@link PointsBook}.
 *
 * <p>Achievement progress is planned before anything changes ({@link #planPurchase}, {@link #planActivity}), so
 * that the caller can check the rewards cannot overflow a balance before it commits ({@link #commitPlan}).
 *
 * <p>{@code seq} is a counter of gamification events (a capture, a definition, a board's period start): a
 * refund takes back from an achievement or a board only what a purchase captured after its start counted.
 */
final class Gamification
{
    private final PointsBook book;
    TierProgram tiers;
    final LinkedHashMap<String, Achievement> achievements = new LinkedHashMap<>();
    final ArrayList<Achievement> achievementList = new ArrayList<>();
    final LinkedHashMap<String, Leaderboard> boards = new LinkedHashMap<>();
    final ArrayList<Leaderboard> boardList = new ArrayList<>();
    long seq;

    private int planned;
    private int[] planIndex = new int[8];
    private long[] planProgress = new long[8];
    private long[] planChannels = new long[8];
    private long[] planUnlocks = new long[8];
    private long[] planPoints = new long[8];
    private long planRewards;

    Gamification(final PointsBook book)
    {
        this.book = book;
    }

    long nextSeq()
    {
        return ++seq;
    }

    static long day(final long millis)
    {
        return Math.floorDiv(millis, Times.MILLIS_PER_DAY);
    }

    // ---------------------------------------------------------------------------------------------------- tiers

    /** The tier a member created now starts in: the lowest tier, or base before tiers exist. */
    String startingTier()
    {
        return tiers == null ? Member.BASE_TIER : tiers.tiers().get(0).id();
    }

    /**
     * Applies a new tier program to every live member at once: a new basis empties every window (its amounts
     * were of the other basis), a new period drops what is older than it; then every tier is recomputed.
     */
    void putTiers(final GamificationCommands.PutTiers c, final Iterable<Member> members, final long now)
    {
        final boolean reset = tiers == null || tiers.basis() != c.basis();
        tiers = TierProgram.of(c, reset ? nextSeq() : tiers.windowSeq());
        final long firstKept = tiers.firstKeptDay(day(now));
        for (final Member m : members)
        {
            if (m.mergedInto != null)
            {
                continue;
            }
            if (m.tierWindow != null)
            {
                if (reset)
                {
                    m.tierWindow = null;
                }
                else
                {
                    m.tierWindow.dropBefore(firstKept);
                }
            }
            scheduleWindow(m);
            retier(m, now);
        }
    }

    /** True when {@code basis} is the configured tier basis. */
    boolean tiersOn(final TierBasis basis)
    {
        return tiers != null && tiers.basis() == basis;
    }

    /** Counts a qualifying amount now; an upgrade happens at once. */
    void qualify(final Member m, final long amount, final long now)
    {
        if (tiers == null || amount <= 0)
        {
            return;
        }
        if (m.tierWindow == null)
        {
            m.tierWindow = new TierWindow();
        }
        final boolean wasEmpty = m.tierWindow.isEmpty();
        m.tierWindow.add(day(now), amount);
        if (wasEmpty)
        {
            scheduleWindow(m);
        }
        retier(m, now);
    }

    /** Takes back what a refund returns of a purchase captured under the current window, if still in it. */
    void disqualify(final Member m, final Purchase p, final long amount, final long now)
    {
        if (tiers == null || amount <= 0 || p.captureSeq <= tiers.windowSeq() || m.tierWindow == null)
        {
            return;
        }
        m.tierWindow.subtract(day(p.capturedAt), amount);
        retier(m, now);
    }

    /** The oldest amount of a member's window left it: drop what is out, reschedule, maybe downgrade. */
    void onWindowDue(final Member m, final long now)
    {
        m.tierDue = null;
        if (tiers == null || m.tierWindow == null || m.mergedInto != null)
        {
            return;
        }
        m.tierWindow.dropBefore(tiers.firstKeptDay(day(now)));
        scheduleWindow(m);
        retier(m, now);
    }

    private void scheduleWindow(final Member m)
    {
        book.cancel(m.tierDue);
        m.tierDue = null;
        if (m.tierWindow != null && !m.tierWindow.isEmpty())
        {
            m.tierDue = book.schedule(tiers.leavesAt(m.tierWindow.oldestDay()), DueWork.Kind.TIER_WINDOW, m, null);
        }
    }

    private void retier(final Member m, final long now)
    {
        final String tier = tiers.tierFor(m.tierWindow == null ? 0 : m.tierWindow.total());
        if (!tier.equals(m.tier))
        {
            m.tier = tier;
            m.tierHistoryForWrite().add(new TierChange(tier, now));
        }
    }

    // ---------------------------------------------------------------------------------------------- achievements

    /** Defines a new achievement or redefines one (the caller checked the metric is unchanged). */
    Achievement putAchievement(final GamificationCommands.PutAchievement c, final long now)
    {
        Achievement a = achievements.get(c.achievementId());
        if (a == null)
        {
            a = new Achievement(c, achievementList.size(), nextSeq(), now);
            achievements.put(a.achievementId, a);
            achievementList.add(a);
        }
        else
        {
            a.redefine(c);
        }
        return a;
    }

    static AchievementProgress progressOf(final Member m, final int index)
    {
        return m.achievements == null || index >= m.achievements.length ? null : m.achievements[index];
    }

    private AchievementProgress progressFor(final Member m, final int index)
    {
        if (m.achievements == null || index >= m.achievements.length)
        {
            m.achievements = m.achievements == null ? new AchievementProgress[Math.max(4, achievementList.size())] :
                Arrays.copyOf(m.achievements, Math.max(index + 1, achievementList.size()));
        }
        AchievementProgress p = m.achievements[index];
        if (p == null)
        {
            p = new AchievementProgress();
            m.achievements[index] = p;
        }
        return p;
    }

    /**
     * Plans the progress a captured purchase makes toward every achievement.
     *
     * @return the reward points it unlocks, or -1 if they (or a progress) would overflow.
     */
    long planPurchase(
        final Member m, final Channel channel, final List<Line> lines, final PricedCheque priced, final long earned)
    {
        planned = 0;
        planRewards = 0;
        for (int i = 0, size = achievementList.size(); i < size; i++)
        {
            final Achievement a = achievementList.get(i);
            final AchievementProgress p = progressOf(m, a.index);
            final long before = p == null ? 0 : p.progress;
            final long channelsBefore = p == null ? 0 : p.channels;
            long channels = channelsBefore;
            final long delta = switch (a.metric.kind())
            {
                case PURCHASES -> 1;
                case SPEND -> priced.payable();
                case POINTS_EARNED -> earned;
                case CATEGORY_SPEND -> categoryPaid(lines, priced, a.metric.parameter());
                case CHANNELS ->
                {
                    channels |= 1L << channel.ordinal();
                    yield Long.bitCount(channels) - before;
                }
                case ACTIVITY -> 0;
            };
            if ((delta != 0 || channels != channelsBefore) && !plan(a, p, before, delta, channels))
            {
                return -1;
            }
        }
        return planRewards;
    }

    /** Plans the progress an activity with {@code points} credited makes; -1 on overflow. */
    long planActivity(final Member m, final String type, final long points)
    {
        planned = 0;
        planRewards = 0;
        for (int i = 0, size = achievementList.size(); i < size; i++)
        {
            final Achievement a = achievementList.get(i);
            final long delta = switch (a.metric.kind())
            {
                case ACTIVITY -> a.metric.parameter().equals(type) ? 1 : 0;
                case POINTS_EARNED -> points;
                default -> 0;
            };
            final AchievementProgress p = progressOf(m, a.index);
            if (delta != 0 && !plan(a, p, p == null ? 0 : p.progress, delta, p == null ? 0 : p.channels))
            {
                return -1;
            }
        }
        return planRewards;
    }

    private boolean plan(
        final Achievement a, final AchievementProgress p, final long before, final long delta, final long channels)
    {
        final long progress = before + delta;
        if (((before ^ progress) & (delta ^ progress)) < 0)
        {
            return false;
        }
        final long unlocked = p == null ? 0 : p.unlocks;
        final long fresh = Math.max(0, a.unlocksAt(progress) - unlocked);
        long points = 0;
        if (fresh > 0 && a.rewardPoints > 0)
        {
            if (fresh > Long.MAX_VALUE / a.rewardPoints)
            {
                return false;
            }
            points = fresh * a.rewardPoints;
            if (points > Long.MAX_VALUE - planRewards)
            {
                return false;
            }
        }
        if (planned == planIndex.length)
        {
            final int n = planned * 2;
            planIndex = Arrays.copyOf(planIndex, n);
            planProgress = Arrays.copyOf(planProgress, n);
            planChannels = Arrays.copyOf(planChannels, n);
            planUnlocks = Arrays.copyOf(planUnlocks, n);
            planPoints = Arrays.copyOf(planPoints, n);
        }
        planIndex[planned] = a.index;
        planProgress[planned] = progress;
        planChannels[planned] = channels;
        planUnlocks[planned] = fresh;
        planPoints[planned] = points;
        planned++;
        planRewards += points;
        return true;
    }

    /**
     * Commits the last plan for {@code m}: progress, unlocks, and each unlock's reward as an ACHIEVEMENT credit
     * (counted in stats.pointsEarned).
     *
     * @return what was unlocked, in definition order.
     */
    List<UnlockView> commitPlan(final Member m, final String txId, final long now, final long ttlDays)
    {
        List<UnlockView> unlocked = List.of();
        for (int k = 0; k < planned; k++)
        {
            final Achievement a = achievementList.get(planIndex[k]);
            final AchievementProgress p = progressFor(m, a.index);
            p.progress = planProgress[k];
            p.channels = planChannels[k];
            final long fresh = planUnlocks[k];
            if (fresh == 0)
            {
                continue;
            }
            p.unlocks += fresh;
            if (p.firstUnlockedAt == MemberStats.NONE)
            {
                p.firstUnlockedAt = now;
            }
            p.lastUnlockedAt = now;
            a.unlocks += fresh;
            final long points = planPoints[k];
            if (points > 0)
            {
                a.pointsCredited += points;
                book.credit(m, LedgerType.ACHIEVEMENT, points, txId, a.achievementId, now, ttlDays);
                m.statsForWrite().recordCredit(points);
            }
            if (unlocked.isEmpty())
            {
                unlocked = new ArrayList<>(2);
            }
            unlocked.add(new UnlockView(a.achievementId, a.name, fresh, points));
        }
        planned = 0;
        planRewards = 0;
        return unlocked;
    }

    /** Money paid for the lines of a category: amount less discount less the points' share. */
    private static long categoryPaid(final List<Line> lines, final PricedCheque priced, final String category)
    {
        long paid = 0;
        for (int i = 0, size = lines.size(); i < size; i++)
        {
            if (category.equals(lines.get(i).category()))
            {
                paid += priced.lineAmount(i) - priced.lineDiscount(i) - priced.linePointsPaid(i);
            }
        }
        return paid;
    }

    /**
     * The money a refund gives back on a category's lines: per line, the change of
     * {@code floor(money paid x refunded amount / amount)} on its running refunded amount.
     */
    private static long categoryRefunded(
        final Purchase p, final long[] refundedBefore, final long[] refundedAfter, final String category)
    {
        long money = 0;
        final List<Line> lines = p.request().lines();
        final List<LinePrice> prices = p.priced.lines();
        for (int i = 0, size = lines.size(); i < size; i++)
        {
            final LinePrice l = prices.get(i);
            if (category.equals(lines.get(i).category()) && l.amount() > 0)
            {
                final long paid = l.amount() - l.discount() - l.pointsPaid();
                money += share(paid, refundedAfter[i], l.amount()) - share(paid, refundedBefore[i], l.amount());
            }
        }
        return money;
    }

    /** {@code floor(paid * refunded / amount)}: refunded is at most amount, so it fits; a 128-bit product is rare. */
    private static long share(final long paid, final long refunded, final long amount)
    {
        final long high = Math.multiplyHigh(paid, refunded);
        final long low = paid * refunded;
        if (high == 0 && low >= 0)
        {
            return low / amount;
        }
        return BigInteger.valueOf(paid).multiply(BigInteger.valueOf(refunded)).divide(BigInteger.valueOf(amount))
            .longValueExact();
    }

    // ---------------------------------------------------------------------------------------------- leaderboards

    /** Creates a board counting from now; WEEK and MONTH boards schedule their period's end. */
    Leaderboard putLeaderboard(final GamificationCommands.PutLeaderboard c, final long now)
    {
        final Leaderboard b = new Leaderboard(c.boardId(), c.metric(), c.period(), c.partnerId(), now);
        b.startPeriod(now, now, nextSeq());
        boards.put(b.boardId, b);
        boardList.add(b);
        scheduleRoll(b);
        return b;
    }

    /** A board's period ended: it starts the period that contains now, empty. */
    void onBoardDue(final Leaderboard b, final long now)
    {
        b.roll = null;
        b.startPeriod(Leaderboard.periodStartOf(b.period, now), now, nextSeq());
        scheduleRoll(b);
    }

    private void scheduleRoll(final Leaderboard b)
    {
        if (b.periodEnd != Long.MAX_VALUE)
        {
            b.roll = book.schedule(b.periodEnd, DueWork.Kind.BOARD_PERIOD, null, b);
        }
    }

    /** Adds a positive amount to a member's value on every board of {@code metric} that counts the store's partner. */
    void count(final Member m, final BoardMetric metric, final String storePartnerId, final long amount)
    {
        if (amount <= 0)
        {
            return;
        }
        for (int i = 0, size = boardList.size(); i < size; i++)
        {
            final Leaderboard b = boardList.get(i);
            if (b.metric == metric && b.counts(storePartnerId))
            {
                b.ranks.add(rankId(m), amount);
            }
        }
    }

    static int rankId(final Member m)
    {
        return Math.toIntExact(m.number);
    }

    // ------------------------------------------------------------------------------------------ purchases, merges

    /**
     * A captured purchase of {@code m} that credited {@code points} to it in all (its earning, a referral, its
     * unlocks): tiers and boards count it.
     */
    void countPurchase(final Member m, final Purchase p, final long points, final long now)
    {
        p.captureSeq = nextSeq();
        p.capturedAt = now;
        final long spent = p.priced.payable();
        qualify(m, tiersOn(TierBasis.SPEND) ? spent : points, now);
        count(m, BoardMetric.PURCHASES, p.partnerId(), 1);
        count(m, BoardMetric.SPEND, p.partnerId(), spent);
        count(m, BoardMetric.POINTS_EARNED, p.partnerId(), points);
    }

    /** Points credited outside a purchase of the member (an activity, the referrer's referral points). */
    void countPoints(final Member m, final String storePartnerId, final long points, final long now)
    {
        if (tiersOn(TierBasis.POINTS))
        {
            qualify(m, points, now);
        }
        count(m, BoardMetric.POINTS_EARNED, storePartnerId, points);
    }

    /**
     * A refund of {@code money} (and {@code pointsReversed} earned points taken back) on a captured purchase of
     * {@code m}: the tier window, SPEND and CATEGORY_SPEND progress and SPEND boards take back what the purchase
     * counted for them. Unlocks already paid stay.
     */
    void refund(
        final Member m, final Purchase p, final long money, final long pointsReversed, final long[] refundedBefore,
        final long[] refundedAfter, final long now)
    {
        for (int i = 0, size = achievementList.size(); i < size; i++)
        {
            final Achievement a = achievementList.get(i);
            final AchievementProgress progress = progressOf(m, a.index);
            if (!a.metric.money() || progress == null || p.captureSeq <= a.definedSeq)
            {
                continue;
            }
            final long back = a.metric.kind() == AchievementMetric.Kind.SPEND ? money :
                categoryRefunded(p, refundedBefore, refundedAfter, a.metric.parameter());
            progress.progress = Math.max(0, progress.progress - back);
        }
        disqualify(m, p, tiersOn(TierBasis.SPEND) ? money : pointsReversed, now);
        if (money > 0)
        {
            for (int i = 0, size = boardList.size(); i < size; i++)
            {
                final Leaderboard b = boardList.get(i);
                if (b.metric == BoardMetric.SPEND && b.counts(p.partnerId()) && p.captureSeq > b.periodStartSeq)
                {
                    b.ranks.add(rankId(m), -Math.min(money, b.ranks.value(rankId(m))));
                }
            }
        }
    }

    /**
     * Moves the source's gamification into the target: tier windows add up day by day and the target's tier is
     * recomputed; achievement progress adds up (channel sets unite; a once-only achievement stays unlocked once),
     * paying nothing at the merge; board values move to the target.
     */
    void merge(final Member target, final Member source, final long now)
    {
        if (source.tierWindow != null)
        {
            if (target.tierWindow == null)
            {
                target.tierWindow = new TierWindow();
            }
            target.tierWindow.mergeFrom(source.tierWindow);
            source.tierWindow = null;
        }
        book.cancel(source.tierDue);
        source.tierDue = null;
        if (tiers != null)
        {
            scheduleWindow(target);
            retier(target, now);
        }
        if (source.achievements != null)
        {
            for (int i = 0; i < source.achievements.length; i++)
            {
                final AchievementProgress theirs = source.achievements[i];
                if (theirs != null)
                {
                    final AchievementProgress mine = progressFor(target, i);
                    mine.add(theirs);
                    mine.progress = achievementList.get(i).metric.kind() == AchievementMetric.Kind.CHANNELS ?
                        Long.bitCount(mine.channels) : mine.progress;
                    if (!achievementList.get(i).repeatable)
                    {
                        mine.unlocks = Math.min(1, mine.unlocks);
                    }
                }
            }
            source.achievements = null;
        }
        for (int i = 0, size = boardList.size(); i < size; i++)
        {
            final Leaderboard b = boardList.get(i);
            final long value = b.ranks.value(rankId(source));
            if (value > 0)
            {
                b.ranks.set(rankId(source), 0);
                b.ranks.add(rankId(target), value);
            }
        }
    }
}
