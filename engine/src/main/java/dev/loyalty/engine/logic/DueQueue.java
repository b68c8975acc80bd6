package dev.loyalty.engine.logic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * The time-driven work waiting to be done, in {@link DueWork#ORDER} (due time, then creation order), as a
 * {@code TreeSet} of it would give it, without a tree node per entry on the common path.
 * <p>
 * Work of one kind is mostly scheduled at a fixed delay from engine time (a hold's timeout, a lot's expiry and
 * activation), and engine time only moves forward, so each kind's work mostly arrives in order. Each kind has a
 * lane: a doubly linked list threaded through the work itself ({@link DueWork#prev}, {@link DueWork#next}) that
 * takes work whose due time is not before its tail's (ids only grow, so the lane stays in order); adding,
 * cancelling and taking the first are O(1) and allocate nothing. Work that would go before its lane's tail (a
 * lot's expiry scheduled again after a release, a program whose delays changed) goes to a {@code TreeSet}. The
 * first of all is the least of the lanes' heads and the tree's first.
 */
final class DueQueue implements Iterable<DueWork>
{
    static final byte NOT_QUEUED = -2;
    static final byte IN_TREE = -1;
    private static final int LANES = DueWork.Kind.values().length;

    private final DueWork[] heads = new DueWork[LANES];
    private final DueWork[] tails = new DueWork[LANES];
    private final TreeSet<DueWork> tree = new TreeSet<>(DueWork.ORDER);
    /** The tree's first, or null when the tree is empty. */
    private DueWork treeFirst;
    private int size;

    boolean isEmpty()
    {
        return size == 0;
    }

    int size()
    {
        return size;
    }

    /** The first work due, or null when there is none. */
    DueWork first()
    {
        DueWork best = treeFirst;
        for (int i = 0; i < LANES; i++)
        {
            final DueWork head = heads[i];
            if (head != null && (best == null || before(head, best)))
            {
                best = head;
            }
        }
        return best;
    }

    /** Removes and returns the first work due, or null when there is none. */
    DueWork pollFirst()
    {
        final DueWork first = first();
        if (first != null)
        {
            remove(first);
        }
        return first;
    }

    /** Adds work that is not queued yet. */
    void add(final DueWork work)
    {
        if (work.lane != NOT_QUEUED)
        {
            throw new IllegalStateException("due work " + work.id + " is already queued");
        }
        final int lane = work.kind.ordinal();
        final DueWork tail = tails[lane];
        if (tail == null)
        {
            heads[lane] = work;
            tails[lane] = work;
            work.lane = (byte)lane;
        }
        else if (before(tail, work))
        {
            tail.next = work;
            work.prev = tail;
            tails[lane] = work;
            work.lane = (byte)lane;
        }
        else
        {
            tree.add(work);
            work.lane = IN_TREE;
            if (treeFirst == null || before(work, treeFirst))
            {
                treeFirst = work;
            }
        }
        size++;
    }

    /** Adds every work of a collection (none of it queued yet). */
    void addAll(final Collection<DueWork> works)
    {
        for (final DueWork work : works)
        {
            add(work);
        }
    }

    /** Removes the work if it is queued; returns whether it was. */
    boolean remove(final DueWork work)
    {
        final int lane = work.lane;
        if (lane == NOT_QUEUED)
        {
            return false;
        }
        if (lane == IN_TREE)
        {
            tree.remove(work);
            if (work == treeFirst)
            {
                treeFirst = tree.isEmpty() ? null : tree.first();
            }
        }
        else
        {
            final DueWork prev = work.prev;
            final DueWork next = work.next;
            if (prev == null)
            {
                heads[lane] = next;
            }
            else
            {
                prev.next = next;
            }
            if (next == null)
            {
                tails[lane] = prev;
            }
            else
            {
                next.prev = prev;
            }
            work.prev = null;
            work.next = null;
        }
        work.lane = NOT_QUEUED;
        size--;
        return true;
    }

    /** Every queued work in {@link DueWork#ORDER} (allocates: for digests and snapshots). */
    @Override
    public Iterator<DueWork> iterator()
    {
        final ArrayList<DueWork> all = new ArrayList<>(size);
        all.addAll(tree);
        for (int i = 0; i < LANES; i++)
        {
            for (DueWork w = heads[i]; w != null; w = w.next)
            {
                all.add(w);
            }
        }
        all.sort(DueWork.ORDER);
        return Collections.unmodifiableList(all).iterator();
    }

    private static boolean before(final DueWork a, final DueWork b)
    {
        return a.dueAt < b.dueAt || (a.dueAt == b.dueAt && a.id < b.id);
    }
}
