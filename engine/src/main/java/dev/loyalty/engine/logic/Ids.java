package dev.loyalty.engine.logic;

/**
 * Deterministic ids drawn from counters: member ids {@code "m_" + base 36}, and referral codes that are a
 * bijective mix of the member counter over 40 bits, rendered as 8 characters of the RFC 4648 base-32 alphabet.
 * Distinct counters below 2^40 always give distinct codes; consecutive members get unrelated-looking codes.
 */
final class Ids
{
    private static final long MASK_40 = (1L << 40) - 1;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Ids()
    {
    }

    static String memberId(final long counter)
    {
        return "m_" + Long.toString(counter, 36);
    }

    /** The mix: each step (xor with a constant, multiply by an odd number, xor-shift right) is a bijection. */
    static long mix40(final long counter)
    {
        long x = (counter ^ 0x5DEECE66DL) & MASK_40;
        x = (x * 0x9E3779B97F4A7C15L) & MASK_40;
        x ^= x >>> 19;
        x = (x * 0xC2B2AE3D27D4EB4FL) & MASK_40;
        x ^= x >>> 21;
        x = (x * 0x165667B19E3779F9L) & MASK_40;
        x ^= x >>> 17;
        return x;
    }

    static String referralCode(final long counter)
    {
        final long x = mix40(counter);
        final char[] c = new char[8];
        for (int i = 7, shift = 0; i >= 0; i--, shift += 5)
        {
            c[i] = BASE32[(int)((x >>> shift) & 31)];
        }
        return new String(c);
    }
}
