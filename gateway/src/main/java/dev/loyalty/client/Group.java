package dev.loyalty.client;

import org.agrona.DirectBuffer;

/**
 * One repeating group of an answer message, indexed once when its view is wrapped: how many entries, where each
 * entry's block starts and where its var strings start. On the wire a group is a header (uint16 entry block
 * length, uint16 entry count), then each entry: its block, then its var strings (each a uint32 length and the
 * bytes). The views read an entry's fields at {@link #block(int)} plus the field's SBE offset, and its strings
 * from {@link #text(int)} on. Reused from answer to answer: it grows its arrays only for a larger group.
 */
final class Group
{
    private int count;
    private int[] blocks;
    private int[] texts;

    Group(final int capacity)
    {
        blocks = new int[capacity];
        texts = new int[capacity];
    }

    /**
     * Indexes the group whose header is at {@code position} in {@code buffer}, each of its entries followed by
     * {@code textsPerEntry} var strings.
     *
     * @return the position after the group: the next group's header, or the message's var data.
     */
    int wrap(final DirectBuffer buffer, final int position, final int textsPerEntry)
    {
        final int entryLength = buffer.getShort(position, Protocol.BYTE_ORDER) & 0xFFFF;
        count = buffer.getShort(position + 2, Protocol.BYTE_ORDER) & 0xFFFF;
        blocks = ensure(blocks, count);
        texts = ensure(texts, count);
        int next = position + 4;
        for (int i = 0; i < count; i++)
        {
            blocks[i] = next;
            next += entryLength;
            texts[i] = next;
            for (int t = 0; t < textsPerEntry; t++)
            {
                next = View.skipText(buffer, next);
            }
        }
        return next;
    }

    int count()
    {
        return count;
    }

    /** Where entry {@code i}'s block starts; throws {@link IndexOutOfBoundsException} for no such entry. */
    int block(final int i)
    {
        return blocks[check(i)];
    }

    /** Where entry {@code i}'s first var string starts; throws {@link IndexOutOfBoundsException} for no such entry. */
    int text(final int i)
    {
        return texts[check(i)];
    }

    private int check(final int i)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("index " + i + " of " + count);
        }
        return i;
    }

    private static int[] ensure(final int[] array, final int length)
    {
        return array.length >= length ? array : new int[Math.max(length, array.length * 2)];
    }
}
