package dev.loyalty.engine.logic;

import org.agrona.collections.Hashing;
import org.agrona.collections.Object2ObjectHashMap;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Every purchase, found by txId and listed in the order they were made (the order snapshots and digests walk).
 * Purchases are never removed (their txIds are idempotency keys for as long as the purchase is kept).
 * <p>
 * An open-addressing map ({@link Object2ObjectHashMap}: two array slots a purchase, no entry object) and an
 * array in creation order take about 20 bytes a purchase where a {@code LinkedHashMap} took a 40-byte entry
 * each and its table; adding a purchase allocates nothing but the arrays' occasional growth.
 */
final class PurchaseIndex
{
    private final Object2ObjectHashMap<String, Purchase> byTxId;
    private Purchase[] inOrder;
    private int size;
    private final List<Purchase> view = new InOrder();

    PurchaseIndex(final int expected)
    {
        byTxId = new Object2ObjectHashMap<>(
            (int)Math.min(1 << 29, (long)(expected / Hashing.DEFAULT_LOAD_FACTOR) + 1), Hashing.DEFAULT_LOAD_FACTOR);
        inOrder = new Purchase[Math.max(16, expected)];
    }

    /** The purchase with this txId, or null. */
    Purchase get(final String txId)
    {
        return byTxId.get(txId);
    }

    /** Adds a purchase whose txId is not yet a purchase's. */
    void add(final Purchase p)
    {
        if (byTxId.put(p.txId, p) != null)
        {
            throw new IllegalStateException("txId " + p.txId + " is already a purchase's");
        }
        if (size == inOrder.length)
        {
            inOrder = Arrays.copyOf(inOrder, size + (size >> 1));
        }
        inOrder[size++] = p;
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
            return inOrder[index];
        }

        public int size()
        {
            return size;
        }
    }
}
