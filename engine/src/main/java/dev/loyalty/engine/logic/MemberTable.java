package dev.loyalty.engine.logic;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Every member, by member id, as an array indexed by member number: a member id is {@code "m_"} and its
 * number in base 36 ({@link Ids#memberId}) and numbers are given out 1, 2, 3, ..., so a lookup parses the
 * number and checks the id, with no hashing and no entry object a member (a {@code LinkedHashMap} kept a
 * 40-byte entry and a table slot for each). Iteration is in number order, which is creation order, as the
 * {@code LinkedHashMap} it replaces iterated. A referral code is a bijection of the member number
 * ({@link Ids#referralCode}), so {@link #byReferralCode} inverts it instead of keeping a second map.
 * Members are only added, never removed (a merged member stays, pointing at its target).
 * <p>
 * After a snapshot load the members it holds stay in the snapshot file ({@link SnapshotMembers}) until one is
 * first asked for: {@link #byNumber} (and everything that finds a member: by id, by referral code, by
 * identifier, iteration) decodes it then and keeps it; {@link #decoded} tells a member decoded from one still
 * as the snapshot has it, which a snapshot writer copies byte for byte. A member is only ever changed through
 * this table, so one not decoded yet is exactly what the file says.
 * Used by the single business-logic thread.
 */
final class MemberTable extends AbstractMap<String, Member>
{
    private static final long MASK_40 = (1L << 40) - 1;
    private static final long INVERSE_1 = inverse(0x9E3779B97F4A7C15L);
    private static final long INVERSE_2 = inverse(0xC2B2AE3D27D4EB4FL);
    private static final long INVERSE_3 = inverse(0x165667B19E3779F9L);

    private Member[] byNumber;
    private int size;
    /** The members not decoded yet, or null when there are none. */
    private SnapshotMembers undecoded;
    private int undecodedCount;
    /** Told of every member decoded from the snapshot, or null. */
    private PendingLinks links;
    private final Values values = new Values();
    private final EntrySet entries = new EntrySet();

    MemberTable(final int expected)
    {
        byNumber = new Member[Math.max(16, expected)];
    }

    public int size()
    {
        return size;
    }

    /** The member of number {@code number}, or null; decoded from the snapshot if it was not yet. */
    Member byNumber(final long number)
    {
        if (number < 1 || number > size)
        {
            return null;
        }
        final Member m = byNumber[(int)number - 1];
        return m != null ? m : decode((int)number);
    }

    /** The member of number {@code number} if it is decoded, null if it is still only in the snapshot (or none). */
    Member decoded(final long number)
    {
        return number >= 1 && number <= size ? byNumber[(int)number - 1] : null;
    }

    /** How many members are not decoded yet. */
    int undecodedCount()
    {
        return undecodedCount;
    }

    /** The members not decoded yet, or null. */
    SnapshotMembers undecoded()
    {
        return undecoded;
    }

    /**
     * Members 1..{@code count}, all in {@code source} until asked for; the table must be empty. {@code links} (or
     * null) is told of each as it is decoded, before anything else sees it.
     */
    void attach(final SnapshotMembers source, final int count, final PendingLinks links)
    {
        if (size != 0)
        {
            throw new IllegalStateException("members are attached to an empty table only");
        }
        if (byNumber.length < count)
        {
            byNumber = new Member[count];
        }
        size = count;
        if (count > 0)
        {
            undecoded = source;
            undecodedCount = count;
            this.links = links;
        }
        else
        {
            source.close();
        }
    }

    private Member decode(final int number)
    {
        final SnapshotMembers source = undecoded;
        if (source == null)
        {
            throw new IllegalStateException("member number " + number + " is neither decoded nor in a snapshot");
        }
        final Member m = source.decode(number);
        final long target = source.mergedIntoOfLast();
        byNumber[number - 1] = m;
        final PendingLinks told = links;
        if (--undecodedCount == 0)
        {
            undecoded = null;
            links = null;
            source.close();
        }
        if (target != 0)
        {
            final Member into = byNumber(target);
            if (into == null || into == m)
            {
                throw new IllegalStateException("member " + m.memberId + " of snapshot " + source.file() +
                    " is merged into member number " + target + ", which it does not hold");
            }
            m.mergedInto = into;
        }
        if (told != null)
        {
            told.decoded(m);
        }
        return m;
    }

    public Member get(final Object key)
    {
        if (!(key instanceof String memberId) || memberId.length() < 3 || memberId.length() > 15 ||
            memberId.charAt(0) != 'm' || memberId.charAt(1) != '_')
        {
            return null;
        }
        long number = 0;
        for (int i = 2; i < memberId.length(); i++)
        {
            final int digit = Character.digit(memberId.charAt(i), 36);
            if (digit < 0)
            {
                return null;
            }
            number = number * 36 + digit;
        }
        final Member m = byNumber(number);
        return m != null && m.memberId.equals(memberId) ? m : null;
    }

    public boolean containsKey(final Object key)
    {
        return get(key) != null;
    }

    /** Adds the member just created: its number must be the next one and the key its id. */
    public Member put(final String memberId, final Member m)
    {
        if (m.number != size + 1L || !m.memberId.equals(memberId))
        {
            throw new IllegalArgumentException("member " + memberId + " number " + m.number + " added after " + size);
        }
        if (size == byNumber.length)
        {
            byNumber = Arrays.copyOf(byNumber, size + (size >> 1) + 16);
        }
        byNumber[size++] = m;
        return null;
    }

    /** The member whose referral code this is, or null. */
    Member byReferralCode(final String code)
    {
        if (code == null || code.length() != 8)
        {
            return null;
        }
        long x = 0;
        for (int i = 0; i < 8; i++)
        {
            final char c = code.charAt(i);
            final int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0)
            {
                return null;
            }
            x = (x << 5) | v;
        }
        final Member m = byNumber(unmix40(x));
        return m != null && m.referralCode.equals(code) ? m : null;
    }

    /** The inverse of {@link Ids#mix40}: each of its steps undone, last first. */
    static long unmix40(final long mixed)
    {
        long x = unshift(mixed & MASK_40, 17);
        x = (x * INVERSE_3) & MASK_40;
        x = unshift(x, 21);
        x = (x * INVERSE_2) & MASK_40;
        x = unshift(x, 19);
        x = (x * INVERSE_1) & MASK_40;
        return (x ^ 0x5DEECE66DL) & MASK_40;
    }

    /** The inverse of {@code x ^= x >>> shift} over 40 bits. */
    private static long unshift(final long y, final int shift)
    {
        long x = y;
        for (int done = shift; done < 40; done += shift)
        {
            x = y ^ (x >>> shift);
        }
        return x & MASK_40;
    }

    /** The inverse of an odd number modulo 2^64 (Newton's iteration), so modulo 2^40 too. */
    private static long inverse(final long odd)
    {
        long inv = odd;
        for (int i = 0; i < 6; i++)
        {
            inv *= 2 - odd * inv;
        }
        return inv;
    }

    public Collection<Member> values()
    {
        return values;
    }

    public Set<Map.Entry<String, Member>> entrySet()
    {
        return entries;
    }

    private final class Values extends AbstractCollection<Member>
    {
        public Iterator<Member> iterator()
        {
            return new Walk<>()
            {
                Member at(final int i)
                {
                    return byNumber(i + 1L);
                }
            };
        }

        public int size()
        {
            return size;
        }
    }

    private final class EntrySet extends AbstractSet<Map.Entry<String, Member>>
    {
        public Iterator<Map.Entry<String, Member>> iterator()
        {
            return new Walk<>()
            {
                Map.Entry<String, Member> at(final int i)
                {
                    final Member m = byNumber(i + 1L);
                    return new SimpleImmutableEntry<>(m.memberId, m);
                }
            };
        }

        public int size()
        {
            return size;
        }
    }

    private abstract class Walk<T> implements Iterator<T>
    {
        private int next;

        abstract T at(int i);

        public boolean hasNext()
        {
            return next < size;
        }

        public T next()
        {
            if (next >= size)
            {
                throw new NoSuchElementException();
            }
            return at(next++);
        }
    }
}
