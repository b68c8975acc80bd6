package dev.loyalty.engine.logic;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Every purchase, found by txId and listed in the order they were made (the order snapshots and digests walk).
 * Purchases are never removed (their txIds are idempotency keys for as long as the purchase is kept).
 * <p>
 * An open-addressing table ({@link TxIdTable}: a purchase and its txId's hash a slot, no entry object, growing
 * a few slots per add instead of all at once) and pages in creation order take about 30 bytes a purchase
 * where a {@code LinkedHashMap} took a 40-byte entry each and its table; adding a purchase allocates nothing
 * but a new page now and then.
 * <p>
 * After a snapshot load its purchases stay in the file ({@link SnapshotPurchases}) until one is first asked for:
 * {@link #get} asks the map, then the snapshot's txId hashes (a candidate's txId is read from the file, so an
 * unknown txId decodes nothing); a purchase found there, or reached in order, is decoded then and kept.
 */
final class PurchaseIndex
{
    private static final int PAGE_BITS = 14;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE - 1;

    private final TxIdTable byTxId;
    /** Creation order in pages of {@value #PAGE} purchases: growing adds a page, it never copies the purchases. */
    private Purchase[][] inOrder;
    private int size;
    private final List<Purchase> view = new InOrder();
    /** The purchases at places {@code 0..} not decoded yet, or null when there are none. */
    private SnapshotPurchases undecoded;
    private int undecodedCount;

    PurchaseIndex(final int expected)
    {
        byTxId = new TxIdTable(expected);
        inOrder = new Purchase[Math.max(1, pagesFor(expected))][];
    }

    /** The purchase with this txId, or null; decoded from the snapshot if it was not yet. */
    Purchase get(final String txId)
    {
        final Purchase p = byTxId.get(txId);
        return p != null || undecoded == null ? p : fromSnapshot(txId);
    }

    private Purchase fromSnapshot(final String txId)
    {
        final int place = placeInSnapshot(txId);
        return place < 0 ? null : decode(place);
    }

    /**
     * The place of the snapshot's undecoded purchase with this txId, or -1: reads the candidates' txIds from the
     * file, decodes nothing.
     */
    int placeInSnapshot(final String txId)
    {
        final SnapshotPurchases source = undecoded;
        if (source == null)
        {
            return -1;
        }
        final HashSlots slots = source.byTxId();
        final int hash = SnapshotPurchases.hash(txId);
        for (int at = slots.start(hash); ; at = slots.next(at))
        {
            final int place = slots.valueAt(at, hash) - 1;
            if (place == -1)
            {
                return -1;
            }
            // one decoded is in the map, which a caller asks first
            if (place >= 0 && at(place) == null && source.hasTxId(place, txId))
            {
                return place;
            }
        }
    }

    private Purchase decode(final int place)
    {
        final SnapshotPurchases source = undecoded;
        if (source == null)
        {
            throw new IllegalStateException("the purchase at " + place + " is neither decoded nor in a snapshot");
        }
        final Purchase p = source.decode(place);
        if (byTxId.addIfAbsent(p) != null)
        {
            throw new IllegalStateException("txId " + p.txId + " of snapshot " + source.file() + " is two purchases'");
        }
        page(place)[place & PAGE_MASK] = p;
        if (--undecodedCount == 0)
        {
            undecoded = null;
            source.close();
        }
        return p;
    }

    /** The purchase at {@code place} (creation order) if it is decoded, null if it is still only in the snapshot. */
    Purchase decoded(final int place)
    {
        return at(place);
    }

    /** The purchases not decoded yet, or null. */
    SnapshotPurchases undecoded()
    {
        return undecoded;
    }

    /** How many purchases are not decoded yet. */
    int undecodedCount()
    {
        return undecodedCount;
    }

    /** Purchases at places 0..count-1, all in {@code source} until asked for; the index must be empty. */
    void attach(final SnapshotPurchases source)
    {
        final int count = source.count();
        if (size != 0)
        {
            throw new IllegalStateException("purchases are attached to an empty index only");
        }
        if (inOrder.length < pagesFor(count))
        {
            inOrder = Arrays.copyOf(inOrder, pagesFor(count));
        }
        size = count;
        if (count > 0)
        {
            undecoded = source;
            undecodedCount = count;
        }
        else
        {
            source.close();
        }
    }

    /** Adds a purchase whose txId is not yet a purchase's (the caller asked {@link #get} first). */
    void add(final Purchase p)
    {
        if (byTxId.addIfAbsent(p) != null)
        {
            throw new IllegalStateException("txId " + p.txId + " is already a purchase's");
        }
        page(size)[size & PAGE_MASK] = p;
        size++;
    }

    private Purchase at(final int place)
    {
        final Purchase[] page = inOrder[place >>> PAGE_BITS];
        return page == null ? null : page[place & PAGE_MASK];
    }

    /** The page that holds {@code place}, made when it is the first of it. */
    private Purchase[] page(final int place)
    {
        final int index = place >>> PAGE_BITS;
        if (index == inOrder.length)
        {
            inOrder = Arrays.copyOf(inOrder, index + Math.max(1, index >> 1));
        }
        Purchase[] page = inOrder[index];
        if (page == null)
        {
            page = new Purchase[PAGE];
            inOrder[index] = page;
        }
        return page;
    }

    private static int pagesFor(final int purchases)
    {
        return (int)((Math.max(0L, purchases) + PAGE - 1) >>> PAGE_BITS);
    }

    int size()
    {
        return size;
    }

    /** The purchases in the order they were made: a read-only view. */
    List<Purchase> values()
    {
        return view;
    }

    private final class InOrder extends AbstractList<Purchase> implements RandomAccess
    {
        public Purchase get(final int index)
        {
            if (index >= size)
            {
                throw new IndexOutOfBoundsException(index);
            }
            final Purchase p = at(index);
            return p != null ? p : decode(index);
        }

        public int size()
        {
            return size;
        }
    }
}
