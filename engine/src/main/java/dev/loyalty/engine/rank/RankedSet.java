package dev.loyalty.engine.rank;

import java.util.Arrays;

/**
 * An order-statistics set of entries {@code (id, value)} with a positive value, ordered by value (highest
 * first), ties by the smaller id. It answers the entry at a position, how many entries have a value above a
 * given one (a competition rank: equal values share a rank, the next rank skips) and takes value changes, each
 * in O(log n) expected time, without allocating once its arrays have grown to the largest id.
 *
 * <p>It is a treap kept in primitive arrays indexed by the id (ids are small dense integers, such as member
 * numbers, from 1): for each id its value, its left and right children and the size of its subtree; 0 is the
 * empty tree. A node's priority is a bijective mix of its id, so the shape depends only on the entries, not on
 * the order they came in or any random draw. About 20 bytes an id:
 * <pre>
 *   id:     1      2      3     ...
 *         +------+------+------+
 * values  | long | long | long |   0 = not in the set
 * left    | int  | int  | int  |
 * right   | int  | int  | int  |
 * size    | int  | int  | int  |
 *         +------+------+------+
 * </pre>
 * Not thread-safe: one writer, like the rest of the business logic.
 */
public final class RankedSet
{
    private static final int NIL = 0;

    private long[] values;
    private int[] left;
    private int[] right;
    private int[] size;
    private int root = NIL;
    private int count;
    private int splitLeft;
    private int splitRight;

    /** An empty set with room for ids below 16; it grows as larger ids come. */
    public RankedSet()
    {
        this(16);
    }

    /** An empty set with room for ids below {@code capacity}. */
    public RankedSet(final int capacity)
    {
        final int n = Math.max(2, capacity);
        values = new long[n];
        left = new int[n];
        right = new int[n];
        size = new int[n];
    }

    /** How many entries the set has. */
    public int size()
    {
        return count;
    }

    /** The value of an id, 0 when it is not in the set. */
    public long value(final int id)
    {
        return id > 0 && id < values.length ? values[id] : 0;
    }

    /**
     * Sets the value of an id: a positive value puts it in the set (or moves it), 0 or less takes it out.
     *
     * @param id from 1 to {@code Integer.MAX_VALUE - 1}.
     */
    public void set(final int id, final long value)
    {
        if (id <= 0 || id == Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("id must be 1.." + (Integer.MAX_VALUE - 1) + ": " + id);
        }
        final long old = value(id);
        if (old == value || (old == 0 && value <= 0))
        {
            return;
        }
        if (old != 0)
        {
            root = erase(root, id);
            values[id] = 0;
            count--;
        }
        if (value > 0)
        {
            ensure(id);
            values[id] = value;
            left[id] = NIL;
            right[id] = NIL;
            size[id] = 1;
            split(root, value, id);
            root = merge(merge(splitLeft, id), splitRight);
            count++;
        }
    }

    /** Adds {@code delta} (either sign) to an id's value; a result of 0 or less takes it out. */
    public void add(final int id, final long delta)
    {
        set(id, value(id) + delta);
    }

    /** How many entries have a value strictly above {@code value}. */
    public int countAbove(final long value)
    {
        int n = 0;
        int t = root;
        while (t != NIL)
        {
            if (values[t] > value)
            {
                n += size[left[t]] + 1;
                t = right[t];
            }
            else
            {
                t = left[t];
            }
        }
        return n;
    }

    /** The competition rank of an id (1 + entries with a higher value), or 0 when it is not in the set. */
    public int rank(final int id)
    {
        final long v = value(id);
        return v == 0 ? 0 : 1 + countAbove(v);
    }

    /** The id at a position (0 is the highest value), or 0 when {@code position} is out of range. */
    public int idAt(final int position)
    {
        if (position < 0 || position >= count)
        {
            return NIL;
        }
        int k = position;
        int t = root;
        while (true)
        {
            final int leftSize = size[left[t]];
            if (k < leftSize)
            {
                t = left[t];
            }
            else if (k == leftSize)
            {
                return t;
            }
            else
            {
                k -= leftSize + 1;
                t = right[t];
            }
        }
    }

    /** Empties the set, keeping its arrays. */
    public void clear()
    {
        Arrays.fill(values, 0);
        root = NIL;
        count = 0;
    }

    private void ensure(final int id)
    {
        if (id >= values.length)
        {
            final int n = (int)Math.min(Integer.MAX_VALUE, Math.max((long)id + 1, 2L * values.length));
            values = Arrays.copyOf(values, n);
            left = Arrays.copyOf(left, n);
            right = Arrays.copyOf(right, n);
            size = Arrays.copyOf(size, n);
        }
    }

    /** A bijection of the id, so that distinct ids never tie. */
    private static int priority(final int id)
    {
        int x = id * 0x9E3779B9;
        x ^= x >>> 16;
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        return x;
    }

    /** True when the entry {@code (a, values[a])} comes before {@code (b, bValue)}. */
    private boolean before(final int a, final long bValue, final int b)
    {
        final long av = values[a];
        return av > bValue || (av == bValue && a < b);
    }

    private void update(final int t)
    {
        size[t] = size[left[t]] + size[right[t]] + 1;
    }

    /** Splits tree t into the entries before (id, value) ({@link #splitLeft}) and the rest ({@link #splitRight}). */
    private void split(final int t, final long value, final int id)
    {
        if (t == NIL)
        {
            splitLeft = NIL;
            splitRight = NIL;
            return;
        }
        if (before(t, value, id))
        {
            split(right[t], value, id);
            right[t] = splitLeft;
            update(t);
            splitLeft = t;
        }
        else
        {
            split(left[t], value, id);
            left[t] = splitRight;
            update(t);
            splitRight = t;
        }
    }

    /** Joins two trees whose entries are all of a before all of b. */
    private int merge(final int a, final int b)
    {
        if (a == NIL)
        {
            return b;
        }
        if (b == NIL)
        {
            return a;
        }
        if (priority(a) > priority(b))
        {
            right[a] = merge(right[a], b);
            update(a);
            return a;
        }
        left[b] = merge(a, left[b]);
        update(b);
        return b;
    }

    private int erase(final int t, final int id)
    {
        if (t == id)
        {
            return merge(left[t], right[t]);
        }
        if (before(id, values[t], t))
        {
            left[t] = erase(left[t], id);
        }
        else
        {
            right[t] = erase(right[t], id);
        }
        size[t]--;
        return t;
    }
}
