package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.reply.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefundCalculatorTest
{
    private static final List<Line> EXAMPLE_LINES = List.of(
        new Line("SKU-1", "coffee", 2, 25_000),
        new Line("SKU-9", "bakery", 1, 9_000));

    private final Pricer pricer = new Pricer();
    private final RefundCalculator calculator = new RefundCalculator();

    @Test
    void shouldRefundTheApiExampleLineByLineEndingExactlyAtEverything()
    {
        final Purchase purchase = purchase(EXAMPLE_LINES, pricer.price(EXAMPLE_LINES, ProgramSettings.DEFAULTS, 500,
            100, false, List.of()));

        // SKU-1 x1: paid 41525 * 1/2 = 20762.5 -> 20762; pointsPaid 8475 / 2 -> 4237; 24 * 20762 / 49000 = 10.17.
        final RefundOutcome first = purchase.refundLines(new RefundLine("SKU-1", 1));
        assertOutcome(first, 25_000, 20_762, 10, 42, false);
        assertArrayEquals(new long[]{25_000, 0}, first.refundedAmountPerLine());

        final RefundOutcome second = purchase.refundLines(new RefundLine("SKU-1", 1));
        assertOutcome(second, 25_000, 20_763, 10, 42, false);

        final RefundOutcome third = purchase.refundLines(new RefundLine("SKU-9", 1));
        assertOutcome(third, 9_000, 7_475, 4, 16, true);
        assertEquals(24, third.cumulativeReversed());
        assertEquals(100, third.cumulativeReturned());
        assertEquals(59_000, third.cumulativeAmount());
    }

    @Test
    void shouldRefundAnAmountSpreadOverTheLinesLeft()
    {
        final Purchase purchase = purchase(EXAMPLE_LINES, pricer.price(EXAMPLE_LINES, ProgramSettings.DEFAULTS, 500,
            100, false, List.of()));

        // 29500 over 50000 : 9000 -> 25000 and 4500; paid 20762 + floor(7475 / 2) = 24499; 24 * 24499 / 49000.
        final RefundOutcome half = purchase.refundAmount(29_500);
        assertArrayEquals(new long[]{25_000, 4_500}, half.refundedAmountPerLine());
        assertOutcome(half, 29_500, 24_499, 11, 49, false);

        final RefundOutcome rest = purchase.refundAmount(29_500);
        assertOutcome(rest, 29_500, 49_000 - 24_499, 24 - 11, 100 - 49, true);
    }

    @Test
    void shouldMatchSkusInChequeOrderAcrossLines()
    {
        final List<Line> lines = List.of(
            new Line("X", null, 1, 100), new Line("Y", null, 1, 50), new Line("X", null, 2, 100));
        final Purchase purchase = purchase(lines, pricer.price(lines, ProgramSettings.DEFAULTS, 0, 0, false,
            List.of()));

        final RefundOutcome outcome = purchase.refundLines(new RefundLine("X", 2));
        assertArrayEquals(new long[]{100, 0, 100}, outcome.refundedAmountPerLine());
        assertArrayEquals(new long[]{1, 0, 1}, outcome.refundedQtyPerLine());

        final long[] before = purchase.refunded.clone();
        final RefundOutcome tooMany = purchase.refundLines(new RefundLine("X", 2));
        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, tooMany.error());
        assertArrayEquals(before, purchase.refunded);
        assertArrayEquals(new long[]{100, 0, 200}, purchase.refundLines(new RefundLine("X", 1))
            .refundedAmountPerLine());
    }

    @Test
    void shouldRejectAnSkuNotOnThePurchase()
    {
        final Purchase purchase = purchase(EXAMPLE_LINES, pricer.price(EXAMPLE_LINES, ProgramSettings.DEFAULTS, 0, 0,
            false, List.of()));

        final RefundOutcome outcome = purchase.refundLines(new RefundLine("SKU-1", 1), new RefundLine("NOPE", 1));

        assertEquals(ErrorCode.INVALID_REQUEST, outcome.error());
        assertEquals("sku NOPE is not on purchase", outcome.errorMessage());
        assertArrayEquals(new long[]{0, 0}, purchase.refunded);
    }

    @Test
    void shouldRejectARefundOfMoreThanIsLeft()
    {
        final Purchase purchase = purchase(EXAMPLE_LINES, pricer.price(EXAMPLE_LINES, ProgramSettings.DEFAULTS, 0, 0,
            false, List.of()));

        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundLines(new RefundLine("SKU-1", 3)).error());
        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundAmount(59_001).error());
        assertTrue(purchase.refundAmount(59_000).fullyRefunded());

        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundAmount(59_000).error());
        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundAmount(1).error());
        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundLines(new RefundLine("SKU-9", 1)).error());
    }

    @Test
    void shouldRejectMalformedRefundRequests()
    {
        final PricedCheque priced = pricer.price(EXAMPLE_LINES, ProgramSettings.DEFAULTS, 0, 0, false, List.of());
        final long[] none = new long[2];

        assertEquals(ErrorCode.INVALID_REQUEST,
            calculator.refund(EXAMPLE_LINES, priced, 29, none, 0, 0, List.of(), -1).error());
        assertEquals(ErrorCode.INVALID_REQUEST,
            calculator.refund(EXAMPLE_LINES, priced, 29, none, 0, 0, List.of(), 0).error());
        assertEquals(ErrorCode.INVALID_REQUEST,
            calculator.refund(EXAMPLE_LINES, priced, 29, none, 0, 0, List.of(new RefundLine("SKU-1", 1)), 5).error());
        assertEquals(ErrorCode.INVALID_REQUEST,
            calculator.refund(EXAMPLE_LINES, priced, 29, none, 0, 0, List.of(new RefundLine("SKU-1", 0)), -1).error());
        assertThrows(IllegalArgumentException.class,
            () -> calculator.refund(EXAMPLE_LINES, priced, 29, new long[1], 0, 0, List.of(), 5));
    }

    @Test
    void shouldRefundZeroPriceLinesByQuantity()
    {
        final List<Line> lines = List.of(new Line("A", null, 1, 1_000), new Line("FREE", null, 2, 0));
        final Purchase purchase = purchase(lines, pricer.price(lines, ProgramSettings.DEFAULTS, 0, 0, false,
            List.of()));

        final RefundOutcome gift = purchase.refundLines(new RefundLine("FREE", 1));
        assertTrue(gift.ok());
        assertOutcome(gift, 0, 0, 0, 0, false);
        assertArrayEquals(new long[]{0, 1}, gift.refundedQtyPerLine());

        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundLines(new RefundLine("FREE", 2)).error());
        assertTrue(purchase.refundLines(new RefundLine("FREE", 1)).ok());
        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundLines(new RefundLine("FREE", 1)).error());
        assertTrue(purchase.refundLines(new RefundLine("A", 1)).fullyRefunded());
    }

    @Test
    void shouldTakeBackPointsOfAFreeChequeOnlyWhenAllOfItIsRefunded()
    {
        final List<Line> lines = List.of(new Line("FREE", null, 2, 0));
        final PricedCheque priced = pricer.price(lines, ProgramSettings.DEFAULTS, 0, 0, false, List.of(
            new PromotionEffect("GIFT", new boolean[]{true}, 0, 0, 0, 5, 0, 0, Long.MAX_VALUE)));
        assertEquals(5, priced.pointsToEarn());
        final Purchase purchase = purchase(lines, priced);

        assertOutcome(purchase.refundLines(new RefundLine("FREE", 1)), 0, 0, 0, 0, false);
        assertOutcome(purchase.refundLines(new RefundLine("FREE", 1)), 0, 0, 5, 0, true);
        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundLines(new RefundLine("FREE", 1)).error());
    }

    @Test
    void shouldTakeBackPointsOfAFullyDiscountedChequeOnlyWhenAllOfItIsRefunded()
    {
        final List<Line> lines = List.of(new Line("A", null, 1, 1_000), new Line("B", null, 1, 1_000));
        final PricedCheque priced = pricer.price(lines, ProgramSettings.DEFAULTS, 0, 0, false, List.of(
            new PromotionEffect("ALL", new boolean[]{true, true}, 10_000, 0, 0, 7, 0, 0, Long.MAX_VALUE)));
        assertEquals(0, priced.payable());
        final Purchase purchase = purchase(lines, priced);

        assertOutcome(purchase.refundLines(new RefundLine("A", 1)), 1_000, 0, 0, 0, false);
        assertOutcome(purchase.refundLines(new RefundLine("B", 1)), 1_000, 0, 7, 0, true);
    }

    @Test
    void shouldReverseThePaidShareWhenTheProgramEarnedOnTotal()
    {
        final ProgramSettings onTotal = PricerTest.program(100, 500, EarnOn.TOTAL, 3_000);
        final PricedCheque priced = pricer.price(EXAMPLE_LINES, onTotal, 500, 100, false, List.of());
        assertEquals(29, priced.pointsToEarn()); // floor(59000 * 5% / 100)
        final Purchase purchase = purchase(EXAMPLE_LINES, priced);

        // SKU-9 is 7475 of 49000 paid: floor(29 * 7475 / 49000) = floor(4.42), though it is 9000 of 59000 total.
        assertOutcome(purchase.refundLines(new RefundLine("SKU-9", 1)), 9_000, 7_475, 4, 15, false);
    }

    @Test
    void shouldEndExactlyAtEverythingForRandomRefundSequences()
    {
        final Random random = new Random(20261206);
        int refundsChecked = 0;
        for (int n = 0; n < 1_000; n++)
        {
            final PricerTest.RandomCheque generated = PricerTest.RandomCheque.generate(random);
            final PricedCheque priced = pricer.price(generated.lines(), generated.program(), generated.available(),
                generated.redeemPoints(), true, generated.promotions());
            assertTrue(priced.ok(), priced.errorMessage());
            final Purchase purchase = purchase(generated.lines(), priced);
            final List<Line> lines = generated.lines();

            long money = 0;
            long reversed = 0;
            long returned = 0;
            long amount = 0;
            boolean full = false;
            for (int step = 0; step < 12 && !full; step++)
            {
                final long amountLeft = priced.total() - purchase.cumulativeAmount();
                final RefundOutcome outcome;
                if (random.nextBoolean())
                {
                    final Map<String, Long> qtyLeft = qtyLeftBySku(lines, purchase);
                    if (qtyLeft.isEmpty())
                    {
                        continue;
                    }
                    final List<String> skus = new ArrayList<>(qtyLeft.keySet());
                    final String sku = skus.get(random.nextInt(skus.size()));
                    final long left = qtyLeft.get(sku);
                    if (random.nextInt(8) == 0)
                    {
                        final long[] before = purchase.refunded.clone();
                        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE,
                            purchase.refundLines(new RefundLine(sku, left + 1)).error());
                        assertArrayEquals(before, purchase.refunded);
                        continue;
                    }
                    outcome = purchase.refundLines(new RefundLine(sku, 1 + (long)random.nextInt((int)left)));
                }
                else
                {
                    if (amountLeft == 0)
                    {
                        continue;
                    }
                    if (random.nextInt(8) == 0)
                    {
                        assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundAmount(amountLeft + 1).error());
                        continue;
                    }
                    outcome = purchase.refundAmount(1 + (long)(random.nextDouble() * amountLeft));
                }

                assertTrue(outcome.ok(), outcome.errorMessage());
                assertTrue(outcome.money() >= 0 && outcome.pointsReversed() >= 0 && outcome.pointsReturned() >= 0);
                assertTrue(outcome.cumulativeReversed() <= purchase.pointsEarned);
                assertTrue(outcome.cumulativeReturned() <= priced.pointsRedeemed());
                money += outcome.money();
                reversed += outcome.pointsReversed();
                returned += outcome.pointsReturned();
                amount += outcome.amount();
                assertEquals(outcome.cumulativeAmount(), amount);
                assertEquals(outcome.cumulativeReversed(), reversed);
                assertEquals(outcome.cumulativeReturned(), returned);
                full = outcome.fullyRefunded();
                refundsChecked++;
            }

            if (!full)
            {
                final RefundOutcome last = priced.total() > 0 ?
                    purchase.refundAmount(priced.total() - purchase.cumulativeAmount()) :
                    refundAllLeft(lines, purchase);
                assertTrue(last.ok(), last.errorMessage());
                assertTrue(last.fullyRefunded());
                money += last.money();
                reversed += last.pointsReversed();
                returned += last.pointsReturned();
                amount += last.amount();
            }

            assertEquals(priced.payable(), money);
            assertEquals(priced.pointsToEarn(), reversed);
            assertEquals(priced.pointsRedeemed(), returned);
            assertEquals(priced.total(), amount);
            if (priced.total() > 0)
            {
                assertEquals(ErrorCode.REFUND_EXCEEDS_PURCHASE, purchase.refundAmount(1).error());
            }
        }
        assertTrue(refundsChecked > 1_000);
    }

    private static RefundOutcome refundAllLeft(final List<Line> lines, final Purchase purchase)
    {
        final List<RefundLine> refundLines = new ArrayList<>();
        qtyLeftBySku(lines, purchase).forEach((sku, qty) -> refundLines.add(new RefundLine(sku, qty)));
        return purchase.refundLines(refundLines.toArray(new RefundLine[0]));
    }

    private static Map<String, Long> qtyLeftBySku(final List<Line> lines, final Purchase purchase)
    {
        final Map<String, Long> left = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final Line line = lines.get(i);
            final long lineLeft = line.unitPrice() == 0 ?
                line.qty() - purchase.refundedQty[i] :
                (line.qty() * line.unitPrice() - purchase.refunded[i]) / line.unitPrice();
            if (lineLeft > 0)
            {
                left.merge(line.sku(), lineLeft, Long::sum);
            }
        }
        return left;
    }

    private static void assertOutcome(
        final RefundOutcome outcome,
        final long amount,
        final long money,
        final long pointsReversed,
        final long pointsReturned,
        final boolean fullyRefunded)
    {
        assertTrue(outcome.ok(), outcome.errorMessage());
        assertEquals(amount, outcome.amount(), "amount");
        assertEquals(money, outcome.money(), "money");
        assertEquals(pointsReversed, outcome.pointsReversed(), "pointsReversed");
        assertEquals(pointsReturned, outcome.pointsReturned(), "pointsReturned");
        assertEquals(fullyRefunded, outcome.fullyRefunded(), "fullyRefunded");
    }

    private Purchase purchase(final List<Line> lines, final PricedCheque priced)
    {
        assertTrue(priced.ok(), priced.errorMessage());
        return new Purchase(lines, priced, priced.pointsToEarn());
    }

    /** A purchase's refund state as the business logic keeps it, applying each accepted outcome. */
    private final class Purchase
    {
        final List<Line> lines;
        final PricedCheque priced;
        final long pointsEarned;
        long[] refunded;
        long[] refundedQty;
        long cumulativeReversed;
        long cumulativeReturned;

        Purchase(final List<Line> lines, final PricedCheque priced, final long pointsEarned)
        {
            this.lines = lines;
            this.priced = priced;
            this.pointsEarned = pointsEarned;
            this.refunded = new long[lines.size()];
            this.refundedQty = new long[lines.size()];
        }

        RefundOutcome refundLines(final RefundLine... refundLines)
        {
            return apply(calculator.refund(lines, priced, pointsEarned, refunded, refundedQty, cumulativeReversed,
                cumulativeReturned, List.of(refundLines), -1));
        }

        RefundOutcome refundAmount(final long amount)
        {
            return apply(calculator.refund(lines, priced, pointsEarned, refunded, refundedQty, cumulativeReversed,
                cumulativeReturned, List.of(), amount));
        }

        long cumulativeAmount()
        {
            long sum = 0;
            for (final long value : refunded)
            {
                sum += value;
            }
            return sum;
        }

        private RefundOutcome apply(final RefundOutcome outcome)
        {
            if (outcome.ok())
            {
                refunded = outcome.refundedAmountPerLine();
                refundedQty = outcome.refundedQtyPerLine();
                cumulativeReversed = outcome.cumulativeReversed();
                cumulativeReturned = outcome.cumulativeReturned();
            }
            else
            {
                assertEquals(null, outcome.refundedAmountPerLine());
                assertFalse(outcome.fullyRefunded());
            }
            return outcome;
        }
    }
}
