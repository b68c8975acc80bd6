package dev.loyalty.engine.pricing;

import java.util.Arrays;

/**
 * Exact integer arithmetic the pricer and the refund calculator share: {@code floor(a * b / c)} on a 128-bit
 * intermediate product, and the one largest-remainder spreading routine used for discounts, points money and
 * refunds by amount. Static; the spreading overload that takes scratch arrays allocates nothing.
 */
final class PricingMath
{
    private PricingMath()
    {
    }

    /**
     * {@code floor(a * b / c)} computed exactly on the 128-bit product.
     *
     * @param a non-negative.
     * @param b non-negative.
     * @param c positive.
     * @return the floor of the quotient.
     * @throws ArithmeticException when the quotient does not fit a signed 64-bit value.
     */
    static long mulDiv(final long a, final long b, final long c)
    {
        final long q = mulDivOrNegative(a, b, c);
        if (q < 0)
        {
            throw new ArithmeticException("quotient overflows a 64-bit integer");
        }
        return q;
    }

    /**
     * {@code floor(a * b / c)} computed exactly on the 128-bit product, or -1 when the quotient does not fit a
     * signed 64-bit value: the same as {@link #mulDiv(long, long, long)} without an exception on overflow.
     *
     * @param a non-negative.
     * @param b non-negative.
     * @param c positive.
     */
    static long mulDivOrNegative(final long a, final long b, final long c)
    {
        checkOperands(a, b, c);
        final long lo = a * b;
        final long hi = Math.multiplyHigh(a, b);
        if (hi == 0 && lo >= 0)
        {
            return lo / c;
        }
        if (hi >= c)
        {
            return -1;
        }

        // Schoolbook binary long division of (hi:lo) by c; the running remainder stays below c < 2^63,
        // so shifting it left by one never loses a bit and compares correctly as unsigned.
        long remainder = hi;
        long quotient = 0;
        for (int bit = 63; bit >= 0; bit--)
        {
            remainder = (remainder << 1) | ((lo >>> bit) & 1L);
            quotient <<= 1;
            if (Long.compareUnsigned(remainder, c) >= 0)
            {
                remainder -= c;
                quotient |= 1L;
            }
        }
        return quotient < 0 ? -1 : quotient;
    }

    /**
     * {@code (a * b) mod c}, the remainder that goes with {@link #mulDiv(long, long, long)}.
     *
     * @param a        non-negative.
     * @param b        non-negative.
     * @param c        positive.
     * @param quotient {@code mulDiv(a, b, c)}.
     * @return the remainder, in {@code [0, c)}.
     */
    static long mulDivRemainder(final long a, final long b, final long c, final long quotient)
    {
        // The true value a*b - quotient*c lies in [0, c), so wrapping 64-bit arithmetic gives it exactly.
        return a * b - quotient * c;
    }

    /**
     * Spreads {@code amount} over the lines in {@code scope} in proportion to {@code weights} by largest
     * remainder: each line gets the floor of {@code amount * weight / sum(weights)}, and the units left over go
     * one each to the lines with the largest remainders (ties: the earlier line). The shares sum exactly to
     * {@code amount}, and no line gets more than its weight.
     *
     * @param amount  non-negative, at most the sum of the weights in scope.
     * @param weights non-negative weight of each line.
     * @param scope   which lines take part; null for all.
     * @param shares  receives each line's share (0 outside the scope); same length as {@code weights}.
     */
    static void spread(final long amount, final long[] weights, final boolean[] scope, final long[] shares)
    {
        final int n = weights.length;
        if (shares.length != n || (scope != null && scope.length != n))
        {
            throw new IllegalArgumentException("weights, scope and shares differ in length");
        }
        spread(amount, weights, scope, shares, n, new long[n], new long[n]);
    }

    /**
     * {@link #spread(long, long[], boolean[], long[])} over the first {@code n} lines of longer arrays, with
     * caller-owned scratch arrays: allocates nothing.
     *
     * @param amount     non-negative, at most the sum of the weights in scope.
     * @param weights    non-negative weight of each line.
     * @param scope      which lines take part; null for all.
     * @param shares     receives each line's share (0 outside the scope).
     * @param n          how many lines; every array has at least n entries.
     * @param remainders scratch, at least n entries.
     * @param sorted     scratch, at least n entries.
     */
    static void spread(
        final long amount,
        final long[] weights,
        final boolean[] scope,
        final long[] shares,
        final int n,
        final long[] remainders,
        final long[] sorted)
    {
        if (amount < 0)
        {
            throw new IllegalArgumentException("cannot spread a negative amount: " + amount);
        }

        long totalWeight = 0;
        for (int i = 0; i < n; i++)
        {
            shares[i] = 0;
            remainders[i] = 0;
            if (inScope(scope, i))
            {
                if (weights[i] < 0)
                {
                    throw new IllegalArgumentException("negative weight at line " + i);
                }
                totalWeight = Math.addExact(totalWeight, weights[i]);
            }
        }
        if (amount == 0)
        {
            return;
        }
        if (amount > totalWeight)
        {
            throw new IllegalArgumentException("cannot spread " + amount + " over a weight of " + totalWeight);
        }

        long given = 0;
        for (int i = 0; i < n; i++)
        {
            if (inScope(scope, i) && weights[i] > 0)
            {
                final long share = mulDiv(amount, weights[i], totalWeight);
                shares[i] = share;
                remainders[i] = mulDivRemainder(amount, weights[i], totalWeight, share);
                given += share;
            }
        }

        final long left = amount - given;
        if (left == 0)
        {
            return;
        }

        // Fewer units are left than lines with a non-zero remainder (the fractions sum to the leftover), so the
        // left-th largest remainder is positive. Every line above it takes a unit; lines exactly at it take the
        // rest, earlier lines first.
        System.arraycopy(remainders, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        final long threshold = sorted[n - (int)left];
        long atThreshold = left;
        for (int i = 0; i < n; i++)
        {
            if (remainders[i] > threshold)
            {
                atThreshold--;
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (remainders[i] > threshold)
            {
                shares[i]++;
            }
            else if (remainders[i] == threshold && atThreshold > 0)
            {
                shares[i]++;
                atThreshold--;
            }
        }
    }

    private static boolean inScope(final boolean[] scope, final int i)
    {
        return scope == null || scope[i];
    }

    private static void checkOperands(final long a, final long b, final long c)
    {
        if (a < 0 || b < 0 || c <= 0)
        {
            throw new IllegalArgumentException("mulDiv needs a >= 0, b >= 0, c > 0: " + a + ", " + b + ", " + c);
        }
    }
}
