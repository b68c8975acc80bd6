package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.pricing.Pricer;
import dev.loyalty.engine.pricing.PricingResult;
import dev.loyalty.engine.pricing.ProgramSettings;
import dev.loyalty.engine.promotion.ChequeContext;
import dev.loyalty.engine.promotion.MemberPromotionUses;
import dev.loyalty.engine.promotion.PromotionSelection;
import dev.loyalty.engine.promotion.PromotionValidation;
import dev.loyalty.engine.promotion.Promotions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Promotion matching and pricing of one 10-line cheque (a member at a hypermarket till on a Sunday morning,
 * paying by card and redeeming 100 points) while {@code promotions} promotions of mixed conditions are live
 * and enabled. The same four of them apply whatever the count (a coffee category bonus, a weekend store
 * discount, a students' double points capped per purchase, a POS discount for stores with {@code
 * format=hyper}); the others are drawn from a seed over a coalition's catalogue (3,000 skus, 100 categories,
 * 500 stores, 51 partners, 6 channels): 35% anchored by skus, 25% by a category, 15% by stores, 7% by a
 * partner, 4% by a channel, 7% needing coupons, 5% activity rules and 2% with no indexable condition at all,
 * each carrying a condition this cheque fails (hours, weekdays, minimum total, dates, tier or payment), so that
 * the ones sharing a key with the cheque (about 5% of them) are scanned and rejected.
 * <p>
 * {@link #priceCheque} is what the business logic does per purchase before copying the result out: match
 * ({@link Promotions#select}), price ({@link Pricer}'s zero-allocation core) and settle the selection. {@link
 * #matchOnly} is matching alone. Setup and teardown check the four promotions applied with the expected points
 * and discounts, so that a broken matcher cannot give a fast figure. Goal: the 1,000 case within 2x the 10
 * case, and 0 bytes allocated per operation under {@code -prof gc}.
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar PromotionMatching -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PromotionMatchingBenchmark
{
    /** Live, enabled promotions. */
    @Param({"10", "100", "1000"})
    public int promotions;

    private static final String[] APPLYING = {"hit-store-weekend", "hit-hyper-pos", "hit-coffee", "hit-students"};
    /** 3% of the total 115500 (3465) plus 500. */
    private static final long EXPECTED_DISCOUNT = 3_965;
    /** 50 base, 14 coffee bonus, 50 students' (100% of 50, at its cap of 50). */
    private static final long EXPECTED_POINTS = 114;

    private final Promotions rules = new Promotions();
    private final ChequeContext cheque = new ChequeContext();
    private final PromotionSelection selection = new PromotionSelection();
    private final Pricer pricer = new Pricer();
    private final PricingResult result = new PricingResult();
    private final ProgramSettings program = ProgramSettings.DEFAULTS;
    private final List<Line> lines = new ArrayList<>();
    private int requests;

    /** Defines the promotions and the cheque, prices it once and checks the answer. */
    @Setup(Level.Trial)
    public void define()
    {
        define("hit-coffee", 5, Stacking.STACK, when(null, null, null, List.of("coffee"), null, null, null, null),
            new PromotionThen(1_000, 0, 0, 0, 0), PromotionLimits.NONE);
        define("hit-store-weekend", 20, Stacking.STACK, new PromotionWhen(null, List.of("s-7"), null, null, null,
            null, null, null, null, false, 0, null, null, List.of("SAT", "SUN"), "08:00-12:00",
            PromotionWhen.NO_BIRTHDAY_WINDOW, false, null), new PromotionThen(0, 0, 0, 300, 0), PromotionLimits.NONE);
        define("hit-students", 0, Stacking.STACK, when(null, null, null, null, null, List.of("students"), null, null),
            new PromotionThen(0, 0, 100, 0, 0), new PromotionLimits(50, 0, 0));
        define("hit-hyper-pos", 10, Stacking.STACK, new PromotionWhen(List.of(Channel.POS), null, null,
            Map.of("format", "hyper"), null, null, null, null, null, false, 0, null, null, null, null,
            PromotionWhen.NO_BIRTHDAY_WINDOW, false, null), new PromotionThen(0, 0, 0, 0, 500), PromotionLimits.NONE);
        final Random random = new Random(2026);
        for (int i = APPLYING.length; i < promotions; i++)
        {
            miss(i, random);
        }

        for (int i = 0; i < 10; i++)
        {
            lines.add(new Line("SKU-" + (1 + i), i < 3 ? "coffee" : "cat-" + i, 1 + i % 3, 1_500 + 1_000L * i));
        }
        final OffsetDateTime sundayMorning = OffsetDateTime.parse("2026-12-06T09:15:00+03:00");
        cheque.store("s-7", "main", Channel.POS, Map.of("format", "hyper", "hasCafe", "true", "city", "Kazan"))
            .purchase("CARD", lines, List.of())
            .occurredAt(sundayMorning.toInstant().toEpochMilli(), sundayMorning.getOffset().getTotalSeconds())
            .member("base", "students", 5, 1, false, new MemberPromotionUses());
        priceCheque();
        verify();
        System.out.println("promotions=" + promotions + ": one cheque scans " + rules.lastScanned() +
            " index entries and checks " + rules.lastExamined() + " promotions in full");
    }

    /** Checks that the same four promotions applied, with the same figures. */
    @TearDown(Level.Trial)
    public void verify()
    {
        if (!result.ok() || selection.count() != APPLYING.length || result.discount() != EXPECTED_DISCOUNT ||
            result.pointsToEarn() != EXPECTED_POINTS)
        {
            throw new IllegalStateException("unexpected pricing: ok " + result.ok() + ", " + selection.count() +
                " promotions, discount " + result.discount() + ", points " + result.pointsToEarn());
        }
        for (int i = 0; i < APPLYING.length; i++)
        {
            if (!APPLYING[i].equals(selection.promotionId(i)))
            {
                throw new IllegalStateException("promotion " + i + " is " + selection.promotionId(i));
            }
        }
    }

    /** Match, price with the zero-allocation core, settle: what a purchase costs before its copy-out. */
    @Benchmark
    public long priceCheque()
    {
        rules.select(cheque, program, selection);
        pricer.price(lines, program, 5_000, 100, false, true, selection.effects(), result);
        selection.settle(result);
        return result.pointsToEarn() + result.payable();
    }

    /** Matching alone. */
    @Benchmark
    public int matchOnly()
    {
        rules.select(cheque, program, selection);
        return selection.effects().count();
    }

    /** A promotion this cheque never gets: an anchor drawn from a large catalogue and a condition it fails. */
    private void miss(final int i, final Random random)
    {
        final int kind = random.nextInt(100);
        List<Channel> channels = null;
        List<String> stores = null;
        List<String> partners = null;
        List<String> categories = null;
        List<String> skus = null;
        boolean coupon = false;
        String activity = null;
        if (kind < 35)
        {
            skus = List.of(
                "SKU-" + random.nextInt(3_000), "SKU-" + random.nextInt(3_000), "SKU-" + random.nextInt(3_000));
        }
        else if (kind < 60)
        {
            categories = List.of(random.nextInt(100) == 0 ? "coffee" : "cat-" + random.nextInt(100));
        }
        else if (kind < 75)
        {
            stores = List.of("s-" + random.nextInt(500), "s-" + random.nextInt(500));
        }
        else if (kind < 82)
        {
            partners = List.of(random.nextInt(51) == 0 ? "main" : "p-" + random.nextInt(50));
        }
        else if (kind < 86)
        {
            channels = List.of(Channel.values()[random.nextInt(Channel.values().length)]);
        }
        else if (kind < 93)
        {
            coupon = true;
        }
        else if (kind < 98)
        {
            activity = random.nextBoolean() ? "REVIEW" : "APP_INSTALL";
        }
        final boolean purchaseRule = activity == null;
        final int failing = random.nextInt(purchaseRule ? 6 : 3);
        final String hours = failing == 0 ? "18:00-22:00" : null;
        final List<String> weekdays = failing == 1 ? List.of("MON", "TUE", "WED", "THU", "FRI") : null;
        final String to = failing == 2 ? "2026-01-01T00:00:00Z" : null;
        final long minTotal = failing == 3 ? 10_000_000 : 0;
        final List<String> tiers = failing == 4 ? List.of("gold") : null;
        final List<String> payment = failing == 5 ? List.of("WALLET") : null;
        define("miss-" + i, random.nextInt(50), random.nextInt(5) == 0 ? Stacking.EXCLUSIVE : Stacking.STACK,
            new PromotionWhen(channels, stores, partners, null, payment, categories, skus, tiers, null, coupon,
                minTotal, null, to, weekdays, hours, PromotionWhen.NO_BIRTHDAY_WINDOW, false, activity),
            purchaseRule ? new PromotionThen(random.nextInt(2_000), random.nextInt(50), 0, random.nextInt(1_000), 0) :
                new PromotionThen(0, 10 + random.nextInt(90), 0, 0, 0),
            new PromotionLimits(0, random.nextInt(3), random.nextBoolean() ? 0 : 100_000));
    }

    private static PromotionWhen when(
        final List<Channel> channels,
        final List<String> stores,
        final List<String> payment,
        final List<String> categories,
        final List<String> skus,
        final List<String> segments,
        final String hours,
        final String activity)
    {
        return new PromotionWhen(channels, stores, null, null, payment, categories, skus, null, segments, false, 0,
            null, null, null, hours, PromotionWhen.NO_BIRTHDAY_WINDOW, false, activity);
    }

    private void define(
        final String id,
        final long priority,
        final Stacking stacking,
        final PromotionWhen when,
        final PromotionThen then,
        final PromotionLimits limits)
    {
        final Commands.PutPromotion put = new Commands.PutPromotion(
            "bench-" + (++requests), id, "Benchmark " + id, true, priority, stacking, when, then, limits);
        final String problem = PromotionValidation.problem(put);
        if (problem != null)
        {
            throw new IllegalStateException(id + ": " + problem);
        }
        rules.put(put);
    }
}
