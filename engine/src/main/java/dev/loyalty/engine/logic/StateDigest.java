package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKey;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.pricing.ProgramSettings;
import dev.loyalty.engine.promotion.Coupon;
import dev.loyalty.engine.promotion.CouponResult;
import dev.loyalty.engine.promotion.PromotionCharge;
import dev.loyalty.engine.promotion.PromotionEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the whole state of a {@link BusinessLogic} into SHA-256 in a fixed order: engine time and counters,
 * program, partners, stores, promotions (definitions and counters) and coupons, members (buckets, debt, lots,
 * ledger, stats, identifiers, attributes, tier, promotion uses), purchases (with their promotion charges and
 * coupon answers), pending time-driven work, idempotency keys with their commands and rendered first answers,
 * API keys, and gamification: the tier program, achievements, leaderboards with their entries in rank order,
 * and each member's tier history, tier window and achievement progress. Every map it walks is insertion-ordered
 * or sorted, so equal command histories give equal digests. The promotion index is derived from the definitions
 * and is not digested.
 */
final class StateDigest
{
    private StateDigest()
    {
    }

    static String of(final BusinessLogic logic)
    {
        final DigestWriter d = new DigestWriter();
        final PointsBook book = logic.book();
        d.tag('T').put(logic.engineTimeMillis()).put(logic.memberCounter());
        d.put(book.ledgerSeq).put(book.lotSeq).put(book.dueSeq);
        d.put(book.totalEarned).put(book.totalRedeemed).put(book.totalExpired).put(book.totalReversedOut)
            .put(book.totalReturned).put(book.totalAdjustedIn).put(book.totalAdjustedOut).put(book.totalActivity)
            .put(book.totalAchievement).put(book.totalReferral);

        final ProgramSettings p = logic.program();
        d.tag('P').put(p.toString());

        d.tag('A');
        for (final Partner partner : logic.partners().values())
        {
            d.put(partner.partnerId()).put(partner.name());
        }
        d.tag('S');
        for (final Store store : logic.stores().values())
        {
            store.writeTo(d);
        }

        d.tag('O');
        for (final PromotionEntry entry : logic.promotions().entries())
        {
            d.put(entry.id()).put(entry.current().definition().toString()).put(entry.uses()).put(entry.usesReserved())
                .put(entry.budgetSpent()).put(entry.budgetReserved()).put(entry.coupons());
        }
        d.tag('C');
        for (final Coupon coupon : logic.promotions().coupons())
        {
            d.put(coupon.code()).put(coupon.promotionId()).put(coupon.usesPerCode()).put(coupon.generated())
                .put(coupon.used()).put(coupon.reserved());
        }

        gamification(d, logic.gamification());

        d.tag('M');
        for (final Member m : logic.members().values())
        {
            member(d, m);
        }

        d.tag('U');
        for (final Purchase purchase : logic.purchases().values())
        {
            purchase(d, purchase);
        }

        d.tag('D');
        for (final DueWork work : book.due)
        {
            d.put(work.id).put(work.dueAt).put(work.kind.name())
                .put(work.purchase == null ? null : work.purchase.txId).put(work.lot == null ? -1 : work.lot.lotId)
                .put(work.member == null ? null : work.member.memberId)
                .put(work.board == null ? null : work.board.boardId);
        }

        d.tag('R');
        for (final Map.Entry<String, KeyEntry> e : logic.refunds().entrySet())
        {
            keyEntry(d, e.getKey(), e.getValue());
        }
        for (final Map.Entry<CommandType, LinkedHashMap<String, KeyEntry>> byType : logic.requestKeys().entrySet())
        {
            d.tag('Q').put(byType.getKey().name());
            for (final Map.Entry<String, KeyEntry> e : byType.getValue().entrySet())
            {
                keyEntry(d, e.getKey(), e.getValue());
            }
            if (byType.getKey() == CommandType.CREATE_MEMBER)
            {
                final MemberCreations creations = logic.memberCreations();
                for (int number = 1; number <= creations.size(); number++)
                {
                    keyEntry(d, creations.requestId(number), creations.entry(number));
                }
            }
        }

        d.tag('K');
        for (final ApiKey key : logic.keys().values())
        {
            d.put(key.keyId()).put(key.role().name()).put(key.partnerId()).put(key.secretSha256Hex()).put(key.revoked());
        }
        return d.hex();
    }

    private static void gamification(final DigestWriter d, final Gamification g)
    {
        d.tag('G').put(g.seq).put(g.tiers == null ? null : g.tiers.toString());
        for (final Achievement a : g.achievementList)
        {
            d.put(a.achievementId).put(a.index).put(a.metricText).put(a.definedSeq).put(a.definedAt).put(a.name)
                .put(a.target).put(a.rewardPoints).put(a.repeatable).put(a.unlocks).put(a.pointsCredited);
        }
        d.tag('B');
        for (final Leaderboard b : g.boardList)
        {
            d.put(b.boardId).put(b.metric.name()).put(b.period.name()).put(b.partnerId).put(b.createdAt)
                .put(b.periodStart).put(b.periodEnd).put(b.periodStartSeq).put(b.roll == null ? -1 : b.roll.id)
                .put(b.ranks.size());
            for (int i = 0, n = b.ranks.size(); i < n; i++)
            {
                final int id = b.ranks.idAt(i);
                d.put(id).put(b.ranks.value(id));
            }
        }
    }

    private static void keyEntry(final DigestWriter d, final String key, final KeyEntry entry)
    {
        d.put(key).put(entry.command().toString());
        entry.reply().writeTo(d);
    }

    private static void member(final DigestWriter d, final Member m)
    {
        d.tag('m').put(m.memberId).put(m.number).put(m.homePartnerId).put(m.referralCode).put(m.referrerId)
            .put(m.birthday).put(m.mergedInto == null ? null : m.mergedInto.memberId);
        d.put(m.available).put(m.pending).put(m.held).put(m.debt).put(m.openAuthorizations);
        for (final Identifier id : m.identifiers)
        {
            d.put(id.type().name()).put(id.value());
        }
        d.tag('a');
        for (final Map.Entry<String, String> e : m.attributes.entrySet())
        {
            d.put(e.getKey()).put(e.getValue());
        }
        d.tag('l');
        for (final Lot lot : m.lots)
        {
            d.put(lot.lotId).put(lot.earnedAt).put(lot.activateAt).put(lot.expireAt).put(lot.remaining)
                .put(lot.heldOut).put(lot.pending).put(lot.expired);
        }
        d.tag('g');
        for (final LedgerEntry e : m.ledger)
        {
            e.writeTo(d);
            d.put(e.atMillis());
        }
        m.stats.writeTo(d);
        d.put(m.stats.firstPurchaseAt).put(m.stats.lastPurchaseAt);
        d.tag('t').put(m.tier).put(m.birthMonth).put(m.birthDay);
        for (final Map.Entry<String, long[]> e : m.promotionUses.entries().entrySet())
        {
            d.put(e.getKey()).put(e.getValue()[0]).put(e.getValue()[1]);
        }
        d.tag('h');
        for (final TierChange change : m.tierHistory)
        {
            d.put(change.tier()).put(change.atMillis());
        }
        d.tag('w').put(m.tierDue == null ? -1 : m.tierDue.id);
        if (m.tierWindow != null)
        {
            d.put(m.tierWindow.total());
            for (int i = 0, n = m.tierWindow.size(); i < n; i++)
            {
                d.put(m.tierWindow.dayAt(i)).put(m.tierWindow.amountAt(i));
            }
        }
        d.tag('v');
        if (m.achievements != null)
        {
            for (int i = 0; i < m.achievements.length; i++)
            {
                final AchievementProgress p = m.achievements[i];
                if (p != null)
                {
                    d.put(i).put(p.progress).put(p.channels).put(p.unlocks).put(p.firstUnlockedAt)
                        .put(p.lastUnlockedAt);
                }
            }
        }
    }

    private static void purchase(final DigestWriter d, final Purchase p)
    {
        d.tag('p').put(p.txId).put(p.origin().name()).put(p.originCommand.toString()).put(p.partnerId())
            .put(p.channel().name()).put(p.status.name()).put(p.occurredAtMillis).put(p.holdExpiresAt)
            .put(p.pointsToEarn()).put(p.pointsEarned()).put(p.earnedLot == null ? -1 : p.earnedLot.lotId)
            .put(p.refundedAmount()).put(p.refundedMoney()).put(p.cumulativeReversed()).put(p.cumulativeReturned())
            .put(p.captureSeq).put(p.capturedAt).put(p.unlocked == null ? null : p.unlocked.toString());
        d.put(p.priced.toString());
        for (final long refunded : p.refundedAmountPerLine())
        {
            d.put(refunded);
        }
        for (final long qty : p.refundedQtyPerLine())
        {
            d.put(qty);
        }
        d.tag('c');
        for (final PromotionCharge charge : p.charges)
        {
            d.put(charge.promotionId()).put(charge.points()).put(charge.discount()).put(charge.couponCode())
                .put(charge.state() == null ? null : charge.state().name()).put(charge.budgetReturned())
                .put(charge.useReturned());
        }
        for (final CouponResult coupon : p.coupons)
        {
            d.put(coupon.code()).put(coupon.status().name());
        }
        final List<HoldPart> hold = p.hold;
        for (final HoldPart part : hold)
        {
            d.put(part.lot().lotId).put(part.amount());
        }
        p.writeTo(d);
        if (p.booked)
        {
            new CaptureReply(p).writeTo(d);
        }
        if (p.status == PurchaseStatus.VOIDED)
        {
            new VoidReply(p).writeTo(d);
        }
    }
}
