package dev.loyalty.engine.rank;

import org.agrona.collections.Int2IntHashMap;

import java.util.Arrays;

/**
 * An order-statistics set of entries {@code (id, value)} with a positive value, ordered by value (highest
 * first), ties by the smaller id. It answers the entry at a position, how many entries have a value above a
 * given one (a competition rank: equal values share a rank, the next rank skips) and takes value changes, each
 * in O(log n) expected time, without allocating once its arrays have grown to the most entries it held.
 *
 * <p>It is a treap kept in one {@code long[]} of nodes, four longs a node, so that a read touches one cache line
 * per level of the tree. Each entry takes a node slot while it is in the set (a map from id to slot finds it;
 * freed slots are reused), so a set costs memory for its entries, not for the largest id in it. A node's
 * priority is a bijective mix of its id, so the shape depends only on the entries, not on the order they came
 * in, the slots they got or any random draw. About 32 bytes an entry plus the map:
 * <pre>
 *   slot:     0 (empty tree)      1                   2
 *           +-------------------+-------------------+------
 *           | value             | value             |
 *           | left | right      | left | right      |   child slots, 32 bits each (0: none)
 *           | size | left size  | size | left size  |   subtree sizes, 32 bits each
 *           | id                | id                |
 *           +-------------------+-------------------+------
 * </pre>
 * Reads walk down from the root and use only the node they are on: its value and id, its children and the size
 * of its left subtree. Not thread-safe: one writer, like the rest of the business logic.
 */
public final class RankedSet
{
    /** The most entries a set can hold: four longs a slot in one array. */
    public static final int MAX_ENTRIES = (Integer.MAX_VALUE >> 2) - 1;

    private static final int NIL = 0;
    private static final int VALUE = 0;
    private static final int CHILDREN = 1;
    private static final int SIZES = 2;
    private static final int ID = 3;
    private static final long LOW = 0xFFFF_FFFFL;

    private final Int2IntHashMap slots;
    private long[] nodes;
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int nextSlot = 1;
    private int root = NIL;
    private int count;
    private int splitLeft;
    private int splitRight;

    /** An empty set with room for 16 entries; it grows as more come. */
    public RankedSet()
    {
        this(16);
    }

    /** An empty set with room for {@code capacity} entries. */
    public RankedSet(final int capacity)
    {
        final int n = Math.max(2, Math.min(capacity, MAX_ENTRIES) + 1);
        nodes = new long[n << 2];
        slots = new Int2IntHashMap(Math.max(8, n), 0.65f, NIL);
    }

    /** How many entries the set has. */
    public int size()
    {
        return count;
    }

    /** The value of an id, 0 when it is not in the set. */
    public long value(final int id)
    {
        final int slot = slots.get(id);
        return slot == NIL ? 0 : nodes[slot << 2];
    }

    /**
     * Sets the value of an id: a positive value puts it in the set (or moves it), 0 or less takes it out.
     *
     * @param id from 1 to {@code Integer.MAX_VALUE}.
     */
    public void set(final int id, final long value)
    {
        if (id <= 0)
        {
            throw new IllegalArgumentException("id must be positive: " + id);
        }
        int slot = slots.get(id);
        final long old = slot == NIL ? 0 : nodes[slot << 2];
        if (old == value || (old == 0 && value <= 0))
        {
            return;
        }
        if (slot != NIL)
        {
            root = erase(root, slot);
            count--;
            if (value <= 0)
            {
                slots.remove(id);
                free(slot);
                return;
            }
        }
        else
        {
            slot = allocate();
            slots.put(id, slot);
        }
        final int at = slot << 2;
        nodes[at + VALUE] = value;
        nodes[at + CHILDREN] = 0;
        nodes[at + SIZES] = 1L << 32;
        nodes[at + ID] = id;
        split(root, value, id);
        root = merge(merge(splitLeft, slot), splitRight);
        count++;
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
                t = (int)n[at + CHILDREN];
            }
            else
            {
                t = (int)(n[at + CHILDREN] >>> 32);
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
     * How many nodes a walk from the root to an id visits (its depth in the tree, the root counting 1), or 0 when
     * it is not in the set: the work of a read, whatever the machine, for benchmarks and tests.
     */
    public int depth(final int id)
    {
        final int slot = slots.get(id);
        if (slot == NIL)
        {
            return 0;
        }
        final long v = nodes[slot << 2];
        int visited = 0;
        int t = root;
        while (t != NIL)
        {
            visited++;
            if (t == slot)
            {
                return visited;
            }
            t = before(v, id, t) ? left(t) : right(t);
        }
        throw new IllegalStateException("id " + id + " has a slot but is not in the tree");
    }

    /** The id at a position (0 is the highest value), or 0 when {@code position} is out of range. */
    public int idAt(final int position)
    {
        if (position < 0 || position >= count)
        {
            return 0;
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
                t = (int)(n[at + CHILDREN] >>> 32);
            }
            else if (k == leftSize)
            {
                return (int)n[at + ID];
            }
            else
            {
                k -= leftSize + 1;
                t = (int)n[at + CHILDREN];
            }
        }
    }

    /** Empties the set, keeping its arrays. */
    public void clear()
    {
        slots.clear();
        root = NIL;
        count = 0;
        freeCount = 0;
        nextSlot = 1;
    }

    private int allocate()
    {
        if (freeCount > 0)
        {
            return freeSlots[--freeCount];
        }
        if (nextSlot > MAX_ENTRIES)
        {
            throw new IllegalStateException("a ranked set holds at most " + MAX_ENTRIES + " entries");
        }
        if ((nextSlot << 2) >= nodes.length)
        {
            final long slotsWanted = Math.min(MAX_ENTRIES + 1L, 2L * (nodes.length >> 2));
            nodes = Arrays.copyOf(nodes, (int)(slotsWanted << 2));
        }
        return nextSlot++;
    }

    private void free(final int slot)
    {
        if (freeCount == freeSlots.length)
        {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
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

    /** True when the entry {@code (id, value)} comes before the node in {@code slot}. */
    private boolean before(final long value, final int id, final int slot)
    {
        final int at = slot << 2;
        final long v = nodes[at + VALUE];
        return value > v || (value == v && id < (int)nodes[at + ID]);
    }

    private int idOf(final int slot)
    {
        return (int)nodes[(slot << 2) + ID];
    }

    private int size(final int t)
    {
        return (int)(nodes[(t << 2) + SIZES] >>> 32);
    }

    private int left(final int t)
    {
        return (int)(nodes[(t << 2) + CHILDREN] >>> 32);
    }

    private int right(final int t)
    {
        return (int)nodes[(t << 2) + CHILDREN];
    }

    private void setLeft(final int t, final int child)
    {
        final int at = (t << 2) + CHILDREN;
        nodes[at] = ((long)child << 32) | (nodes[at] & LOW);
    }

    private void setRight(final int t, final int child)
    {
        final int at = (t << 2) + CHILDREN;
        nodes[at] = (nodes[at] & ~LOW) | (child & LOW);
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
        if (!before(value, id, t))
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
        if (priority(idOf(a)) > priority(idOf(b)))
        {
            setRight(a, merge(right(a), b));
            update(a);
            return a;
        }
        setLeft(b, merge(a, left(b)));
        update(b);
        return b;
    }

    private int erase(final int t, final int slot)
    {
        if (t == slot)
        {
            return merge(left(t), right(t));
        }
        final int at = slot << 2;
        if (before(nodes[at + VALUE], (int)nodes[at + ID], t))
        {
            setLeft(t, erase(left(t), slot));
        }
        else
        {
            setRight(t, erase(right(t), slot));
        }
        update(t);
        return t;
    }
}
