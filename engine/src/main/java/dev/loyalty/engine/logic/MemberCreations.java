package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.journal.CommandCodec;
import dev.loyalty.engine.sbe.CreateMemberDecoder;
import dev.loyalty.engine.sbe.MessageHeaderDecoder;
import dev.loyalty.engine.snapshot.SnapshotReader;
import dev.loyalty.engine.snapshot.SnapshotWriter;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The idempotency keys of member creation, kept compact: one per member, in member-number order (member
 * {@code n} was created by the {@code n}th key), each as bytes in large shared arrays instead of an object graph
 * (the command, its lists and maps, the answer, a map entry: about 250 bytes in 7 objects a member before). What
 * API promises still holds exactly: a {@code requestId} sent again with the same body gets the first answer,
 * with another body 409 {@code IDEMPOTENCY_CONFLICT}, across restarts; {@link #get} gives back the first command
 * (decoded from the journal's own encoding of it, so equal to it, as replay relies on) and the first answer
 * ({@code memberId} and {@code referralCode} follow from the member's number, the tier is kept).
 * <p>
 * An entry is {@code [requestId: varint length, UTF-8][tier: varint length, UTF-8][command: varint length, its
 * SBE journal encoding]}; entries never span two arrays. Lookup is an open-addressing table of
 * {@code (requestId.hashCode() << 32 | number)}: a probe compares the hash, then the requestId's bytes. A snapshot
 * holds the entries' bytes and the table as they are, so loading one copies them, decoding nothing.
 * Used by the single business-logic thread.
 */
final class MemberCreations
{
    /** 4 MiB: large enough for G1 to allocate each array outside the young generation in heaps up to 16 GB. */
    static final int CHUNK = 1 << 22;
    private static final long EMPTY = 0;

    private final CommandCodec codec = new CommandCodec();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1024);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private byte[][] chunks = new byte[0][];
    /** The end of the written bytes of each array before the one being filled. */
    private int[] chunkEnds = new int[0];
    /** Where the entry of member {@code n} starts, at {@code n - 1}: chunk index << 32 | position in it. */
    private long[] offsets = new long[16];
    private int count;
    /** The chunk being filled and its write position. */
    private int chunk = -1;
    private int position = CHUNK;
    private long[] table = new long[64];
    private int mask = 63;

    /** Entries kept: one per member ever created. */
    int size()
    {
        return count;
    }

    /** The first command and answer under {@code requestId}, or null when it was never used. */
    KeyEntry get(final String requestId)
    {
        final int number = find(requestId);
        return number == 0 ? null : entry(number);
    }

    /** Keeps the key of the member {@code number} just created by {@code c}, whose first answer names {@code tier}. */
    void add(final Commands.CreateMember c, final long number, final String tier)
    {
        if (number != count + 1L)
        {
            throw new IllegalStateException("member " + number + " created after " + count + " creations");
        }
        final byte[] requestId = c.requestId().getBytes(StandardCharsets.UTF_8);
        final byte[] tierBytes = tier.getBytes(StandardCharsets.UTF_8);
        final int commandLength = codec.encode(c, scratch, 0);
        final int length = varintLength(requestId.length) + requestId.length + varintLength(tierBytes.length) +
            tierBytes.length + varintLength(commandLength) + commandLength;
        final byte[] into = room(length);
        int at = position;
        at = putVarint(into, at, requestId.length);
        System.arraycopy(requestId, 0, into, at, requestId.length);
        at += requestId.length;
        at = putVarint(into, at, tierBytes.length);
        System.arraycopy(tierBytes, 0, into, at, tierBytes.length);
        at += tierBytes.length;
        at = putVarint(into, at, commandLength);
        scratch.getBytes(0, into, at, commandLength);
        at += commandLength;
        append(position, c.requestId().hashCode());
        position = at;
    }

    /** The requestId of member {@code number}'s creation. */
    String requestId(final int number)
    {
        final long offset = offsets[number - 1];
        final byte[] b = chunks[(int)(offset >>> 32)];
        final int at = (int)offset;
        final int length = varint(b, at);
        final int start = at + varintLength(length);
        return new String(b, start, length, StandardCharsets.UTF_8);
    }

    /** The first command and answer of member {@code number}'s creation. */
    KeyEntry entry(final int number)
    {
        final long offset = offsets[number - 1];
        final byte[] b = chunks[(int)(offset >>> 32)];
        int at = (int)offset;
        final int idLength = varint(b, at);
        at += varintLength(idLength) + idLength;
        final int tierLength = varint(b, at);
        at += varintLength(tierLength);
        final String tier = Member.BASE_TIER.length() == tierLength &&
            Member.BASE_TIER.equals(new String(b, at, tierLength, StandardCharsets.UTF_8)) ? Member.BASE_TIER :
            new String(b, at, tierLength, StandardCharsets.UTF_8);
        at += tierLength;
        final int commandLength = varint(b, at);
        at += varintLength(commandLength);
        view.wrap(b, at, commandLength);
        final Command command = codec.decode(view, 0, commandLength);
        return new KeyEntry(command, new MemberCreatedReply(Ids.memberId(number), Ids.referralCode(number), tier));
    }

    /** The bytes {@link #writeSnapshot} writes. */
    long snapshotLength()
    {
        long n = varintLength(count) + varintLength(chunk + 1);
        for (int c = 0; c <= chunk; c++)
        {
            n += varintLength(used(c)) + used(c);
        }
        return n + varintLength(table.length) + 8L * table.length;
    }

    /** Writes every entry's bytes, in member-number order, array by array as they are laid out. */
    void writeSnapshot(final SnapshotWriter out)
    {
        out.putCount(count);
        out.putCount(chunk + 1L);
        for (int c = 0; c <= chunk; c++)
        {
            out.putCount(used(c));
            out.putBytes(chunks[c], 0, used(c));
        }
        out.putCount(table.length);
        out.putLongs(table, 0, table.length);
    }

    /**
     * Reads what {@link #writeSnapshot} wrote into this empty store: {@code members} entries, each checked to be
     * whole and to hold a member creation, then the lookup table ({@link #readTable}).
     */
    void readSnapshot(final SnapshotReader in, final long members)
    {
        final int n = in.getCount(3);
        if (n != members || count != 0)
        {
            throw in.invalid(n + " member creations for " + members + " members");
        }
        if (offsets.length < n)
        {
            offsets = new long[n];
        }
        final int arrays = in.getCount(1);
        chunks = new byte[arrays][];
        chunkEnds = new int[arrays];
        for (int c = 0; c < arrays; c++)
        {
            final int size = in.getCount(1);
            final byte[] b = new byte[Math.max(CHUNK, size)];
            in.getBytes(b, 0, size);
            chunks[c] = b;
            chunkEnds[c] = size;
            chunk = c;
            int at = 0;
            while (at < size)
            {
                if (count == n)
                {
                    throw in.invalid((size - at) + " bytes after the last of " + n + " member creations");
                }
                final int start = at;
                final int idLength = checkedVarint(in, b, at, size);
                at += varintLength(idLength);
                final int idStart = at;
                at += idLength;
                final int tierLength = checkedVarint(in, b, at, size);
                at += varintLength(tierLength) + tierLength;
                final int commandLength = checkedVarint(in, b, at, size);
                at += varintLength(commandLength);
                if (idLength == 0 || commandLength < MessageHeaderDecoder.ENCODED_LENGTH ||
                    templateId(b, at) != CreateMemberDecoder.TEMPLATE_ID)
                {
                    throw in.invalid("member creation " + (count + 1) + " is not a member creation");
                }
                at += commandLength;
                if (count == offsets.length)
                {
                    offsets = Arrays.copyOf(offsets, Math.max(16, count * 2));
                }
                offsets[count++] = ((long)chunk << 32) | start;
            }
            position = size;
        }
        readTable(in);
        if (count != n)
        {
            throw in.invalid("member creations end after " + count + " of " + n);
        }
        if (chunk < 0)
        {
            position = CHUNK;
        }
    }

    /**
     * The lookup table as it was written, instead of hashing and inserting every requestId again (10M random
     * inserts were most of a 10M-member load): checked to be a power of two no fuller than the table ever is,
     * holding each member number once. Its hashes are {@code String.hashCode}, the same in every JVM.
     */
    private void readTable(final SnapshotReader in)
    {
        final int capacity = in.getCount(8);
        if (Integer.bitCount(capacity) != 1 || capacity < 64 || count > capacity * 0.65 + 1)
        {
            throw in.invalid("a member creation table of " + capacity + " slots for " + count + " entries");
        }
        final long[] read = new long[capacity];
        in.getLongs(read, 0, capacity);
        final java.util.BitSet seen = new java.util.BitSet(count + 1);
        int filled = 0;
        for (final long slot : read)
        {
            if (slot != EMPTY)
            {
                final int number = (int)slot;
                if (number < 1 || number > count || seen.get(number))
                {
                    throw in.invalid("a member creation table slot of member number " + number + " of " + count);
                }
                seen.set(number);
                filled++;
            }
        }
        if (filled != count)
        {
            throw in.invalid("a member creation table of " + filled + " entries for " + count);
        }
        table = read;
        mask = capacity - 1;
    }

    // ------------------------------------------------------------------------------------------------ internals

    private int used(final int c)
    {
        return c == chunk ? position : chunkEnds[c];
    }

    private byte[] room(final int length)
    {
        if (chunk >= 0 && position + length <= chunks[chunk].length)
        {
            return chunks[chunk];
        }
        if (chunk >= 0)
        {
            chunkEnds = Arrays.copyOf(chunkEnds, chunk + 1);
            chunkEnds[chunk] = position;
        }
        chunks = Arrays.copyOf(chunks, chunks.length + 1);
        chunk = chunks.length - 1;
        chunks[chunk] = new byte[Math.max(CHUNK, length)];
        position = 0;
        return chunks[chunk];
    }

    private void append(final int at, final int hash)
    {
        if (count == offsets.length)
        {
            offsets = Arrays.copyOf(offsets, Math.max(16, count * 2));
        }
        offsets[count++] = ((long)chunk << 32) | at;
        if (count > table.length * 0.65)
        {
            rehash(table.length * 2);
        }
        insert(((long)hash << 32) | count);
    }

    private void insert(final long slot)
    {
        int i = mix((int)(slot >>> 32)) & mask;
        while (table[i] != EMPTY)
        {
            i = (i + 1) & mask;
        }
        table[i] = slot;
    }

    private void rehash(final int capacity)
    {
        final long[] old = table;
        table = new long[capacity];
        mask = capacity - 1;
        for (final long slot : old)
        {
            if (slot != EMPTY)
            {
                insert(slot);
            }
        }
    }

    private int find(final String requestId)
    {
        if (requestId == null || count == 0)
        {
            return 0;
        }
        final int hash = requestId.hashCode();
        int i = mix(hash) & mask;
        long slot;
        byte[] bytes = null;
        while ((slot = table[i]) != EMPTY)
        {
            if ((int)(slot >>> 32) == hash)
            {
                if (bytes == null)
                {
                    bytes = requestId.getBytes(StandardCharsets.UTF_8);
                }
                final int number = (int)slot;
                if (sameRequestId(number, bytes, 0, bytes.length))
                {
                    return number;
                }
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    private boolean sameRequestId(final int number, final byte[] b, final int from, final int length)
    {
        final long offset = offsets[number - 1];
        final byte[] kept = chunks[(int)(offset >>> 32)];
        final int at = (int)offset;
        final int keptLength = varint(kept, at);
        final int start = at + varintLength(keptLength);
        return keptLength == length && Arrays.equals(kept, start, start + length, b, from, from + length);
    }

    private static int mix(final int hash)
    {
        final int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static int templateId(final byte[] b, final int at)
    {
        return (b[at + MessageHeaderDecoder.templateIdEncodingOffset()] & 0xFF) |
            (b[at + MessageHeaderDecoder.templateIdEncodingOffset() + 1] & 0xFF) << 8;
    }

    private static int varintLength(final int value)
    {
        int n = 1;
        int v = value >>> 7;
        while (v != 0)
        {
            n++;
            v >>>= 7;
        }
        return n;
    }

    private static int putVarint(final byte[] b, final int at, final int value)
    {
        int i = at;
        int v = value;
        while ((v & ~0x7F) != 0)
        {
            b[i++] = (byte)((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[i++] = (byte)v;
        return i;
    }

    private static int varint(final byte[] b, final int at)
    {
        int result = 0;
        for (int shift = 0, i = at; shift < 32; shift += 7, i++)
        {
            final int v = b[i];
            result |= (v & 0x7F) << shift;
            if (v >= 0)
            {
                return result;
            }
        }
        throw new IllegalStateException("a varint longer than 5 bytes");
    }

    private static int checkedVarint(final SnapshotReader in, final byte[] b, final int at, final int end)
    {
        int result = 0;
        for (int shift = 0, i = at; shift < 32 && i < end; shift += 7, i++)
        {
            final int v = b[i];
            result |= (v & 0x7F) << shift;
            if (v >= 0)
            {
                if (result < 0 || at + varintLength(result) + result > end)
                {
                    throw in.invalid("a member creation's length of " + result + " runs past its bytes");
                }
                return result;
            }
        }
        throw in.invalid("a member creation's length that does not end");
    }
}
