package dev.loyalty.engine.pricing;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricingMathTest
{
    @Test
    void shouldDivideSmallProductsExactly()
    {
        assertEquals(8474, PricingMath.mulDiv(10_000, 50_000, 59_000));
        assertEquals(34_000L, PricingMath.mulDivRemainder(10_000, 50_000, 59_000, 8474));
        assertEquals(0, PricingMath.mulDiv(0, Long.MAX_VALUE, 7));
        assertEquals(Long.MAX_VALUE, PricingMath.mulDiv(Long.MAX_VALUE, 1, 1));
    }

    @Test
    void shouldDivideProductsBeyondSixtyFourBitsExactly()
    {
        final long max = Long.MAX_VALUE;
        assertEquals(max, PricingMath.mulDiv(max, max, max));
        assertEquals(max - 1, PricingMath.mulDiv(max - 1, max, max));
        assertEquals(max, PricingMath.mulDiv(max - 1, max, max - 1));
        assertEquals(0, PricingMath.mulDivRemainder(max - 1, max, max - 1, max));
        // a quotient just below 2^63 with a remainder that is neither 0 nor small.
        final BigInteger product = BigInteger.valueOf(max - 3).multiply(BigInteger.valueOf(max - 1));
        final long quotient = PricingMath.mulDiv(max - 3, max - 1, max);
        assertEquals(product.divide(BigInteger.valueOf(max)).longValueExact(), quotient);
        assertEquals(product.mod(BigInteger.valueOf(max)).longValueExact(),
            PricingMath.mulDivRemainder(max - 3, max - 1, max, quotient));
        assertThrows(ArithmeticException.class, () -> PricingMath.mulDiv(max, max, max - 2));
        // totals and amounts up to 10^13 multiply to 10^26.
        final long tenTo13 = 10_000_000_000_000L;
        assertEquals(tenTo13, PricingMath.mulDiv(tenTo13, tenTo13, tenTo13));
        assertEquals(3_333_333_333_333L, PricingMath.mulDiv(tenTo13, tenTo13, 3 * tenTo13));
        assertEquals(tenTo13, PricingMath.mulDivRemainder(tenTo13, tenTo13, 3 * tenTo13, 3_333_333_333_333L));
    }

    @Test
    void shouldMatchBigIntegerOnRandomOperandsAtEveryMagnitude()
    {
        final Random random = new Random(42);
        for (int n = 0; n < 50_000; n++)
        {
            final long a = randomMagnitude(random);
            final long b = randomMagnitude(random);
            final long c = Math.max(1, randomMagnitude(random));
            final BigInteger[] expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .divideAndRemainder(BigInteger.valueOf(c));
            if (expected[0].bitLength() > 63)
            {
                assertThrows(ArithmeticException.class, () -> PricingMath.mulDiv(a, b, c));
            }
            else
            {
                final long quotient = PricingMath.mulDiv(a, b, c);
                assertEquals(expected[0].longValueExact(), quotient, a + " * " + b + " / " + c);
                assertEquals(expected[1].longValueExact(), PricingMath.mulDivRemainder(a, b, c, quotient));
            }
        }
    }

    @Test
    void shouldRejectQuotientsThatDoNotFitALong()
    {
        assertThrows(ArithmeticException.class, () -> PricingMath.mulDiv(Long.MAX_VALUE, 2, 1));
        assertThrows(ArithmeticException.class, () -> PricingMath.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, 2));
        assertThrows(ArithmeticException.class, () -> PricingMath.mulDiv(1L << 62, 4, 2));
        assertEquals(1L << 62, PricingMath.mulDiv(1L << 62, 4, 4));
    }

    @Test
    void shouldRejectNegativeOperandsAndZeroDivisor()
    {
        assertThrows(IllegalArgumentException.class, () -> PricingMath.mulDiv(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PricingMath.mulDiv(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> PricingMath.mulDiv(1, 1, 0));
    }

    @Test
    void shouldGiveLeftoverUnitsToLargestRemaindersAndTiesToEarlierLines()
    {
        final long[] shares = new long[3];
        PricingMath.spread(1, new long[]{1, 1, 1}, null, shares);
        assertArrayEquals(new long[]{1, 0, 0}, shares);
        PricingMath.spread(2, new long[]{1, 1, 1}, null, shares);
        assertArrayEquals(new long[]{1, 1, 0}, shares);
        // 10 over 10:20:30 -> 1.66, 3.33, 5.0 -> floors 1, 3, 5 and the one left over to the .66.
        PricingMath.spread(10, new long[]{10, 20, 30}, null, shares);
        assertArrayEquals(new long[]{2, 3, 5}, shares);
        // 6 over 4:3:3:3 -> 1.85, 1.38, 1.38, 1.38: the .85 takes one unit, the first of the tied .38 the other.
        final long[] four = new long[4];
        PricingMath.spread(6, new long[]{4, 3, 3, 3}, null, four);
        assertArrayEquals(new long[]{2, 2, 1, 1}, four);
        // the API.md example: 10000 over 50000 and 9000 -> 8474.57 and 1525.42.
        final long[] two = new long[2];
        PricingMath.spread(10_000, new long[]{50_000, 9_000}, null, two);
        assertArrayEquals(new long[]{8475, 1525}, two);
    }

    @Test
    void shouldSpreadOnlyOverTheScopeAndNeverOnZeroWeights()
    {
        final long[] shares = new long[]{99, 99, 99, 99};
        PricingMath.spread(5, new long[]{3, 0, 3, 100}, new boolean[]{true, true, true, false}, shares);
        assertArrayEquals(new long[]{3, 0, 2, 0}, shares);
        PricingMath.spread(0, new long[]{0, 0, 0, 0}, null, shares);
        assertArrayEquals(new long[]{0, 0, 0, 0}, shares);
    }

    @Test
    void shouldRefuseToSpreadMoreThanTheWeights()
    {
        assertThrows(IllegalArgumentException.class, () -> PricingMath.spread(7, new long[]{3, 3}, null, new long[2]));
        assertThrows(IllegalArgumentException.class, () -> PricingMath.spread(-1, new long[]{3}, null, new long[1]));
    }

    @Test
    void shouldMatchAReferenceLargestRemainderOnRandomSpreads()
    {
        final Random random = new Random(7);
        for (int n = 0; n < 5_000; n++)
        {
            final int count = 1 + random.nextInt(12);
            final long[] weights = new long[count];
            final boolean[] scope = new boolean[count];
            long scopeWeight = 0;
            final boolean huge = random.nextInt(4) == 0;
            for (int i = 0; i < count; i++)
            {
                weights[i] = random.nextInt(5) == 0 ? 0 :
                    huge ? (long)(random.nextDouble() * 1e13) : random.nextInt(1000);
                scope[i] = random.nextInt(4) != 0;
                scopeWeight += scope[i] ? weights[i] : 0;
            }
            final long amount = scopeWeight == 0 ? 0 : (long)(random.nextDouble() * (scopeWeight + 1));
            final long[] shares = new long[count];
            PricingMath.spread(Math.min(amount, scopeWeight), weights, scope, shares);

            assertArrayEquals(
                referenceSpread(Math.min(amount, scopeWeight), weights, scope), shares, Arrays.toString(weights));
            long sum = 0;
            for (int i = 0; i < count; i++)
            {
                assertTrue(shares[i] >= 0 && shares[i] <= weights[i]);
                sum += shares[i];
            }
            assertEquals(Math.min(amount, scopeWeight), sum);
        }
    }

    /** Largest remainder on BigInteger with an explicit sort: an independent statement of the rule. */
    private static long[] referenceSpread(final long amount, final long[] weights, final boolean[] scope)
    {
        final int count = weights.length;
        final long[] shares = new long[count];
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < count; i++)
        {
            if (scope[i])
            {
                total = total.add(BigInteger.valueOf(weights[i]));
            }
        }
        if (amount == 0)
        {
            return shares;
        }
        final BigInteger[] remainders = new BigInteger[count];
        final List<Integer> order = new ArrayList<>();
        long left = amount;
        for (int i = 0; i < count; i++)
        {
            if (scope[i])
            {
                final BigInteger[] qr = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(weights[i]))
                    .divideAndRemainder(total);
                shares[i] = qr[0].longValueExact();
                remainders[i] = qr[1];
                left -= shares[i];
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
            .thenComparing(Comparator.naturalOrder()));
        for (int k = 0; k < left; k++)
        {
            shares[order.get(k)]++;
        }
        return shares;
    }

    private static long randomMagnitude(final Random random)
    {
        final int bits = random.nextInt(64);
        return bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
    }
}
