package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.reply.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricerTest
{
    private static final ProgramSettings DEFAULTS = ProgramSettings.DEFAULTS;
    private static final List<Line> EXAMPLE_LINES = List.of(
        new Line("SKU-1", "coffee", 2, 25_000),
        new Line("SKU-9", "bakery", 1, 9_000));

    private final Pricer pricer = new Pricer();

    @Test
    void shouldPriceTheApiExampleExactly()
    {
        final PricedCheque cheque = pricer.price(EXAMPLE_LINES, DEFAULTS, 500, 100, false, List.of());

        assertTrue(cheque.ok(), cheque.errorMessage());
        assertEquals(59_000, cheque.total());
        assertEquals(0, cheque.discount());
        assertEquals(100, cheque.pointsRedeemed());
        assertEquals(49_000, cheque.payable());
        assertEquals(24, cheque.pointsToEarn());
        assertEquals(24, cheque.basePoints());
        assertEquals(177, cheque.maxRedeemable());
        assertEquals(
            List.of(new LinePrice("SKU-1", 50_000, 0, 8_475, 41_525), new LinePrice("SKU-9", 9_000, 0, 1_525, 7_475)),
            cheque.lines());
        assertEquals(List.of(), cheque.promotions());
    }

    @Test
    void shouldRedeemMaxRedeemableWhenAskedForMax()
    {
        final PricedCheque cheque = pricer.price(EXAMPLE_LINES, DEFAULTS, 500, 0, true, List.of());

        assertTrue(cheque.ok());
        assertEquals(177, cheque.pointsRedeemed());
        assertEquals(59_000 - 17_700, cheque.payable());
        assertEquals(15_000, cheque.lines().get(0).pointsPaid());
        assertEquals(2_700, cheque.lines().get(1).pointsPaid());
        assertEquals(20, cheque.pointsToEarn()); // floor(41300 * 500 / 10000 / 100) = floor(20.65)
    }

    @Test
    void shouldRedeemOnlyTheBalanceWhenMaxIsAboveIt()
    {
        final PricedCheque cheque = pricer.price(EXAMPLE_LINES, DEFAULTS, 40, 0, true, List.of());

        assertEquals(40, cheque.maxRedeemable());
        assertEquals(40, cheque.pointsRedeemed());
        assertEquals(55_000, cheque.payable());
    }

    @Test
    void shouldAnswerInsufficientPointsEvenWhenTheCapIsAlsoExceeded()
    {
        final PricedCheque both = pricer.price(EXAMPLE_LINES, DEFAULTS, 150, 200, false, List.of());
        assertEquals(ErrorCode.INSUFFICIENT_POINTS, both.error());
        assertEquals(150, both.maxRedeemable());

        final PricedCheque balanceOnly = pricer.price(EXAMPLE_LINES, DEFAULTS, 150, 160, false, List.of());
        assertEquals(ErrorCode.INSUFFICIENT_POINTS, balanceOnly.error());
    }

    @Test
    void shouldAnswerRedeemLimitExceededWhenOnlyTheCapIsExceeded()
    {
        final PricedCheque cheque = pricer.price(EXAMPLE_LINES, DEFAULTS, 500, 178, false, List.of());

        assertEquals(ErrorCode.REDEEM_LIMIT_EXCEEDED, cheque.error());
        assertTrue(cheque.errorMessage().contains("177"), cheque.errorMessage());
        assertTrue(pricer.price(EXAMPLE_LINES, DEFAULTS, 500, 177, false, List.of()).ok());
    }

    @Test
    void shouldRedeemNothingFromANegativeBalance()
    {
        final PricedCheque max = pricer.price(EXAMPLE_LINES, DEFAULTS, -50, 0, true, List.of());
        assertTrue(max.ok());
        assertEquals(0, max.maxRedeemable());
        assertEquals(0, max.pointsRedeemed());
        assertEquals(59_000, max.payable());

        assertTrue(pricer.price(EXAMPLE_LINES, DEFAULTS, -50, 0, false, List.of()).ok());
        assertEquals(ErrorCode.INSUFFICIENT_POINTS, pricer.price(EXAMPLE_LINES, DEFAULTS, -50, 1, false, List.of())
            .error());
    }

    @Test
    void shouldRejectNegativeRedeemPoints()
    {
        assertEquals(ErrorCode.INVALID_REQUEST, pricer.price(EXAMPLE_LINES, DEFAULTS, 500, -1, false, List.of())
            .error());
    }

    @Test
    void shouldNeverLetPointsPayMoreThanTheCheque()
    {
        final ProgramSettings generous = program(100, 500, EarnOn.PAID, 100_000);
        final PricedCheque cheque = pricer.price(EXAMPLE_LINES, generous, 10_000, 0, true, List.of());

        assertEquals(590, cheque.maxRedeemable());
        assertEquals(0, cheque.payable());
    }

    @Test
    void shouldDiscountOnlyTheScopeAndTakeThePercentageOfOriginalAmounts()
    {
        final List<Line> lines = threeLines();
        final PricedCheque cheque = pricer.price(lines, DEFAULTS, 0, 0, false, List.of(
            discount("P1", new boolean[]{true, true, false}, 1_000, 0),
            discount("P2", new boolean[]{true, true, true}, 1_000, 0)));

        assertTrue(cheque.ok());
        // P1: 10% of 15000 = 1500, spread 1000 / 500. P2: 10% of the original 20000 = 2000, not of 18500.
        assertEquals(List.of(new AppliedPromotion("P1", 0, 1_500), new AppliedPromotion("P2", 0, 2_000)),
            cheque.promotions());
        assertEquals(3_500, cheque.discount());
        // P2 spreads 2000 over 9000 : 4500 : 5000 -> 972.97, 486.48, 540.54 -> 972, 486, 540 and 2 left over.
        assertEquals(1_000 + 973, cheque.lines().get(0).discount());
        assertEquals(500 + 486, cheque.lines().get(1).discount());
        assertEquals(541, cheque.lines().get(2).discount());
        assertEquals(16_500, cheque.payable());
    }

    @Test
    void shouldSpreadAFixedDiscountByWhatIsLeftOfEachLine()
    {
        final PricedCheque cheque = pricer.price(threeLines(), DEFAULTS, 0, 0, false, List.of(
            discount("P1", new boolean[]{true, true, false}, 1_000, 0),
            discount("P2", new boolean[]{true, true, true}, 0, 3_000)));

        // P2 spreads 3000 over 9000 : 4500 : 5000 (sum 18500): 1459.46, 729.73, 810.81 -> C and B take the 2 left.
        assertEquals(1_000 + 1_459, cheque.lines().get(0).discount());
        assertEquals(500 + 730, cheque.lines().get(1).discount());
        assertEquals(811, cheque.lines().get(2).discount());
        assertEquals(4_500, cheque.discount());
    }

    @Test
    void shouldCapADiscountAtWhatIsLeftOfItsScopeInTheOrderGiven()
    {
        final boolean[] onlyB = {false, true, false};
        final PricedCheque first = pricer.price(threeLines(), DEFAULTS, 0, 0, false, List.of(
            discount("BIG", onlyB, 0, 4_000), discount("SMALL", onlyB, 0, 3_000)));
        assertEquals(List.of(new AppliedPromotion("BIG", 0, 4_000), new AppliedPromotion("SMALL", 0, 1_000)),
            first.promotions());
        assertEquals(new LinePrice("B", 5_000, 5_000, 0, 0), first.lines().get(1));
        assertEquals(5_000, first.discount());

        final PricedCheque reversed = pricer.price(threeLines(), DEFAULTS, 0, 0, false, List.of(
            discount("SMALL", onlyB, 0, 3_000), discount("BIG", onlyB, 0, 4_000)));
        assertEquals(List.of(new AppliedPromotion("SMALL", 0, 3_000), new AppliedPromotion("BIG", 0, 2_000)),
            reversed.promotions());
    }

    @Test
    void shouldCapPointsAtTheShareOfTheChequeAfterDiscounts()
    {
        final PricedCheque cheque = pricer.price(EXAMPLE_LINES, DEFAULTS, 1_000, 0, true, List.of(
            discount("HALF", new boolean[]{true, true}, 5_000, 0)));

        assertEquals(29_500, cheque.discount());
        assertEquals(88, cheque.maxRedeemable()); // floor(29500 * 3000 / 10000 / 100) = floor(88.5)
        // 8800 over what is left after discounts: 25000 and 4500.
        assertEquals(7_458, cheque.lines().get(0).pointsPaid());
        assertEquals(1_342, cheque.lines().get(1).pointsPaid());
        assertEquals(29_500 - 8_800, cheque.payable());
    }

    @Test
    void shouldEarnOnPaidOrOnTotalAsTheProgramSays()
    {
        final List<Line> lines = List.of(new Line("A", null, 1, 10_000), new Line("B", null, 1, 10_000));
        final PricedCheque onPaid = pricer.price(lines, program(100, 500, EarnOn.PAID, 3_000), 1_000, 50, false,
            List.of());
        final PricedCheque onTotal = pricer.price(lines, program(100, 500, EarnOn.TOTAL, 3_000), 1_000, 50, false,
            List.of());

        assertEquals(7, onPaid.pointsToEarn()); // floor(15000 * 500 / 10000 / 100) = floor(7.5)
        assertEquals(10, onTotal.pointsToEarn()); // floor(20000 * 500 / 10000 / 100)
        assertEquals(onPaid.lines(), onTotal.lines()); // paid is amount - discount - pointsPaid either way
        assertEquals(7_500, onTotal.lines().get(0).paid());
    }

    @Test
    void shouldAddPromotionEarnBpMultiplierAndFixedPoints()
    {
        final PricedCheque cheque = pricer.price(earningLines(), DEFAULTS, 0, 0, false, List.of(
            earning("E", 1_000, 150, 3, 0, Long.MAX_VALUE)));

        // base: floor(40000 * 5% / 100) = 20. E on A's 10000: 10% -> 10, scope base 5 * 150% = 7.5 -> 7, +3.
        assertEquals(20, cheque.basePoints());
        assertEquals(List.of(new AppliedPromotion("E", 20, 0)), cheque.promotions());
        assertEquals(40, cheque.pointsToEarn());
    }

    @Test
    void shouldCapPromotionPointsByMaxPointsPerTxAndBudget()
    {
        assertEquals(32, pricer.price(earningLines(), DEFAULTS, 0, 0, false, List.of(
            earning("E", 1_000, 150, 3, 12, Long.MAX_VALUE))).pointsToEarn());
        assertEquals(29, pricer.price(earningLines(), DEFAULTS, 0, 0, false, List.of(
            earning("E", 1_000, 150, 3, 12, 9))).pointsToEarn());
        assertEquals(20, pricer.price(earningLines(), DEFAULTS, 0, 0, false, List.of(
            earning("E", 1_000, 150, 3, 0, 0))).pointsToEarn());
        assertEquals(List.of(new AppliedPromotion("E", 0, 0)), pricer.price(earningLines(), DEFAULTS, 0, 0, false,
            List.of(earning("E", 1_000, 150, 3, 0, -5))).promotions());
    }

    @Test
    void shouldEarnPromotionPointsOnTheScopeTotalWhenEarningOnTotal()
    {
        final ProgramSettings onTotal = program(100, 500, EarnOn.TOTAL, 3_000);
        final PromotionEffect both = new PromotionEffect(
            "E", new boolean[]{true, false}, 5_000, 0, 1_000, 0, 100, 0, Long.MAX_VALUE);

        final PricedCheque cheque = pricer.price(earningLines(), onTotal, 0, 0, false, List.of(both));

        // A is discounted to 5000, but TOTAL earns on 10000: 10 + 5 * 100% = 15; base on 40000 = 20.
        assertEquals(5_000, cheque.discount());
        assertEquals(35, cheque.pointsToEarn());
    }

    @Test
    void shouldRejectAnAmountThatOverflows()
    {
        final PricedCheque cheque = pricer.price(
            List.of(new Line("OK", null, 1, 1), new Line("HUGE", null, 100_000, Long.MAX_VALUE / 2)),
            DEFAULTS, 0, 0, false, List.of());

        assertEquals(ErrorCode.INVALID_REQUEST, cheque.error());
        assertTrue(cheque.errorMessage().contains("lines[1]"), cheque.errorMessage());
    }

    @Test
    void shouldRejectATotalThatOverflows()
    {
        final PricedCheque cheque = pricer.price(
            List.of(new Line("A", null, 1, Long.MAX_VALUE - 1), new Line("B", null, 1, 2)),
            DEFAULTS, 0, 0, false, List.of());

        assertEquals(ErrorCode.INVALID_REQUEST, cheque.error());
        assertTrue(cheque.errorMessage().startsWith("total overflows"), cheque.errorMessage());
    }

    @Test
    void shouldRejectATotalAboveTenToTheThirteenth()
    {
        final PricedCheque over = pricer.price(
            List.of(new Line("A", null, 100, 100_000_000_000L), new Line("B", null, 1, 1)),
            DEFAULTS, 0, 0, false, List.of());
        assertEquals(ErrorCode.INVALID_REQUEST, over.error());
        assertEquals("total exceeds 10000000000000", over.errorMessage());

        final PricedCheque atLimit = pricer.price(
            List.of(new Line("A", null, 100, 100_000_000_000L)), DEFAULTS, 0, 0, false, List.of());
        assertTrue(atLimit.ok());
        assertEquals(Pricer.MAX_TOTAL, atLimit.total());
    }

    @Test
    void shouldRejectInvalidLinesAndProgramAsInvalidRequest()
    {
        assertEquals(ErrorCode.INVALID_REQUEST, pricer.price(List.of(), DEFAULTS, 0, 0, false, List.of()).error());
        assertEquals(ErrorCode.INVALID_REQUEST,
            pricer.price(List.of(new Line("A", null, 0, 1)), DEFAULTS, 0, 0, false, List.of()).error());
        assertEquals(ErrorCode.INVALID_REQUEST,
            pricer.price(List.of(new Line("A", null, 1, -1)), DEFAULTS, 0, 0, false, List.of()).error());
        assertEquals(ErrorCode.INVALID_REQUEST,
            pricer.price(EXAMPLE_LINES, program(0, 500, EarnOn.PAID, 3_000), 0, 0, false, List.of()).error());
    }

    @Test
    void shouldTreatAScopeOfTheWrongLengthAsACallerBug()
    {
        assertThrows(IllegalArgumentException.class, () -> pricer.price(EXAMPLE_LINES, DEFAULTS, 0, 0, false,
            List.of(discount("P", new boolean[]{true}, 100, 0))));
    }

    @Test
    void shouldPriceTheLargestChequesExactlyWithoutOverflow()
    {
        final List<Line> lines = List.of(
            new Line("A", null, 99, 100_000_000_000L), new Line("B", null, 1, 99_999_999_999L),
            new Line("C", null, 1, 1));
        final PricedCheque cheque = pricer.price(lines, program(1, 100_000, EarnOn.PAID, 10_000), Long.MAX_VALUE,
            0, true, List.of(discount("D", new boolean[]{true, true, true}, 3_333, 7)));

        assertTrue(cheque.ok(), cheque.errorMessage());
        assertEquals(Pricer.MAX_TOTAL, cheque.total());
        assertInvariants(lines, cheque, 1);
        assertEquals(0, cheque.payable());
        assertEquals(Pricer.MAX_TOTAL - cheque.discount(), cheque.pointsRedeemed());
    }

    @Test
    void shouldKeepEveryFigureConsistentOnRandomCheques()
    {
        final Random random = new Random(2026);
        for (int n = 0; n < 2_000; n++)
        {
            final RandomCheque generated = RandomCheque.generate(random);
            final PricedCheque cheque = pricer.price(generated.lines(), generated.program(), generated.available(),
                generated.redeemPoints(), generated.redeemMax(), generated.promotions());
            if (!cheque.ok())
            {
                assertTrue(cheque.error() == ErrorCode.INSUFFICIENT_POINTS ||
                    cheque.error() == ErrorCode.REDEEM_LIMIT_EXCEEDED, cheque.errorMessage());
                continue;
            }
            assertInvariants(generated.lines(), cheque, generated.program().pointValueMinor());
            assertTrue(cheque.pointsRedeemed() <= cheque.maxRedeemable());
            assertTrue(cheque.maxRedeemable() <= Math.max(generated.available(), 0));
        }
    }

    static void assertInvariants(final List<Line> lines, final PricedCheque cheque, final long pointValue)
    {
        assertNull(cheque.error());
        long total = 0;
        long discount = 0;
        long pointsPaid = 0;
        long paid = 0;
        for (int i = 0; i < lines.size(); i++)
        {
            final LinePrice line = cheque.lines().get(i);
            assertEquals(lines.get(i).sku(), line.sku());
            assertEquals(lines.get(i).qty() * lines.get(i).unitPrice(), line.amount());
            assertTrue(line.discount() >= 0 && line.pointsPaid() >= 0 && line.paid() >= 0, line.toString());
            assertEquals(line.amount() - line.discount() - line.pointsPaid(), line.paid());
            total += line.amount();
            discount += line.discount();
            pointsPaid += line.pointsPaid();
            paid += line.paid();
        }
        long promotionDiscount = 0;
        for (final AppliedPromotion promotion : cheque.promotions())
        {
            promotionDiscount += promotion.discount();
        }
        assertEquals(total, cheque.total());
        assertEquals(discount, cheque.discount());
        assertEquals(promotionDiscount, cheque.discount());
        assertEquals(cheque.pointsRedeemed() * pointValue, pointsPaid);
        assertEquals(paid, cheque.payable());
    }

    private static List<Line> threeLines()
    {
        return List.of(new Line("A", null, 1, 10_000), new Line("B", null, 1, 5_000), new Line("C", null, 1, 5_000));
    }

    private static List<Line> earningLines()
    {
        return List.of(new Line("A", "coffee", 1, 10_000), new Line("B", "bakery", 1, 30_000));
    }

    static ProgramSettings program(final long pointValue, final long baseEarnBp, final EarnOn earnOn,
        final long maxRedeemShareBp)
    {
        return new ProgramSettings(pointValue, baseEarnBp, earnOn, 0, 365, maxRedeemShareBp, 900, 300, 100);
    }

    private static PromotionEffect discount(final String id, final boolean[] scope, final long bp, final long minor)
    {
        return new PromotionEffect(id, scope, bp, minor, 0, 0, 0, 0, Long.MAX_VALUE);
    }

    private static PromotionEffect earning(
        final String id,
        final long earnBp,
        final long multiplierPct,
        final long earnPoints,
        final long maxPointsPerTx,
        final long budgetLeft)
    {
        return new PromotionEffect(
            id, new boolean[]{true, false}, 0, 0, earnBp, earnPoints, multiplierPct, maxPointsPerTx, budgetLeft);
    }

    /** A random cheque with random promotions and program, for property loops. */
    record RandomCheque(
        List<Line> lines,
        ProgramSettings program,
        long available,
        long redeemPoints,
        boolean redeemMax,
        List<PromotionEffect> promotions)
    {
        static RandomCheque generate(final Random random)
        {
            final int lineCount = 1 + random.nextInt(6);
            final List<Line> lines = new ArrayList<>();
            final String[] skus = {"A", "B", "C", "D"};
            for (int i = 0; i < lineCount; i++)
            {
                final long unitPrice = random.nextInt(6) == 0 ? 0 :
                    random.nextBoolean() ? 1 + random.nextInt(100) : 1 + random.nextInt(100_000);
                lines.add(new Line(skus[random.nextInt(skus.length)], null, 1 + random.nextInt(5), unitPrice));
            }

            final List<PromotionEffect> promotions = new ArrayList<>();
            final int promotionCount = random.nextInt(4);
            for (int p = 0; p < promotionCount; p++)
            {
                final boolean[] scope = new boolean[lineCount];
                for (int i = 0; i < lineCount; i++)
                {
                    scope[i] = random.nextInt(3) != 0;
                }
                promotions.add(new PromotionEffect(
                    "P" + p,
                    scope,
                    random.nextBoolean() ? 0 : random.nextInt(10_001),
                    random.nextBoolean() ? 0 : random.nextInt(50_000),
                    random.nextBoolean() ? 0 : random.nextInt(3_000),
                    random.nextInt(4) == 0 ? random.nextInt(50) : 0,
                    random.nextBoolean() ? 0 : random.nextInt(300),
                    random.nextInt(3) == 0 ? random.nextInt(100) : 0,
                    random.nextInt(3) == 0 ? random.nextInt(100) : Long.MAX_VALUE));
            }

            final ProgramSettings program = PricerTest.program(
                1 + random.nextInt(200),
                random.nextInt(2_000),
                random.nextBoolean() ? EarnOn.PAID : EarnOn.TOTAL,
                random.nextInt(4) == 0 ? 10_000 : random.nextInt(10_000));
            final long available = random.nextInt(10) == 0 ? -random.nextInt(100) : random.nextInt(5_000);
            final boolean redeemMax = random.nextInt(3) == 0;
            final long redeemPoints = random.nextBoolean() ? 0 : random.nextInt(3_000);
            return new RandomCheque(lines, program, available, redeemPoints, redeemMax, promotions);
        }
    }
}
