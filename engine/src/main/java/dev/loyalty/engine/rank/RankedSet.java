package dev.loyalty.engine.rank;

import java.util.Arrays;

/**
 * An order-statistics set of entries {@code (id, value)} with a positive value, ordered by value (highest
 * first), ties by the smaller id. It answers the entry at a position, how many entries have a value above a
 * given one (a competition rank: equal values share a rank, the next rank skips) and takes value changes, each
 * in O(log n) expected time, without allocating once its array has grown to the largest id.
 *
 * <p>It is a treap kept in one {@code long[]} indexed by the id (ids are small dense integers, such as member
 * numbers, from 1): four longs a node, so that a read touches one cache line per level of the tree. A node's
 * priority is a bijective mix of its id, so the shape depends only on the entries, not on the order they came
 * in or any random draw. 32 bytes an id:
 * <pre>
 *   node id:  0                   1                   2
 *           +-------------------+-------------------+------
 *           | value             | value             |        0 = not in the set
 *           | left child id     | left child id     |        0 = none
 *           | right child id    | right child id    |
 *           | size | left size  | size | left size  |        subtree sizes, 32 bits each
 *           +-------------------+-------------------+------
 * </pre>
 * Node 0 is the empty tree. Reads walk down from the root and use only the node they are on: its value, its
 * children and the size of its left subtree. Not thread-safe: one writer, like the rest of the business logic.
 */
public final class RankedSet
{
    /** The largest id: the array holds four longs per id. */
    public static final int MAX_ID = (Integer.MAX_VALUE >> 2) - 1;

    private static final int NIL = 0;
    private static final int VALUE = 0;
    private static final int LEFT = 1;
    private static final int RIGHT = 2;
    private static final int SIZES = 3;

    private long[] nodes;
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
        nodes = new long[Math.max(2, Math.min(capacity, MAX_ID + 1)) << 2];
    }

    /** How many entries the set has. */
    public int size()
    {
        return count;
    }

    /** The value of an id, 0 when it is not in the set. */
    public long value(final int id)
    {
        return id > 0 && id <= MAX_ID && (id << 2) < nodes.length ? nodes[id << 2] : 0;
    }

    /**
     * Sets the value of an id: a positive value puts it in the set (or moves it), 0 or less takes it out.
     *
     * @param id from 1 to {@link #MAX_ID}.
     */
    public void set(final int id, final long value)
    {
        if (id <= 0 || id > MAX_ID)
        {
            throw new IllegalArgumentException("id must be 1.." + MAX_ID + ": " + id);
        }
        final long old = value(id);
        if (old == value || (old == 0 && value <= 0))
        {
            return;
        }
        if (old != 0)
        {
            root = erase(root, id);
            nodes[id << 2] = 0;
            count--;
        }
        if (value > 0)
        {
            ensure(id);
            final int at = id << 2;
            nodes[at + VALUE] = value;
            nodes[at + LEFT] = NIL;
            nodes[at + RIGHT] = NIL;
            nodes[at + SIZES] = 1L << 32;
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
        final long[] n = nodes;
        int above = 0;
        int t = root;
        while (t != NIL)
        {
            final int at = t << 2;
            if (n[at + VALUE] > value)
            {
                above += (int)n[at + SIZES] + 1;
                t = (int)n[at + RIGHT];
            }
            else
            {
                t = (int)n[at + LEFT];
            }
        }
        return above;
    }

    /** The competition rank of an id (1 + entries with a higher value), or 0 when it is not in the set. */
    public int rank(final int id)
    {
        final long v = value(id);
        return v == 0 ? 0 : 1 + countAbove(v);
    }

    /**
     * How many nodes {@link #rank} visits for an id (its depth in the tree, the root counting 1), or 0 when it is
     * not in the set: the work of a read, whatever the machine, for benchmarks and tests.
     */
    public int depth(final int id)
    {
        final long v = value(id);
        if (v == 0)
        {
            return 0;
        }
        int visited = 0;
        int t = root;
        while (t != NIL)
        {
            visited++;
            if (t == id)
            {
                return visited;
            }
            t = before(id, nodes[t << 2], t) ? left(t) : right(t);
        }
        throw new IllegalStateException("id " + id + " has a value but is not in the tree");
    }

    /** The id at a position (0 is the highest value), or 0 when {@code position} is out of range. */
    public int idAt(final int position)
    {
        if (position < 0 || position >= count)
        {
            return NIL;
        }
        final long[] n = nodes;
        int k = position;
        int t = root;
        while (true)
        {
            final int at = t << 2;
            final int leftSize = (int)n[at + SIZES];
            if (k < leftSize)
            {
                t = (int)n[at + LEFT];
            }
            else if (k == leftSize)
            {
                return t;
            }
            else
            {
                k -= leftSize + 1;
                t = (int)n[at + RIGHT];
            }
        }
    }

    /** Empties the set, keeping its array. */
    public void clear()
    {
        Arrays.fill(nodes, 0);
        root = NIL;
        count = 0;
    }

    private void ensure(final int id)
    {
        if ((id << 2) >= nodes.length)
        {
            final long ids = Math.min(MAX_ID + 1L, Math.max(id + 1L, 2L * (nodes.length >> 2)));
            nodes = Arrays.copyOf(nodes, (int)(ids << 2));
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

    /** True when the entry {@code (a, value of a)} comes before {@code (b, bValue)}. */
    private boolean before(final int a, final long bValue, final int b)
    {
        final long av = nodes[a << 2];
        return av > bValue || (av == bValue && a < b);
    }

    private int size(final int t)
    {
        return (int)(nodes[(t << 2) + SIZES] >>> 32);
    }

    private int left(final int t)
    {
        return (int)nodes[(t << 2) + LEFT];
    }

    private int right(final int t)
    {
        return (int)nodes[(t << 2) + RIGHT];
    }

    private void setLeft(final int t, final int child)
    {
        nodes[(t << 2) + LEFT] = child;
    }

    private void setRight(final int t, final int child)
    {
        nodes[(t << 2) + RIGHT] = child;
    }

    /** Recomputes a node's subtree size and left size from its children. */
    private void update(final int t)
    {
        final int leftSize = size(left(t));
        nodes[(t << 2) + SIZES] = ((long)(leftSize + size(right(t)) + 1) << 32) | leftSize;
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
            split(right(t), value, id);
            setRight(t, splitLeft);
            update(t);
            splitLeft = t;
        }
        else
        {
            split(left(t), value, id);
            setLeft(t, splitRight);
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
            setRight(a, merge(right(a), b));
            update(a);
            return a;
        }
        setLeft(b, merge(a, left(b)));
        update(b);
        return b;
    }

    private int erase(final int t, final int id)
    {
        if (t == id)
        {
            return merge(left(t), right(t));
        }
        if (before(id, nodes[t << 2], t))
        {
            setLeft(t, erase(left(t), id));
        }
        else
        {
            setRight(t, erase(right(t), id));
        }
        update(t);
        return t;
    }
}
