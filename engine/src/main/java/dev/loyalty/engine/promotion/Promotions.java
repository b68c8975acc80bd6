package dev.loyalty.engine.promotion;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.pricing.Pricer;
import dev.loyalty.engine.pricing.PricingResult;
import dev.loyalty.engine.pricing.ProgramSettings;
import dev.loyalty.engine.pricing.SelectedPromotions;
import dev.loyalty.engine.snapshot.SnapshotReader;
import dev.loyalty.engine.snapshot.SnapshotWriter;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * The promotions of the program and their coupon codes, compiled into an index ({@link PromotionIndex}) so that
 * matching a cheque costs what the promotions that could match it cost, not what the live ones do.
 * <p>
 * Matching ({@link #select}) follows API.md's "How a purchase is priced": a promotion applies if it is
 * enabled, every condition holds, its limits are not used up, it took a usable presented code when it needs
 * one, and, when it names categories or skus, some line matches them. If any matching promotion is
 * EXCLUSIVE, only the exclusive one worth most to the member applies (worth = its discount + its points x
 * pointValueMinor when priced alone on the cheque without points payment; ties: higher priority, then smaller
 * promotionId); otherwise every matching promotion applies, in priority order (higher first, then
 * promotionId). Matching allocates nothing; defining promotions and coupons does.
 * <p>
 * State of the single business-logic thread: promotions by id (sorted, so listing and digests are
 * deterministic) and coupons in creation order.
 */
public final class Promotions
{
    /** The id of the snapshot section {@link #writeSnapshot} writes. */
    public static final int SNAPSHOT_SECTION = 20;

    private static final PromotionCharge.State[] CHARGE_STATES = PromotionCharge.State.values();

    private final TreeMap<String, PromotionEntry> entries = new TreeMap<>();
    private final LinkedHashMap<String, Coupon> coupons = new LinkedHashMap<>();
    private final PromotionIndex index = new PromotionIndex();
    private final Pricer trialPricer = new Pricer();
    private final SelectedPromotions trial = new SelectedPromotions();
    private final PricingResult trialResult = new PricingResult();
    private Promotion[] matched = new Promotion[64];
    private int matchedCount;
    private int epoch;
    private int scanned;
    private int examined;

    /**
     * Defines or replaces a promotion that {@link PromotionValidation#problem} accepted. Its counters (uses,
     * budget spent and held) and coupon codes stay with its id.
     */
    public Promotion put(final Commands.PutPromotion c)
    {
        PromotionEntry entry = entries.get(c.promotionId());
        if (entry == null)
        {
            entry = new PromotionEntry(c.promotionId());
            entries.put(entry.id, entry);
        }
        else
        {
            index.remove(entry.current);
        }
        final Promotion p = new Promotion(c, entry);
        entry.current = p;
        index.add(p);
        return p;
    }

    /** The promotion with this id, or null. */
    public PromotionEntry entry(final String promotionId)
    {
        return promotionId == null ? null : entries.get(promotionId);
    }

    /** Every promotion, by promotionId. */
    public Collection<PromotionEntry> entries()
    {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** The coupon with this code, or null. */
    public Coupon coupon(final String code)
    {
        return code == null ? null : coupons.get(code);
    }

    /** Every coupon, in creation order. */
    public Collection<Coupon> coupons()
    {
        return Collections.unmodifiableCollection(coupons.values());
    }

    /**
     * Why a valid coupon batch cannot be created, as a conflict (409) message, or null: its promotion must take
     * coupons ({@code when.coupon: true}) and no code may exist already. The caller checked the promotion exists.
     */
    public String couponConflict(final Commands.CreateCoupons c)
    {
        final Promotion p = entries.get(c.promotionId()).current;
        if (!p.coupon || p.activity != null)
        {
            return "promotion " + p.id + " takes no coupons (its when.coupon is not true)";
        }
        final List<String> codes = c.codes();
        for (int i = 0, n = codes.size(); i < n; i++)
        {
            if (coupons.containsKey(codes.get(i)))
            {
                return "coupon code " + codes.get(i) + " already exists";
            }
        }
        return null;
    }

    /** Creates the codes of a batch that passed {@link #couponConflict}. */
    public void addCoupons(final Commands.CreateCoupons c)
    {
        final PromotionEntry entry = entries.get(c.promotionId());
        for (final String code : c.codes())
        {
            coupons.put(code, new Coupon(code, entry, c.usesPerCode(), c.generated()));
        }
        entry.coupons += c.codes().size();
    }

    /** Chooses the promotions that apply to a purchase; see the class comment. Allocates nothing. */
    public void select(final ChequeContext ctx, final ProgramSettings program, final PromotionSelection out)
    {
        final int e = ++epoch;
        matchedCount = 0;
        scanned = 0;
        examined = 0;
        final List<Line> lines = ctx.lines;
        out.begin(lines.size(), ctx.coupons);

        final List<String> codes = ctx.coupons;
        for (int k = 0, n = codes.size(); k < n; k++)
        {
            final Coupon coupon = coupons.get(codes.get(k));
            if (coupon == null)
            {
                continue;
            }
            if (!coupon.usable())
            {
                out.presented(k, coupon, CouponStatus.COUPON_USED);
                continue;
            }
            out.presented(k, coupon, CouponStatus.COUPON_NOT_APPLICABLE);
            final Promotion p = coupon.promotion.current;
            if (p.enabled && p.coupon && p.activity == null && p.couponEpoch != e)
            {
                p.couponEpoch = e;
                p.couponIndex = k;
                visit(p, ctx, e);
            }
        }

        visit(index.unanchored, ctx, e);
        if (ctx.channel != null)
        {
            visit(index.byChannel.get(ctx.channel.ordinal()), ctx, e);
        }
        visit(index.byStore.get(ctx.storeId), ctx, e);
        visit(index.byPartner.get(ctx.partnerId), ctx, e);
        visit(index.byPayment.get(ctx.payment), ctx, e);
        if (ctx.segment != null)
        {
            visit(index.bySegment.get(ctx.segment), ctx, e);
        }
        for (int i = 0, n = lines.size(); i < n; i++)
        {
            final Line line = lines.get(i);
            visit(index.bySku.get(line.sku()), ctx, e);
            if (line.category() != null)
            {
                visit(index.byCategory.get(line.category()), ctx, e);
            }
        }

        keepBestExclusive(ctx, program);
        sortByPriority();
        final SelectedPromotions effects = out.effects;
        for (int m = 0; m < matchedCount; m++)
        {
            final Promotion p = matched[m];
            final int at = effects.add(p.id, p.discountBp, p.discountMinor, p.earnBp, p.earnPoints, p.multiplierPct,
                p.maxPointsPerTx, p.entry.budgetLeft());
            scope(effects, at, p, lines);
            out.add(p, p.coupon ? p.couponIndex : -1, 0);
            matched[m] = null;
        }
    }

    /**
     * Chooses the activity rules that apply to an activity ({@link ChequeContext#activity}) and the points each
     * gives: its {@code earnPoints}, capped by {@code maxPointsPerTx} and what is left of its budget. Rules that
     * would give nothing do not apply. Allocates nothing.
     */
    public void selectActivity(final ChequeContext ctx, final ProgramSettings program, final PromotionSelection out)
    {
        final int e = ++epoch;
        matchedCount = 0;
        scanned = 0;
        examined = 0;
        out.begin(0, List.of());
        visit(index.byActivity.get(ctx.activityType), ctx, e);
        Promotion best = null;
        for (int m = 0; m < matchedCount; m++)
        {
            final Promotion p = matched[m];
            if (p.exclusive && (best == null || better(activityPoints(p), p, activityPoints(best), best, program)))
            {
                best = p;
            }
        }
        if (best != null)
        {
            clearMatched();
            matched[matchedCount++] = best;
        }
        sortByPriority();
        for (int m = 0; m < matchedCount; m++)
        {
            out.add(matched[m], -1, activityPoints(matched[m]));
            matched[m] = null;
        }
        out.dropPointless();
    }

    private static long activityPoints(final Promotion p)
    {
        long points = p.earnPoints;
        if (p.maxPointsPerTx > 0)
        {
            points = Math.min(points, p.maxPointsPerTx);
        }
        return Math.max(0, Math.min(points, p.entry.budgetLeft()));
    }

    private static boolean better(
        final long points,
        final Promotion p,
        final long bestPoints,
        final Promotion best,
        final ProgramSettings program)
    {
        return compare(worth(0, points, program.pointValueMinor()), p, worth(0, bestPoints, program.pointValueMinor()),
            best) < 0;
    }

    /**
     * Visits a bucket's promotions, rejecting on its primitive arrays first what fails the dates, weekdays,
     * channels, hours or minimum total; the rest are checked in full.
     */
    private void visit(final PromotionBucket bucket, final ChequeContext ctx, final int e)
    {
        if (bucket == null)
        {
            return;
        }
        final long at = ctx.epochMillis;
        final long total = ctx.total;
        final int minute = ctx.minuteOfDay;
        final int day = 1 << ctx.weekday;
        final int channel = ctx.channel == null ? 0 : 1 << (ctx.channel.ordinal() + PromotionBucket.CHANNEL_SHIFT);
        final long[] from = bucket.fromMillis;
        final long[] to = bucket.toMillis;
        final long[] minTotal = bucket.minTotal;
        final int[] masks = bucket.masks;
        final int[] hours = bucket.hours;
        scanned += bucket.size;
        for (int i = 0, n = bucket.size; i < n; i++)
        {
            final int mask = masks[i];
            final int h = hours[i];
            if (at < from[i] || at >= to[i] || total < minTotal[i] ||
                ((mask & PromotionBucket.WEEKDAY_BITS) != 0 && (mask & day) == 0) ||
                ((mask & PromotionBucket.CHANNEL_BITS) != 0 && (mask & channel) == 0) ||
                (h >= 0 && !Promotion.inHours(h >>> 16, h & 0xFFFF, minute)))
            {
                continue;
            }
            visit(bucket.items[i], ctx, e);
        }
    }

    private void visit(final Promotion p, final ChequeContext ctx, final int e)
    {
        if (p.seenEpoch == e)
        {
            return;
        }
        p.seenEpoch = e;
        examined++;
        if ((!p.coupon || p.couponEpoch == e) && p.conditionsHold(ctx))
        {
            if (matchedCount == matched.length)
            {
                matched = Arrays.copyOf(matched, matchedCount * 2);
            }
            matched[matchedCount++] = p;
        }
    }

    /** If any matched promotion is exclusive, leaves only the exclusive one worth most. */
    private void keepBestExclusive(final ChequeContext ctx, final ProgramSettings program)
    {
        Promotion best = null;
        long bestWorth = 0;
        for (int m = 0; m < matchedCount; m++)
        {
            final Promotion p = matched[m];
            if (p.exclusive)
            {
                final long worth = trialWorth(p, ctx, program);
                if (best == null || compare(worth, p, bestWorth, best) < 0)
                {
                    best = p;
                    bestWorth = worth;
                }
            }
        }
        if (best != null)
        {
            clearMatched();
            matched[matchedCount++] = best;
        }
    }

    private void clearMatched()
    {
        Arrays.fill(matched, 0, matchedCount, null);
        matchedCount = 0;
    }

    /** What a promotion alone gives on the cheque before any points payment; -1 if the cheque cannot be priced. */
    private long trialWorth(final Promotion p, final ChequeContext ctx, final ProgramSettings program)
    {
        final List<Line> lines = ctx.lines;
        trial.clear(lines.size());
        final int at = trial.add(p.id, p.discountBp, p.discountMinor, p.earnBp, p.earnPoints, p.multiplierPct,
            p.maxPointsPerTx, p.entry.budgetLeft());
        scope(trial, at, p, lines);
        if (!trialPricer.price(lines, program, 0, 0, false, ctx.member, trial, trialResult))
        {
            return -1;
        }
        return worth(trialResult.promotionDiscount(0), trialResult.promotionPoints(0), program.pointValueMinor());
    }

    /** {@code discount + points * pointValue}, saturating. */
    private static long worth(final long discount, final long points, final long pointValue)
    {
        final long money = points * pointValue;
        if (Math.multiplyHigh(points, pointValue) != 0 || money < 0 || money + discount < 0)
        {
            return Long.MAX_VALUE;
        }
        return money + discount;
    }

    /** Negative when (worth a, promotion p) ranks before (worth b, promotion q). */
    private static int compare(final long a, final Promotion p, final long b, final Promotion q)
    {
        if (a != b)
        {
            return a > b ? -1 : 1;
        }
        if (p.priority != q.priority)
        {
            return p.priority > q.priority ? -1 : 1;
        }
        return p.id.compareTo(q.id);
    }

    /** Insertion sort of the matched promotions: priority, higher first, then promotionId. */
    private void sortByPriority()
    {
        for (int i = 1; i < matchedCount; i++)
        {
            final Promotion p = matched[i];
            int j = i - 1;
            while (j >= 0 && before(p, matched[j]))
            {
                matched[j + 1] = matched[j];
                j--;
            }
            matched[j + 1] = p;
        }
    }

    private static boolean before(final Promotion p, final Promotion q)
    {
        return p.priority != q.priority ? p.priority > q.priority : p.id.compareTo(q.id) < 0;
    }

    private static void scope(final SelectedPromotions effects, final int at, final Promotion p, final List<Line> lines)
    {
        if (!p.productScoped())
        {
            effects.includeAllLines(at);
            return;
        }
        for (int i = 0, n = lines.size(); i < n; i++)
        {
            if (p.inScope(lines.get(i)))
            {
                effects.includeLine(at, i);
            }
        }
    }

    /**
     * Writes every promotion (its definition as the journal encodes it, and its counters) and every coupon, in
     * their orders. The index is derived from the definitions and is rebuilt by {@link #readSnapshot}.
     */
    public void writeSnapshot(final SnapshotWriter out)
    {
        out.beginSection(SNAPSHOT_SECTION);
        out.putCount(entries.size());
        for (final PromotionEntry entry : entries.values())
        {
            out.putCommand(entry.current.definition);
            out.putLong(entry.uses);
            out.putLong(entry.usesReserved);
            out.putLong(entry.budgetSpent);
            out.putLong(entry.budgetReserved);
            out.putLong(entry.coupons);
        }
        out.putCount(coupons.size());
        for (final Coupon coupon : coupons.values())
        {
            out.putString(coupon.code);
            out.putString(coupon.promotion.id);
            out.putLong(coupon.usesPerCode);
            out.putBoolean(coupon.generated);
            out.putLong(coupon.used);
            out.putLong(coupon.reserved);
        }
        out.endSection(SNAPSHOT_SECTION);
    }

    /** Reads what {@link #writeSnapshot} wrote into these promotions, which must be empty. */
    public void readSnapshot(final SnapshotReader in)
    {
        if (!entries.isEmpty() || !coupons.isEmpty())
        {
            throw new IllegalStateException("promotions are restored into an empty instance only");
        }
        in.beginSection(SNAPSHOT_SECTION);
        for (int i = 0, n = in.getCount(8); i < n; i++)
        {
            if (!(in.getCommand() instanceof Commands.PutPromotion definition))
            {
                throw in.invalid("a promotion whose definition is not a PutPromotion");
            }
            final Promotion p = put(definition);
            p.entry.uses = in.getLong();
            p.entry.usesReserved = in.getLong();
            p.entry.budgetSpent = in.getLong();
            p.entry.budgetReserved = in.getLong();
            p.entry.coupons = in.getLong();
        }
        for (int i = 0, n = in.getCount(6); i < n; i++)
        {
            final String code = in.getString();
            final PromotionEntry entry = entries.get(in.getString());
            if (code == null || entry == null)
            {
                throw in.invalid("a coupon without a code or a promotion");
            }
            final Coupon coupon = new Coupon(code, entry, in.getLong(), in.getBoolean());
            coupon.used = in.getLong();
            coupon.reserved = in.getLong();
            coupons.put(code, coupon);
        }
        in.endSection(SNAPSHOT_SECTION);
    }

    /** Writes one purchase's or activity's charge: its promotion and coupon by id, what it gave and holds. */
    public static void writeCharge(final SnapshotWriter out, final PromotionCharge charge)
    {
        out.putString(charge.promotion.id);
        out.putLong(charge.points);
        out.putLong(charge.discount);
        out.putString(charge.coupon == null ? null : charge.coupon.code);
        out.putEnum(charge.state);
        out.putLong(charge.budgetReturned);
        out.putBoolean(charge.useReturned);
    }

    /** Reads a charge {@link #writeCharge} wrote, bound to these (restored) promotions and coupons. */
    public PromotionCharge readCharge(final SnapshotReader in)
    {
        final PromotionEntry entry = entries.get(in.getString());
        final long points = in.getLong();
        final long discount = in.getLong();
        final String code = in.getString();
        final Coupon coupon = code == null ? null : coupons.get(code);
        final PromotionCharge.State state = in.getEnum(CHARGE_STATES);
        if (entry == null || (code != null && coupon == null))
        {
            throw in.invalid("a charge of an unknown promotion or coupon");
        }
        final PromotionCharge charge = new PromotionCharge(entry, points, discount, coupon);
        charge.state = state;
        charge.budgetReturned = in.getLong();
        charge.useReturned = in.getBoolean();
        return charge;
    }

    /**
     * How many index entries the last {@link #select} or {@link #selectActivity} scanned: the promotions filed
     * under the keys the cheque has. It shows what matching cost followed (it does not count the live ones).
     */
    public int lastScanned()
    {
        return scanned;
    }

    /** How many promotions the last match checked in full (those its scan did not reject at once). */
    public int lastExamined()
    {
        return examined;
    }
}
