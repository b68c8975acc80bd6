package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.BoardPeriod;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.command.TierLevel;
import dev.loyalty.engine.journal.CommandCodec;
import dev.loyalty.engine.promotion.Coupon;
import dev.loyalty.engine.promotion.PromotionEntry;
import org.agrona.ExpandableArrayBuffer;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded random mix of every command (with replays, out-of-order stamps, long time jumps, program changes,
 * promotions, coupons, activities, tiers, achievements, leaderboards and referrals) keeps the ledger invariants,
 * and replaying the same commands with the same stamps gives the same digest, also when every command goes
 * through the journal's codec first.
 */
class DeterminismTest
{
    private static final int COMMANDS = 5_000;

    /** One generated command with its stamp, so that the same history can be fed to another instance. */
    record Stamped(Command command, long stampMillis)
    {
    }

    /** The seeded mix of every command; the snapshot round-trip test replays it too. */
    static List<Stamped> workload(final long seed)
    {
        final Random r = new Random(seed);
        final List<Stamped> out = new ArrayList<>(COMMANDS);
        final List<String> txIds = new ArrayList<>();
        final List<Command> sent = new ArrayList<>();
        long stamp = Harness.T0;
        int members = 0;
        int tx = 0;
        int req = 0;
        int coupons = 0;
        for (int i = 0; i < COMMANDS; i++)
        {
            final int roll = r.nextInt(100);
            final int promotionRoll = r.nextInt(100);
            final int gameRoll = r.nextInt(100);
            final Command c;
            if (members > 0 && gameRoll < 3)
            {
                c = gamification(r, "g" + (++req));
            }
            else if (members > 0 && gameRoll < 5)
            {
                c = switch (r.nextInt(5))
                {
                    case 0 -> new GamificationCommands.GetTiers();
                    case 1 -> new GamificationCommands.ListAchievements();
                    case 2 -> new GamificationCommands.GetMemberAchievements(null, member(r, members));
                    case 3 -> new GamificationCommands.GetLeaderboard(null, "lb" + r.nextInt(5), 1 + r.nextInt(10));
                    default -> new GamificationCommands.GetLeaderboardMember(null, "lb" + r.nextInt(5),
                        member(r, members));
                };
            }
            else if (members > 0 && promotionRoll < 3)
            {
                c = promotion(r, "pr" + (++req));
            }
            else if (members > 0 && promotionRoll < 5)
            {
                final List<String> codes = new ArrayList<>();
                for (int k = 1 + r.nextInt(3); k > 0; k--)
                {
                    codes.add("K" + (++coupons));
                }
                c = new Commands.CreateCoupons("c" + (++req), r.nextBoolean() ? "p0" : "p" + r.nextInt(PROMOTIONS),
                    codes, r.nextInt(4) == 0, r.nextInt(3));
            }
            else if (members > 0 && promotionRoll < 9)
            {
                c = new Commands.RecordActivity("ac" + (++req), null, MemberRef.byId(member(r, members)),
                    ACTIVITIES[r.nextInt(ACTIVITIES.length)], r.nextBoolean() ? "app" : "web", occurredAt(r), Map.of());
            }
            else if (members > 0 && promotionRoll < 10)
            {
                c = r.nextBoolean() ? new Commands.ListPromotions() : new Commands.GetPromotion("p" + r.nextInt(9));
            }
            else if (members == 0 || roll < 6)
            {
                final String card = members > 0 && r.nextInt(8) == 0 ? "c" + (1 + r.nextInt(members)) : "c" + (members + 1);
                final List<Identifier> ids = List.of(new Identifier(IdentifierType.CARD, card));
                members = card.equals("c" + (members + 1)) ? members + 1 : members;
                final String referrer = r.nextInt(4) == 0 ? Ids.referralCode(1 + r.nextInt(members)) : null;
                c = new Commands.CreateMember("m" + (++req), null, ids, null, referrer, Map.of("k", "v" + r.nextInt(3)));
            }
            else if (roll < 15)
            {
                final long points = r.nextInt(5) == 0 ? -r.nextInt(300) - 1 : r.nextInt(500) + 1;
                c = new Commands.AdjustPoints("a" + (++req), member(r, members), points, "mix");
            }
            else if (roll < 32)
            {
                final String txId = "t" + (++tx);
                txIds.add(txId);
                c = new Commands.Authorize(null, request(r, txId, members, coupons));
            }
            else if (roll < 44 && !txIds.isEmpty())
            {
                c = new Commands.Capture(null, pick(r, txIds));
            }
            else if (roll < 49 && !txIds.isEmpty())
            {
                c = new Commands.VoidPurchase(null, r.nextBoolean() ? txIds.get(txIds.size() - 1) : pick(r, txIds));
            }
            else if (roll < 58)
            {
                final String txId = "t" + (++tx);
                txIds.add(txId);
                c = new Commands.OneShot(null, request(r, txId, members, coupons));
            }
            else if (roll < 68 && !txIds.isEmpty())
            {
                final String txId = pick(r, txIds);
                c = r.nextBoolean() ?
                    new Commands.Refund(null, txId, "rf" + (++req), List.of(), 1 + r.nextInt(60_000)) :
                    new Commands.Refund(null, txId, "rf" + (++req), List.of(new RefundLine("S" + r.nextInt(3), 1)), -1);
            }
            else if (roll < 70 && r.nextInt(3) == 0)
            {
                c = new Commands.MergeMembers("mg" + (++req), member(r, members), member(r, members));
            }
            else if (roll < 74)
            {
                c = new Commands.SetProgram("p" + (++req), 50 + r.nextInt(100), r.nextInt(1000),
                    r.nextBoolean() ? EarnOn.PAID : EarnOn.TOTAL, r.nextInt(3) == 0 ? 0 : r.nextInt(48),
                    1 + r.nextInt(20), r.nextInt(10_001), 60 + r.nextInt(7200), 300, 100);
            }
            else if (roll < 80)
            {
                c = switch (r.nextInt(4))
                {
                    case 0 -> new Commands.GetMember(null, MemberRef.byId(member(r, members)));
                    case 1 -> new Commands.GetLedger(null, member(r, members), 1 + r.nextInt(20), -1);
                    case 2 -> new Commands.GetPurchase(null, "t" + (1 + r.nextInt(tx + 1)));
                    default -> new Commands.Calculate(null, request(r, null, members, coupons));
                };
            }
            else if (roll < 82 && !txIds.isEmpty())
            {
                c = r.nextBoolean() ?
                    new Commands.Authorize(null, request(r, pick(r, txIds), members, coupons)) :
                    new Commands.AdjustPoints("a" + (1 + r.nextInt(req)), member(r, members), 1 + r.nextInt(9), "again");
            }
            else if (roll < 86 && !sent.isEmpty())
            {
                c = sent.get(r.nextInt(sent.size()));
            }
            else
            {
                c = new Commands.Tick();
            }
            sent.add(c);
            final int jump = r.nextInt(100);
            if (jump < 3)
            {
                stamp += r.nextInt(30) * Harness.DAY;
            }
            else if (jump < 8)
            {
                stamp -= r.nextInt(2_000);
            }
            else
            {
                stamp += r.nextInt(20 * 60_000);
            }
            out.add(new Stamped(c, stamp));
        }
        return out;
    }

    private static final int PROMOTIONS = 8;
    private static final String[] ACTIVITIES = {"REVIEW", "APP_INSTALL", "QUIZ_WON"};

    /** A random rule for one of a few promotion ids: p0 always takes coupons, the last two are activity rules. */
    private static Command promotion(final Random r, final String requestId)
    {
        final int id = r.nextInt(PROMOTIONS);
        final boolean activity = id >= PROMOTIONS - 2;
        final List<String> categories = !activity && r.nextInt(3) == 0 ? List.of("c" + r.nextInt(2)) : null;
        final List<String> weekdays = r.nextInt(4) == 0 ? List.of("SAT", "SUN") : null;
        final String hours = r.nextInt(4) == 0 ? "0" + r.nextInt(10) + ":00-1" + r.nextInt(10) + ":30" : null;
        final PromotionWhen when = new PromotionWhen(
            r.nextInt(5) == 0 ? List.of(Channel.ONLINE) : null, null, null, null,
            !activity && r.nextInt(5) == 0 ? List.of("CARD") : null, categories, null, null,
            r.nextInt(6) == 0 ? List.of("v1") : null, id == 0 || (!activity && r.nextInt(4) == 0),
            !activity && r.nextInt(4) == 0 ? r.nextInt(60_000) : 0, null, null, weekdays, hours,
            PromotionWhen.NO_BIRTHDAY_WINDOW, !activity && r.nextInt(8) == 0,
            activity ? ACTIVITIES[id % 2] : null);
        final PromotionThen then = activity ? new PromotionThen(0, 1 + r.nextInt(40), 0, 0, 0) : new PromotionThen(
            r.nextBoolean() ? 0 : r.nextInt(2_000), r.nextInt(3) == 0 ? r.nextInt(30) : 0,
            r.nextInt(3) == 0 ? 100 : 0, r.nextInt(3) == 0 ? r.nextInt(3_000) : 0,
            r.nextInt(3) == 0 ? r.nextInt(5_000) : 0);
        final PromotionLimits limits = new PromotionLimits(r.nextInt(3) == 0 ? 1 + r.nextInt(20) : 0,
            r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0, r.nextInt(3) == 0 ? 1 + r.nextInt(400) : 0);
        return new Commands.PutPromotion(requestId, "p" + id, "rule " + id, r.nextInt(8) != 0, r.nextInt(5) - 2,
            r.nextInt(4) == 0 ? Stacking.EXCLUSIVE : Stacking.STACK, when, then, limits);
    }

    private static final String[] METRICS =
        {"PURCHASES", "SPEND", "POINTS_EARNED", "ACTIVITY:REVIEW", "CATEGORY_SPEND:c0", "CHANNELS"};

    /** A tier program, an achievement or a leaderboard; an id keeps its metric, so most redefinitions succeed. */
    private static Command gamification(final Random r, final String requestId)
    {
        switch (r.nextInt(3))
        {
            case 0:
                return new GamificationCommands.PutTiers(requestId,
                    r.nextInt(3) == 0 ? TierBasis.POINTS : TierBasis.SPEND, 1 + r.nextInt(40), List.of(new TierLevel("base", 0), new TierLevel("silver", 1 + r.nextInt(60_000)),
                    new TierLevel("gold", 60_001 + r.nextInt(200_000))));
            case 1:
            {
                final int id = r.nextInt(METRICS.length);
                final String metric = r.nextInt(10) == 0 ? METRICS[r.nextInt(METRICS.length)] : METRICS[id];
                final long target = metric.equals("CHANNELS") ? 1 + r.nextInt(2) :
                    metric.contains("SPEND") ? 1 + r.nextInt(80_000) : 1 + r.nextInt(6);
                return new GamificationCommands.PutAchievement(requestId, "ach" + id, "achievement " + id, metric,
                    target, r.nextInt(40), r.nextBoolean());
            }
            default:
            {
                final int id = r.nextInt(5);
                return new GamificationCommands.PutLeaderboard(requestId, "lb" + id,
                    BoardMetric.values()[id % 3], BoardPeriod.values()[id % 3], id == 4 ? "main" : null);
            }
        }
    }

    private static String occurredAt(final Random r)
    {
        if (r.nextInt(3) == 0)
        {
            return null;
        }
        return "2026-12-0" + (1 + r.nextInt(9)) + "T" + (10 + r.nextInt(14)) + ":" + (10 + r.nextInt(50)) + ":00" +
            (r.nextBoolean() ? "+03:00" : "Z");
    }

    private static String member(final Random r, final int members)
    {
        return Ids.memberId(1 + r.nextInt(members));
    }

    private static String pick(final Random r, final List<String> txIds)
    {
        return txIds.get(r.nextInt(txIds.size()));
    }

    private static PurchaseRequest request(final Random r, final String txId, final int members, final int coupons)
    {
        final List<Line> lines = new ArrayList<>();
        final int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++)
        {
            lines.add(new Line("S" + i, r.nextBoolean() ? null : "c" + r.nextInt(2), 1 + r.nextInt(3),
                r.nextInt(60_000)));
        }
        final MemberRef member = r.nextInt(10) == 0 ? null : MemberRef.byId(member(r, members));
        final boolean max = member != null && r.nextInt(5) == 0;
        final long redeem = member == null || max || r.nextBoolean() ? 0 : r.nextInt(60);
        final List<String> codes = coupons > 0 && r.nextInt(3) == 0 ? List.of("K" + (1 + r.nextInt(coupons))) : List.of();
        return new PurchaseRequest(txId, r.nextInt(4) == 0 ? "app" : "web", member, occurredAt(r),
            r.nextBoolean() ? "CARD" : "CASH", lines, redeem, max, codes);
    }

    private static BusinessLogic run(final List<Stamped> commands, final Map<ErrorCode, Integer> errors, final int checkEvery)
    {
        final BusinessLogic logic = new BusinessLogic(new ApiKeys(), 5);
        for (int i = 0; i < commands.size(); i++)
        {
            final Stamped s = commands.get(i);
            final Reply reply = logic.apply(s.command(), s.stampMillis());
            if (reply.errorCode() != null)
            {
                errors.merge(reply.errorCode(), 1, Integer::sum);
            }
            if (checkEvery > 0 && i % checkEvery == 0)
            {
                final int at = i;
                assertEquals(List.of(), logic.checkInvariants(), () -> "after command " + at + ": " + s.command());
            }
        }
        assertEquals(List.of(), logic.checkInvariants());
        return logic;
    }

    private static long countLedger(final BusinessLogic logic, final LedgerType type)
    {
        long n = 0;
        for (final Member m : logic.members().values())
        {
            for (final LedgerEntry e : m.ledger)
            {
                if (e.type() == type)
                {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void shouldKeepInvariantsThroughASeededRandomMixOfCommands()
    {
        final Map<ErrorCode, Integer> errors = new EnumMap<>(ErrorCode.class);
        final BusinessLogic logic = run(workload(42), errors, 50);

        long captured = 0;
        long refunded = 0;
        long expired = 0;
        for (final Purchase p : logic.purchases().values())
        {
            captured += p.status.captured() ? 1 : 0;
            refunded += p.refundedAmount() > 0 ? 1 : 0;
            expired += p.status == PurchaseStatus.EXPIRED ? 1 : 0;
        }
        assertTrue(captured > 200, "captured " + captured + ", errors " + errors);
        assertTrue(refunded > 30, "refunded " + refunded);
        assertTrue(expired > 10, "expired " + expired);
        long promotionUses = 0;
        long budgetSpent = 0;
        for (final PromotionEntry entry : logic.promotions().entries())
        {
            promotionUses += entry.uses();
            budgetSpent += entry.budgetSpent();
        }
        long couponsUsed = 0;
        for (final Coupon coupon : logic.promotions().coupons())
        {
            couponsUsed += coupon.used();
        }
        assertTrue(promotionUses > 100, "promotion uses " + promotionUses);
        assertTrue(budgetSpent > 100, "promotion points " + budgetSpent);
        assertTrue(couponsUsed > 5, "coupons used " + couponsUsed);
        for (final LedgerType type : List.of(LedgerType.EARN, LedgerType.ACTIVATE, LedgerType.REDEEM, LedgerType.HOLD,
            LedgerType.RELEASE, LedgerType.REVERSE, LedgerType.EXPIRE, LedgerType.ADJUST, LedgerType.ACTIVITY,
            LedgerType.ACHIEVEMENT, LedgerType.REFERRAL))
        {
            assertTrue(countLedger(logic, type) > 0, "no " + type + " entry in the mix");
        }
        for (final ErrorCode code : List.of(ErrorCode.IDEMPOTENCY_CONFLICT, ErrorCode.INVALID_STATE,
            ErrorCode.INSUFFICIENT_POINTS, ErrorCode.MEMBER_MERGED, ErrorCode.IDENTIFIER_TAKEN))
        {
            assertTrue(errors.containsKey(code), "no " + code + " in the mix: " + errors);
        }
        long tierChanges = 0;
        long downgrades = 0;
        for (final Member m : logic.members().values())
        {
            tierChanges += m.tierHistory.size();
            for (int i = 1; i < m.tierHistory.size(); i++)
            {
                downgrades += m.tierHistory.get(i).tier().equals("base") ? 1 : 0;
            }
        }
        assertTrue(tierChanges > 20, "tier changes " + tierChanges);
        assertTrue(downgrades > 5, "downgrades to base " + downgrades);
        long boardEntries = 0;
        for (final Leaderboard b : logic.gamification().boardList)
        {
            boardEntries += b.ranks.size();
        }
        assertTrue(logic.gamification().boardList.size() >= 3 && boardEntries > 0, "board entries " + boardEntries);
        boolean someDebt = false;
        for (final Member m : logic.members().values())
        {
            someDebt |= m.available < 0;
        }
        assertTrue(someDebt || countLedger(logic, LedgerType.REVERSE) > 0);
    }

    @Test
    void shouldGiveTheSameDigestForTheSameCommandsAndStamps()
    {
        final List<Stamped> commands = workload(7);
        final BusinessLogic a = run(commands, new EnumMap<>(ErrorCode.class), 0);
        final BusinessLogic b = run(commands, new EnumMap<>(ErrorCode.class), 0);
        assertEquals(a.stateDigest(), b.stateDigest());
        assertEquals(a.stateDigest(), a.stateDigest());
        assertEquals(a.nextDueAtMillis(), b.nextDueAtMillis());

        final List<Stamped> shifted = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++)
        {
            final Stamped s = commands.get(i);
            shifted.add(i < COMMANDS / 2 ? s : new Stamped(s.command(), s.stampMillis() + 1));
        }
        final BusinessLogic c = run(shifted, new EnumMap<>(ErrorCode.class), 0);
        assertNotEquals(a.stateDigest(), c.stateDigest());
    }

    @Test
    void shouldGiveTheSameDigestWhenEveryCommandIsReplayedFromItsJournalEncoding()
    {
        final List<Stamped> commands = workload(11);
        final CommandCodec codec = new CommandCodec();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final List<Stamped> decoded = new ArrayList<>(commands.size());
        for (final Stamped s : commands)
        {
            if (s.command().type().journaled())
            {
                final int length = codec.encode(s.command(), buffer, 0);
                decoded.add(new Stamped(codec.decode(buffer, 0, length), s.stampMillis()));
            }
        }
        final List<Stamped> journaledOnly = new ArrayList<>();
        for (final Stamped s : commands)
        {
            if (s.command().type().journaled())
            {
                journaledOnly.add(s);
            }
        }

        final BusinessLogic live = run(commands, new EnumMap<>(ErrorCode.class), 0);
        final BusinessLogic replayed = run(decoded, new EnumMap<>(ErrorCode.class), 0);

        assertEquals(live.stateDigest(), replayed.stateDigest());
        assertEquals(run(journaledOnly, new EnumMap<>(ErrorCode.class), 0).stateDigest(), replayed.stateDigest());
    }

    @Test
    void shouldGiveADifferentDigestForADifferentStamp()
    {
        final Harness one = new Harness();
        final Harness two = new Harness();
        for (final Harness h : List.of(one, two))
        {
            h.give(h.member("1"), 10);
        }
        assertEquals(one.logic.stateDigest(), two.logic.stateDigest());
        final String m = Ids.memberId(1);
        one.ok(new Commands.AdjustPoints("x", m, 5, "r"));
        two.advance(1);
        two.ok(new Commands.AdjustPoints("x", m, 5, "r"));
        assertNotEquals(one.logic.stateDigest(), two.logic.stateDigest());
    }
}
