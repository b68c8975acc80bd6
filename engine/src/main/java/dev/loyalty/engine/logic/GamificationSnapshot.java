package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.BoardPeriod;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.command.TierLevel;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.snapshot.SnapshotReader;
import dev.loyalty.engine.snapshot.SnapshotWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The gamification part of a snapshot, for {@link LogicSnapshot}: its own section {@link #SECTION} (the
 * sequence, the tier program, the achievements in definition order with their totals, the leaderboards with
 * their period and their entries in rank order), each member's part (tier history, tier window, achievement
 * progress by achievement index), and the gamification answers kept in purchases and under idempotency keys.
 * Due work (tier windows, board periods) is in {@link LogicSnapshot}'s due-work section, naming the member by
 * its number and the board by its id.
 */
final class GamificationSnapshot
{
    static final int SECTION = 25;

    private static final TierBasis[] BASES = TierBasis.values();
    private static final BoardMetric[] METRICS = BoardMetric.values();
    private static final BoardPeriod[] PERIODS = BoardPeriod.values();

    private GamificationSnapshot()
    {
    }

    static void write(final Gamification g, final SnapshotWriter out)
    {
        out.beginSection(SECTION);
        out.putLong(g.seq);
        out.putBoolean(g.tiers != null);
        if (g.tiers != null)
        {
            putTierProgram(out, g.tiers);
        }
        out.putCount(g.achievementList.size());
        for (final Achievement a : g.achievementList)
        {
            out.putString(a.achievementId);
            out.putString(a.metricText);
            out.putLong(a.definedSeq);
            out.putLong(a.definedAt);
            out.putString(a.name);
            out.putLong(a.target);
            out.putLong(a.rewardPoints);
            out.putBoolean(a.repeatable);
            out.putLong(a.unlocks);
            out.putLong(a.pointsCredited);
        }
        out.putCount(g.boardList.size());
        for (final Leaderboard b : g.boardList)
        {
            out.putString(b.boardId);
            out.putEnum(b.metric);
            out.putEnum(b.period);
            out.putString(b.partnerId);
            out.putLong(b.createdAt);
            out.putLong(b.periodStart);
            out.putLong(b.periodEnd);
            out.putLong(b.periodStartSeq);
            out.putCount(b.ranks.size());
            for (int i = 0, n = b.ranks.size(); i < n; i++)
            {
                final int id = b.ranks.idAt(i);
                out.putCount(id);
                out.putLong(b.ranks.value(id));
            }
        }
        out.endSection(SECTION);
    }

    static void read(final Gamification g, final SnapshotReader in)
    {
        in.beginSection(SECTION);
        g.seq = in.getLong();
        g.tiers = in.getBoolean() ? getTierProgram(in) : null;
        for (int i = 0, n = in.getCount(10); i < n; i++)
        {
            final String id = in.getString();
            final String metric = in.getString();
            final Achievement a = new Achievement(id, i, metric, in.getLong(), in.getLong());
            if (a.metric == null || id == null || g.achievements.containsKey(id))
            {
                throw in.invalid("achievement " + id + " counting " + metric);
            }
            a.name = in.getString();
            a.target = in.getLong();
            a.rewardPoints = in.getLong();
            a.repeatable = in.getBoolean();
            a.unlocks = in.getLong();
            a.pointsCredited = in.getLong();
            g.achievements.put(id, a);
            g.achievementList.add(a);
        }
        for (int i = 0, n = in.getCount(9); i < n; i++)
        {
            final Leaderboard b = new Leaderboard(in.getString(), in.getEnum(METRICS), in.getEnum(PERIODS),
                in.getString(), in.getLong());
            if (b.boardId == null || b.metric == null || b.period == null || g.boards.containsKey(b.boardId))
            {
                throw in.invalid("leaderboard " + b.boardId);
            }
            b.periodStart = in.getLong();
            b.periodEnd = in.getLong();
            b.periodStartSeq = in.getLong();
            for (int k = 0, entries = in.getCount(2); k < entries; k++)
            {
                final long id = in.getUnsigned();
                final long value = in.getLong();
                if (id < 1 || id > Integer.MAX_VALUE || value <= 0)
                {
                    throw in.invalid("leaderboard " + b.boardId + " entry " + id + " = " + value);
                }
                b.ranks.set((int)id, value);
            }
            g.boards.put(b.boardId, b);
            g.boardList.add(b);
        }
        in.endSection(SECTION);
    }

    private static void putTierProgram(final SnapshotWriter out, final TierProgram p)
    {
        out.putEnum(p.basis());
        out.putLong(p.periodDays());
        out.putCount(p.tiers().size());
        for (final TierLevel t : p.tiers())
        {
            out.putString(t.id());
            out.putLong(t.threshold());
        }
        out.putLong(p.windowSeq());
    }

    private static TierProgram getTierProgram(final SnapshotReader in)
    {
        final TierBasis basis = in.getEnum(BASES);
        final long periodDays = in.getLong();
        final int n = in.getCount(2);
        final List<TierLevel> tiers = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            tiers.add(new TierLevel(in.getString(), in.getLong()));
        }
        if (basis == null || tiers.isEmpty())
        {
            throw in.invalid("a tier program without basis or tiers");
        }
        return new TierProgram(basis, periodDays, List.copyOf(tiers), in.getLong());
    }

    /** A member's part: tier history, tier window, achievement progress. */
    static void writeMember(final SnapshotWriter out, final Member m)
    {
        putTierHistory(out, m.tierHistory);
        final TierWindow w = m.tierWindow;
        out.putBoolean(w != null);
        if (w != null)
        {
            out.putCount(w.size());
            for (int i = 0, n = w.size(); i < n; i++)
            {
                out.putLong(w.dayAt(i));
                out.putLong(w.amountAt(i));
            }
        }
        final AchievementProgress[] progress = m.achievements;
        out.putCount(progress == null ? 0 : progress.length + 1L);
        if (progress != null)
        {
            for (final AchievementProgress p : progress)
            {
                out.putBoolean(p != null);
                if (p != null)
                {
                    out.putLong(p.progress);
                    out.putLong(p.channels);
                    out.putLong(p.unlocks);
                    out.putLong(p.firstUnlockedAt);
                    out.putLong(p.lastUnlockedAt);
                }
            }
        }
    }

    static void readMember(final SnapshotReader in, final Member m)
    {
        final List<TierChange> history = getTierHistory(in);
        if (!history.isEmpty())
        {
            m.tierHistoryForWrite().addAll(history);
        }
        if (in.getBoolean())
        {
            final TierWindow w = new TierWindow();
            for (int i = 0, n = in.getCount(2); i < n; i++)
            {
                w.add(in.getLong(), in.getLong());
            }
            m.tierWindow = w;
        }
        final long slots = in.getUnsigned();
        if (slots > 0)
        {
            if (slots > GamificationValidation.MAX_ACHIEVEMENTS + 1L)
            {
                throw in.invalid(m.memberId + " has progress toward " + (slots - 1) + " achievements");
            }
            final AchievementProgress[] progress = new AchievementProgress[(int)slots - 1];
            for (int i = 0; i < progress.length; i++)
            {
                if (in.getBoolean())
                {
                    final AchievementProgress p = new AchievementProgress();
                    p.progress = in.getLong();
                    p.channels = in.getLong();
                    p.unlocks = in.getLong();
                    p.firstUnlockedAt = in.getLong();
                    p.lastUnlockedAt = in.getLong();
                    progress[i] = p;
                }
            }
            m.achievements = progress;
        }
    }

    static void putTierHistory(final SnapshotWriter out, final List<TierChange> history)
    {
        out.putCount(history.size());
        for (int i = 0, n = history.size(); i < n; i++)
        {
            final TierChange change = history.get(i);
            out.putString(change.tier());
            out.putLong(change.atMillis());
        }
    }

    static List<TierChange> getTierHistory(final SnapshotReader in)
    {
        final int n = in.getCount(2);
        if (n == 0)
        {
            return List.of();
        }
        final List<TierChange> history = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            history.add(new TierChange(in.getString(), in.getLong()));
        }
        return List.copyOf(history);
    }

    /** What a capture or an activity unlocked; null is written apart from an empty list. */
    static void putUnlocked(final SnapshotWriter out, final List<UnlockView> unlocked)
    {
        out.putCount(unlocked == null ? 0 : unlocked.size() + 1L);
        if (unlocked != null)
        {
            for (final UnlockView u : unlocked)
            {
                out.putString(u.achievementId());
                out.putString(u.name());
                out.putLong(u.unlocks());
                out.putLong(u.points());
            }
        }
    }

    static List<UnlockView> getUnlocked(final SnapshotReader in)
    {
        final long n = in.getUnsigned();
        if (n == 0)
        {
            return null;
        }
        if (n == 1)
        {
            return List.of();
        }
        if (n > GamificationValidation.MAX_ACHIEVEMENTS + 1L)
        {
            throw in.invalid((n - 1) + " unlocks in one answer");
        }
        final List<UnlockView> unlocked = new ArrayList<>((int)n - 1);
        for (int i = 1; i < n; i++)
        {
            unlocked.add(new UnlockView(in.getString(), in.getString(), in.getLong(), in.getLong()));
        }
        return unlocked;
    }

    static void putAchievementViews(final SnapshotWriter out, final List<MemberAchievementView> views)
    {
        out.putCount(views.size());
        for (final MemberAchievementView v : views)
        {
            out.putString(v.achievementId());
            out.putString(v.name());
            out.putString(v.metric());
            out.putLong(v.target());
            out.putLong(v.rewardPoints());
            out.putBoolean(v.repeatable());
            out.putLong(v.progress());
            out.putLong(v.unlocks());
            out.putLong(v.firstUnlockedAt());
            out.putLong(v.lastUnlockedAt());
        }
    }

    static List<MemberAchievementView> getAchievementViews(final SnapshotReader in)
    {
        final int n = in.getCount(10);
        if (n == 0)
        {
            return List.of();
        }
        final List<MemberAchievementView> views = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            views.add(new MemberAchievementView(in.getString(), in.getString(), in.getString(), in.getLong(),
                in.getLong(), in.getBoolean(), in.getLong(), in.getLong(), in.getLong(), in.getLong()));
        }
        return views;
    }

    /** The answers kept under PUT /v1/tiers, achievements and leaderboards keys. */
    static void putKeptReply(final SnapshotWriter out, final Reply reply)
    {
        if (reply instanceof TiersReply r)
        {
            putTierProgram(out, r.program());
        }
        else if (reply instanceof AchievementReply r)
        {
            out.putString(r.achievementId());
            out.putString(r.name());
            out.putString(r.metric());
            out.putLong(r.target());
            out.putLong(r.rewardPoints());
            out.putBoolean(r.repeatable());
            out.putLong(r.definedAt());
            out.putLong(r.unlocks());
            out.putLong(r.pointsCredited());
        }
        else if (reply instanceof LeaderboardReply r && r.entries() == null)
        {
            out.putString(r.boardId());
            out.putEnum(r.metric());
            out.putEnum(r.period());
            out.putString(r.partnerId());
            out.putLong(r.periodStart());
            out.putLong(r.periodEnd());
            out.putLong(r.members());
        }
        else
        {
            throw new IllegalStateException("no snapshot encoding for a kept " + reply.getClass().getSimpleName());
        }
    }

    static Reply getKeptReply(final SnapshotReader in, final CommandType type)
    {
        return switch (type)
        {
            case PUT_TIERS -> new TiersReply(getTierProgram(in));
            case PUT_ACHIEVEMENT -> new AchievementReply(in.getString(), in.getString(), in.getString(), in.getLong(),
                in.getLong(), in.getBoolean(), in.getLong(), in.getLong(), in.getLong());
            case PUT_LEADERBOARD -> new LeaderboardReply(in.getString(), in.getEnum(METRICS), in.getEnum(PERIODS),
                in.getString(), in.getLong(), in.getLong(), in.getInt(), null);
            default -> throw in.invalid("gamification answers kept under " + type + " keys");
        };
    }
}
