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
        check(violations, "EARN", book.totalEarned, earned);
        check(violations, "REDEEM", book.totalRedeemed, redeemed);
        check(violations, "EXPIRE", book.totalExpired, expired);
        check(violations, "REVERSE (taken back)", book.totalReversedOut, reversedOut);
        check(violations, "REVERSE (returned)", book.totalReturned, returned);
        check(violations, "ADJUST (in)", book.totalAdjustedIn, adjustedIn);
        check(violations, "ADJUST (out)", book.totalAdjustedOut, adjustedOut);
        check(violations, "ACTIVITY", book.totalActivity, activity);
        final long zeroSum = book.totalEarned + book.totalActivity + book.totalAdjustedIn + book.totalReturned -
            book.totalRedeemed - book.totalExpired - book.totalReversedOut - book.totalAdjustedOut;
        if (zeroSum != sumBalances)
        {
            violations.add("EARN + ACTIVITY + ADJUST(in) + REVERSE(returned) - REDEEM - EXPIRE - " +
                "REVERSE(taken back) - ADJUST(out) = " + zeroSum + " but balances sum to " + sumBalances);
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

    private static void check(final List<String> violations, final String kind, final long running, final long ledger)
    {
        if (running != ledger)
        {
            violations.add(kind + ": running total " + running + " but ledgers sum to " + ledger);
        }
    }
}
