package dev.loyalty.engine.journal;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes short ASCII strings to the same {@code String} instance as an equal one decoded shortly before, by a
 * small cache holding the last string seen for each hash of the bytes. For fields whose values are few and repeat
 * across records (skus, categories, stores, payment methods, partner ids, attribute names and values): a replayed
 * journal or a loaded snapshot then keeps one copy of each instead of one per purchase line (a string and its
 * bytes are about 50 bytes). Values are what decoding the bytes as UTF-8 gives; only their identity is shared,
 * which nothing compares. One instance serves one thread. The journal's decoder and the snapshot reader each have
 * one.
 */
public final class SharedStrings
{
    /** The longest string shared; longer ones are decoded as usual. */
    public static final int MAX_LENGTH = 32;

    private final String[] cache;
    private final int shift;
    private final byte[] scratch = new byte[MAX_LENGTH];

    /** A cache of {@code 2^slotBits} strings. */
    public SharedStrings(final int slotBits)
    {
        this.cache = new String[1 << slotBits];
        this.shift = slotBits;
    }

    /**
     * The string of the {@code length} bytes at {@code offset} of {@code bytes}, shared, or null when they are not
     * short ASCII (the caller decodes them as usual).
     */
    public String of(final byte[] bytes, final int offset, final int length)
    {
        if (length > MAX_LENGTH)
        {
            return null;
        }
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            final byte b = bytes[i];
            if (b < 0)
            {
                return null;
            }
            h = 31 * h + b;
        }
        final int slot = (h ^ (h >>> shift)) & (cache.length - 1);
        final String known = cache[slot];
        if (known != null && known.length() == length)
        {
            int i = 0;
            while (i < length && known.charAt(i) == bytes[offset + i])
            {
                i++;
            }
            if (i == length)
            {
                return known;
            }
        }
        final String value = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        cache[slot] = value;
        return value;
    }

    /** The string of the {@code length} bytes at {@code offset} of {@code buffer}, shared when short ASCII. */
    String of(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length > MAX_LENGTH)
        {
            return buffer.getStringWithoutLengthUtf8(offset, length);
        }
        buffer.getBytes(offset, scratch, 0, length);
        final String value = of(scratch, 0, length);
        return value != null ? value : buffer.getStringWithoutLengthUtf8(offset, length);
    }
}
