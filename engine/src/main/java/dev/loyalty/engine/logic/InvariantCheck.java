package dev.loyalty.engine.logic;

import dev.loyalty.engine.promotion.Coupon;
import dev.loyalty.engine.promotion.PromotionCharge;
import dev.loyalty.engine.promotion.PromotionEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger invariants of {@link BusinessLogic#checkInvariants()}, checked by walking the whole state, and
 * the promotion holds: what promotions, coupons and members count as held equals what open authorizations hold.
 */
final class InvariantCheck
{
    private InvariantCheck()
    {
    }

    static List<String> check(final BusinessLogic logic)
    {
        final List<String> violations = new ArrayList<>();
        final PointsBook book = logic.book();
        long sumBalances = 0;
        long earned = 0;
        long redeemed = 0;
        long expired = 0;
        long reversedOut = 0;
        long returned = 0;
        long adjustedIn = 0;
        long adjustedOut = 0;
        long activity = 0;
        long achievement = 0;
        long referral = 0;

        final IdentityHashMap<Member, long[]> heldByMember = new IdentityHashMap<>();
        for (final Purchase p : logic.purchases().values())
        {
            if (p.member != null && p.status == PurchaseStatus.AUTHORIZED)
            {
                long[] h = heldByMember.get(p.member.live());
                if (h == null)
                {
                    h = new long[2];
                    heldByMember.put(p.member.live(), h);
                }
                h[0] += p.heldPoints();
                h[1]++;
            }
            else if (!p.hold.isEmpty())
            {
                violations.add("purchase " + p.txId + " is " + p.status + " but still holds points");
            }
        }

        for (final Member m : logic.members().values())
        {
            long ledgerSum = 0;
            long lastSeq = 0;
            for (final LedgerEntry e : m.ledger)
            {
                ledgerSum += e.points();
                if (e.seq() <= lastSeq)
                {
                    violations.add(m.memberId + ": ledger seq " + e.seq() + " after " + lastSeq);
                }
                lastSeq = e.seq();
                if (e.type().movesBetweenBuckets() && e.points() != 0)
                {
                    violations.add(m.memberId + ": " + e.type() + " entry " + e.seq() + " has points " + e.points());
                }
                switch (e.type())
                {
                    case EARN -> earned += e.points();
                    case ACTIVITY -> activity += e.points();
                    case ACHIEVEMENT -> achievement += e.points();
                    case REFERRAL -> referral += e.points();
                    case REDEEM -> redeemed -= e.points();
                    case EXPIRE -> expired -= e.points();
                    case REVERSE ->
                    {
                        if (e.points() < 0)
                        {
                            reversedOut -= e.points();
                        }
                        else
                        {
                            returned += e.points();
                        }
                    }
                    case ADJUST ->
                    {
                        if (e.points() < 0)
                        {
                            adjustedOut -= e.points();
                        }
                        else
                        {
                            adjustedIn += e.points();
                        }
                    }
                    default ->
                    {
                    }
                }
            }
            final long total = m.available + m.pending + m.held;
            sumBalances += total;
            if (total != ledgerSum)
            {
                violations.add(m.memberId + ": available " + m.available + " + pending " + m.pending + " + held " +
                    m.held + " = " + total + " but the ledger sums to " + ledgerSum);
            }
            long spendable = 0;
            long pendingLots = 0;
            long heldOut = 0;
            for (final Lot lot : m.lots)
            {
                if (lot.owner != m)
                {
                    violations.add(m.memberId + ": lot " + lot.lotId + " belongs to " + lot.owner.memberId);
                }
                if (lot.remaining < 0 || lot.heldOut < 0)
                {
                    violations.add(m.memberId + ": lot " + lot.lotId + " is negative");
                }
                if (lot.pending)
                {
                    pendingLots += lot.remaining;
                }
                else
                {
                    spendable += lot.remaining;
                }
                heldOut += lot.heldOut;
            }
            if (m.available != spendable - m.debt)
            {
                violations.add(m.memberId + ": available " + m.available + " != lots " + spendable + " - debt " + m.debt);
            }
            if (m.debt < 0 || (m.debt > 0 && spendable > 0))
            {
                violations.add(m.memberId + ": debt " + m.debt + " while lots have " + spendable);
            }
            if (m.pending != pendingLots || m.pending < 0)
            {
                violations.add(m.memberId + ": pending " + m.pending + " != pending lots " + pendingLots);
            }
            final long[] h = heldByMember.get(m);
            final long holds = h == null ? 0 : h[0];
            final long open = h == null ? 0 : h[1];
            if (m.held != holds || m.held != heldOut)
            {
                violations.add(m.memberId + ": held " + m.held + " != open holds " + holds + " / lots held " + heldOut);
            }
            if (m.openAuthorizations != open)
            {
                violations.add(m.memberId + ": " + m.openAuthorizations + " open authorizations counted, " + open + " found");
            }
            if (m.mergedInto != null && (total != 0 || !m.ledger.isEmpty() || !m.lots.isEmpty()))
            {
                violations.add(m.memberId + ": merged but still has points, lots or ledger");
            }
        }

        checkPromotionHolds(logic, violations);
        checkGamification(logic, violations, achievement);
        check(violations, "EARN", book.totalEarned, earned);
        check(violations, "REDEEM", book.totalRedeemed, redeemed);
        check(violations, "EXPIRE", book.totalExpired, expired);
        check(violations, "REVERSE (taken back)", book.totalReversedOut, reversedOut);
        check(violations, "REVERSE (returned)", book.totalReturned, returned);
        check(violations, "ADJUST (in)", book.totalAdjustedIn, adjustedIn);
        check(violations, "ADJUST (out)", book.totalAdjustedOut, adjustedOut);
        check(violations, "ACTIVITY", book.totalActivity, activity);
        check(violations, "ACHIEVEMENT", book.totalAchievement, achievement);
        check(violations, "REFERRAL", book.totalReferral, referral);
        final long zeroSum = book.totalEarned + book.totalActivity + book.totalAchievement + book.totalReferral +
            book.totalAdjustedIn + book.totalReturned - book.totalRedeemed - book.totalExpired - book.totalReversedOut -
            book.totalAdjustedOut;
        if (zeroSum != sumBalances)
        {
            violations.add("EARN + ACTIVITY + ACHIEVEMENT + REFERRAL + ADJUST(in) + REVERSE(returned) - REDEEM - " +
                "EXPIRE - REVERSE(taken back) - ADJUST(out) = " + zeroSum + " but balances sum to " + sumBalances);
        }
        return violations;
    }

    private static void checkPromotionHolds(final BusinessLogic logic, final List<String> violations)
    {
        final HashMap<String, long[]> byPromotion = new HashMap<>();
        final HashMap<String, Long> byCoupon = new HashMap<>();
        final IdentityHashMap<Member, HashMap<String, Long>> byMember = new IdentityHashMap<>();
        for (final Purchase p : logic.purchases().values())
        {
            for (final PromotionCharge charge : p.charges)
            {
                final boolean held = charge.state() == PromotionCharge.State.RESERVED;
                if (held != (p.status == PurchaseStatus.AUTHORIZED))
                {
                    violations.add("purchase " + p.txId + " is " + p.status + " but its " + charge.promotionId() +
                        " charge is " + charge.state());
                }
                if (!held)
                {
                    continue;
                }
                final long[] h = byPromotion.computeIfAbsent(charge.promotionId(), id -> new long[2]);
                h[0]++;
                h[1] += charge.points();
                if (charge.couponCode() != null)
                {
                    byCoupon.merge(charge.couponCode(), 1L, Long::sum);
                }
                if (p.member != null)
                {
                    byMember.computeIfAbsent(p.member.live(), m -> new HashMap<>())
                        .merge(charge.promotionId(), 1L, Long::sum);
                }
            }
        }
        for (final PromotionEntry entry : logic.promotions().entries())
        {
            final long[] h = byPromotion.getOrDefault(entry.id(), new long[2]);
            if (entry.usesReserved() != h[0] || entry.budgetReserved() != h[1] || entry.uses() < 0 ||
                entry.budgetSpent() < 0)
            {
                violations.add("promotion " + entry.id() + " holds " + entry.usesReserved() + " uses / " +
                    entry.budgetReserved() + " points, open authorizations " + h[0] + " / " + h[1] + "; uses " +
                    entry.uses() + ", spent " + entry.budgetSpent());
            }
        }
        for (final Coupon coupon : logic.promotions().coupons())
        {
            final long held = byCoupon.getOrDefault(coupon.code(), 0L);
            if (coupon.reserved() != held || coupon.used() < 0 ||
                (coupon.usesPerCode() > 0 && coupon.used() + coupon.reserved() > coupon.usesPerCode()))
            {
                violations.add("coupon " + coupon.code() + " holds " + coupon.reserved() + ", open authorizations " +
                    held + "; used " + coupon.used() + " of " + coupon.usesPerCode());
            }
        }
        for (final Member m : logic.members().values())
        {
            final Map<String, Long> held = byMember.getOrDefault(m, new HashMap<>());
            for (final Map.Entry<String, long[]> e : m.promotionUses.entries().entrySet())
            {
                if (e.getValue()[1] != held.getOrDefault(e.getKey(), 0L) || e.getValue()[0] < 0)
                {
                    violations.add(m.memberId + " holds " + e.getValue()[1] + " uses of " + e.getKey() +
                        ", open authorizations " + held.getOrDefault(e.getKey(), 0L));
                }
            }
        }
    }

    /**
     * Tiers: every live member's tier is the one its window's total gives, the total is the sum of its buckets
     * (none negative), and a window with buckets has its downgrade scheduled. Achievements: the rewards credited
     * equal the ACHIEVEMENT entries. Boards: only live members have values.
     */
    private static void checkGamification(final BusinessLogic logic, final List<String> violations, final long ledger)
    {
        final Gamification g = logic.gamification();
        for (final Member m : logic.members().values())
        {
            if (m.mergedInto != null)
            {
                if (m.tierWindow != null || m.tierDue != null || m.achievements != null)
                {
                    violations.add(m.memberId + ": merged but still has a tier window or achievement progress");
                }
                for (final Leaderboard b : g.boardList)
                {
                    if (b.ranks.value(Gamification.rankId(m)) != 0)
                    {
                        violations.add(m.memberId + ": merged but still on leaderboard " + b.boardId);
                    }
                }
                continue;
            }
            final TierWindow w = m.tierWindow;
            long sum = 0;
            for (int i = 0, n = w == null ? 0 : w.size(); i < n; i++)
            {
                sum += w.amountAt(i);
                if (w.amountAt(i) < 0)
                {
                    violations.add(m.memberId + ": tier bucket of day " + w.dayAt(i) + " is negative");
                }
            }
            if (w != null && w.total() != sum)
            {
                violations.add(m.memberId + ": tier window total " + w.total() + " != buckets " + sum);
            }
            if (g.tiers != null && !g.tiers.tierFor(sum).equals(m.tier))
            {
                violations.add(m.memberId + ": tier " + m.tier + " but its qualifying " + sum + " gives " +
                    g.tiers.tierFor(sum));
            }
            if ((w != null && !w.isEmpty()) != (m.tierDue != null))
            {
                violations.add(m.memberId + ": tier window and its scheduled downgrade disagree");
            }
        }
        long credited = 0;
        for (final Achievement a : g.achievementList)
        {
            credited += a.pointsCredited;
        }
        check(violations, "achievement rewards credited", credited, ledger);
    }

    private static void check(final List<String> violations, final String kind, final long running, final long ledger)
    {
        if (running != ledger)
        {
            violations.add(kind + ": running total " + running + " but ledgers sum to " + ledger);
        }
    }
}
