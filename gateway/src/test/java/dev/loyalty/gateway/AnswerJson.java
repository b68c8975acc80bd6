package dev.loyalty.gateway;

import dev.loyalty.client.ActivityView;
import dev.loyalty.client.Answer;
import dev.loyalty.client.CaptureView;
import dev.loyalty.client.ErrorView;
import dev.loyalty.client.MemberView;
import dev.loyalty.client.PurchaseView;
import dev.loyalty.client.RefundView;
import dev.loyalty.client.VoidView;
import dev.loyalty.engine.sbe.WireCouponStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side: a binary answer as the JSON value HTTP answers for the same call (maps, lists, longs, strings,
 * nulls, as {@link Json#parse} reads them), so that the end-to-end tests compare the two protocols' answers
 * field for field. It follows API.md's shapes, not the binary encoder's code.
 */
final class AnswerJson
{
    private AnswerJson()
    {
    }

    static Object of(final Answer a)
    {
        return switch (a.type())
        {
            case ERROR -> error(a.error());
            case PURCHASE -> purchase(a.purchase());
            case CAPTURE -> capture(a.capture());
            case VOID -> voided(a.voided());
            case REFUND -> refund(a.refund());
            case MEMBER -> member(a.member());
            case ACTIVITY -> activity(a.activity());
            default -> throw new AssertionError("no JSON shape for " + a);
        };
    }

    private static Map<String, Object> error(final ErrorView e)
    {
        final Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", e.code().name());
        inner.put("message", e.message());
        if (e.memberId() != null)
        {
            inner.put("memberId", e.memberId());
        }
        return Map.of("error", inner);
    }

    private static Map<String, Object> purchase(final PurchaseView p)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("txId", p.txId());
        m.put("status", p.status().name());
        m.put("memberId", p.memberId());
        m.put("storeId", p.storeId());
        m.put("total", p.total());
        m.put("discount", p.discount());
        m.put("pointsRedeemed", p.pointsRedeemed());
        m.put("payable", p.payable());
        m.put("pointsToEarn", p.pointsToEarn());
        m.put("maxRedeemable", p.maxRedeemable());
        final List<Object> lines = new ArrayList<>();
        for (int i = 0; i < p.lineCount(); i++)
        {
            final Map<String, Object> l = new LinkedHashMap<>();
            l.put("sku", p.lineSku(i));
            l.put("amount", p.lineAmount(i));
            l.put("discount", p.lineDiscount(i));
            l.put("pointsPaid", p.linePointsPaid(i));
            l.put("paid", p.linePaid(i));
            lines.add(l);
        }
        m.put("lines", lines);
        final List<Object> promotions = new ArrayList<>();
        for (int i = 0; i < p.promotionCount(); i++)
        {
            promotions.add(promotion(p.promotionId(i), p.promotionPoints(i), p.promotionDiscount(i)));
        }
        m.put("promotions", promotions);
        final List<Object> coupons = new ArrayList<>();
        for (int i = 0; i < p.couponCount(); i++)
        {
            final Map<String, Object> c = new LinkedHashMap<>();
            c.put("code", p.couponCode(i));
            if (p.couponStatus(i) == WireCouponStatus.APPLIED)
            {
                c.put("status", "APPLIED");
            }
            else
            {
                c.put("status", "REJECTED");
                c.put("reason", p.couponStatus(i).name());
            }
            coupons.add(c);
        }
        m.put("coupons", coupons);
        if (p.hasBalance())
        {
            m.put("balance", balance(p.balanceAvailable(), p.balancePending(), p.balanceHeld()));
        }
        if (p.hasHoldExpiresAt())
        {
            m.put("holdExpiresAt", iso(p.holdExpiresAtMillis()));
        }
        if (p.hasPointsEarned())
        {
            m.put("pointsEarned", p.pointsEarned());
        }
        if (p.hasAchievements())
        {
            final List<Object> unlocked = new ArrayList<>();
            for (int i = 0; i < p.achievementCount(); i++)
            {
                unlocked.add(unlock(p.achievementId(i), p.achievementName(i), p.achievementUnlocks(i),
                    p.achievementPoints(i)));
            }
            m.put("achievements", unlocked);
        }
        if (p.hasRefunded())
        {
            m.put("refunded", refunded(p.refundedAmount(), p.refundedPointsReversed(), p.refundedPointsReturned()));
        }
        return m;
    }

    private static Map<String, Object> capture(final CaptureView c)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("txId", c.txId());
        m.put("status", "CAPTURED");
        m.put("pointsEarned", c.pointsEarned());
        m.put("pointsRedeemed", c.pointsRedeemed());
        final List<Object> unlocked = new ArrayList<>();
        for (int i = 0; i < c.achievementCount(); i++)
        {
            unlocked.add(unlock(c.achievementId(i), c.achievementName(i), c.achievementUnlocks(i),
                c.achievementPoints(i)));
        }
        m.put("achievements", unlocked);
        if (c.hasBalance())
        {
            m.put("balance", balance(c.balanceAvailable(), c.balancePending(), c.balanceHeld()));
        }
        return m;
    }

    private static Map<String, Object> voided(final VoidView v)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("txId", v.txId());
        m.put("status", "VOIDED");
        if (v.hasBalance())
        {
            m.put("balance", balance(v.balanceAvailable(), v.balancePending(), v.balanceHeld()));
        }
        return m;
    }

    private static Map<String, Object> refund(final RefundView r)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("txId", r.txId());
        m.put("refundId", r.refundId());
        m.put("status", r.status().name());
        m.put("amount", r.amount());
        m.put("money", r.money());
        m.put("pointsReversed", r.pointsReversed());
        m.put("pointsReturned", r.pointsReturned());
        m.put("refunded", refunded(r.refundedAmount(), r.refundedPointsReversed(), r.refundedPointsReturned()));
        if (r.hasBalance())
        {
            m.put("balance", balance(r.balanceAvailable(), r.balancePending(), r.balanceHeld()));
        }
        return m;
    }

    private static Map<String, Object> member(final MemberView v)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("memberId", v.memberId());
        m.put("partnerId", v.partnerId());
        final List<Object> identifiers = new ArrayList<>();
        for (int i = 0; i < v.identifierCount(); i++)
        {
            final Map<String, Object> id = new LinkedHashMap<>();
            id.put("type", v.identifierType(i).name());
            id.put("value", v.identifierValue(i));
            identifiers.add(id);
        }
        m.put("identifiers", identifiers);
        m.put("birthday", v.birthday());
        m.put("tier", v.tier());
        final List<Object> tierHistory = new ArrayList<>();
        for (int i = 0; i < v.tierChangeCount(); i++)
        {
            final Map<String, Object> change = new LinkedHashMap<>();
            change.put("tier", v.tierChangeTier(i));
            change.put("at", iso(v.tierChangeAtMillis(i)));
            tierHistory.add(change);
        }
        m.put("tierHistory", tierHistory);
        final Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < v.attributeCount(); i++)
        {
            attributes.put(v.attributeKey(i), v.attributeValue(i));
        }
        m.put("attributes", attributes);
        m.put("referralCode", v.referralCode());
        m.put("referrerId", v.referrerId());
        m.put("balance", balance(v.balanceAvailable(), v.balancePending(), v.balanceHeld()));
        final Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("purchases", v.purchases());
        stats.put("spentMinor", v.spentMinor());
        stats.put("pointsEarned", v.pointsEarned());
        stats.put("pointsRedeemed", v.pointsRedeemed());
        stats.put("firstPurchaseAt", v.hasFirstPurchaseAt() ? iso(v.firstPurchaseAtMillis()) : null);
        stats.put("lastPurchaseAt", v.hasLastPurchaseAt() ? iso(v.lastPurchaseAtMillis()) : null);
        final Map<String, Object> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < v.channelCount(); i++)
        {
            final Map<String, Object> c = new LinkedHashMap<>();
            c.put("purchases", v.channelPurchases(i));
            c.put("spentMinor", v.channelSpentMinor(i));
            c.put("pointsEarned", v.channelPointsEarned(i));
            c.put("pointsRedeemed", v.channelPointsRedeemed(i));
            byChannel.put(v.channel(i).name(), c);
        }
        stats.put("byChannel", byChannel);
        m.put("stats", stats);
        final List<Object> achievements = new ArrayList<>();
        for (int i = 0; i < v.achievementCount(); i++)
        {
            final Map<String, Object> a = new LinkedHashMap<>();
            a.put("achievementId", v.achievementId(i));
            a.put("name", v.achievementName(i));
            a.put("unlocks", v.achievementUnlocks(i));
            a.put("unlockedAt", v.hasAchievementUnlockedAt(i) ? iso(v.achievementUnlockedAtMillis(i)) : null);
            a.put("lastUnlockedAt",
                v.hasAchievementLastUnlockedAt(i) ? iso(v.achievementLastUnlockedAtMillis(i)) : null);
            achievements.add(a);
        }
        m.put("achievements", achievements);
        return m;
    }

    private static Map<String, Object> activity(final ActivityView a)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", a.requestId());
        m.put("memberId", a.memberId());
        m.put("type", a.type());
        m.put("pointsEarned", a.pointsEarned());
        final List<Object> promotions = new ArrayList<>();
        for (int i = 0; i < a.promotionCount(); i++)
        {
            promotions.add(promotion(a.promotionId(i), a.promotionPoints(i), a.promotionDiscount(i)));
        }
        m.put("promotions", promotions);
        final List<Object> unlocked = new ArrayList<>();
        for (int i = 0; i < a.achievementCount(); i++)
        {
            unlocked.add(unlock(a.achievementId(i), a.achievementName(i), a.achievementUnlocks(i),
                a.achievementPoints(i)));
        }
        m.put("achievements", unlocked);
        m.put("balance", balance(a.balanceAvailable(), a.balancePending(), a.balanceHeld()));
        return m;
    }

    private static Map<String, Object> promotion(final String id, final long points, final long discount)
    {
        final Map<String, Object> p = new LinkedHashMap<>();
        p.put("promotionId", id);
        p.put("points", points);
        p.put("discount", discount);
        return p;
    }

    private static Map<String, Object> unlock(final String id, final String name, final long unlocks, final long points)
    {
        final Map<String, Object> u = new LinkedHashMap<>();
        u.put("achievementId", id);
        u.put("name", name);
        u.put("unlocks", unlocks);
        u.put("points", points);
        return u;
    }

    private static Map<String, Object> balance(final long available, final long pending, final long held)
    {
        final Map<String, Object> b = new LinkedHashMap<>();
        b.put("available", available);
        b.put("pending", pending);
        b.put("held", held);
        return b;
    }

    private static Map<String, Object> refunded(final long amount, final long reversed, final long returned)
    {
        final Map<String, Object> r = new LinkedHashMap<>();
        r.put("amount", amount);
        r.put("pointsReversed", reversed);
        r.put("pointsReturned", returned);
        return r;
    }

    private static String iso(final long epochMillis)
    {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
