package dev.loyalty.engine.journal;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes short ASCII strings to the same {@code String} instance as an equal one decoded shortly before, by a
 * small cache holding the last string seen for each hash of the bytes. For fields whose values are few and repeat
 * across records (skus, categories, stores, payment methods, partner ids, attribute names and values): a replayed
 * journal or a loaded snapshot then keeps one copy of each instead of one per purchase line (a string and its
 * bytes are about 50 bytes). Values are what {@code new String(bytes, UTF_8)} gives; only their identity is
 * shared, which nothing compares. One instance serves one thread.
 */
final class SharedStrings
{
    private static final int SLOTS = 1 << 12;
    private static final int MAX_LENGTH = 32;

    private final String[] cache = new String[SLOTS];
    private final byte[] scratch = new byte[MAX_LENGTH];

    /** The string of the {@code length} bytes at {@code offset} of {@code buffer}, shared when short ASCII. */
    String of(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length > MAX_LENGTH)
        {
            return buffer.getStringWithoutLengthUtf8(offset, length);
        }
        final byte[] bytes = scratch;
        buffer.getBytes(offset, bytes, 0, length);
        int h = 0;
        for (int i = 0; i < length; i++)
        {
            final byte b = bytes[i];
            if (b < 0)
            {
                return buffer.getStringWithoutLengthUtf8(offset, length);
            }
            h = 31 * h + b;
        }
        final int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
        final String known = cache[slot];
        if (known != null && known.length() == length)
        {
            int i = 0;
            while (i < length && known.charAt(i) == bytes[i])
            {
                i++;
            }
            if (i == length)
            {
                return known;
            }
        }
        final String value = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        cache[slot] = value;
        return value;
    }
}
