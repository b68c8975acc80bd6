package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Commands;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TxIdTableTest
{
    private static Purchase purchase(final String txId)
    {
        return new Purchase(txId, new Commands.Authorize(null, null), null, null, null, 0, 0, List.of(), List.of());
    }

    @Test
    void findsEveryPurchaseThroughSeveralGrowthsIncludingWhileATableIsBeingEmptied()
    {
        final TxIdTable table = new TxIdTable(0);
        final int initialCapacity = table.capacity();
        final List<Purchase> added = new ArrayList<>();
        int growths = 0;
        boolean wasGrowing = false;
        for (int i = 0; i < 200_000; i++)
        {
            final Purchase p = purchase("tx-" + i);
            assertNull(table.addIfAbsent(p));
            added.add(p);
            assertSame(p, table.get("tx-" + i));
            assertSame(added.get(i / 2), table.get("tx-" + (i / 2)));
            if (table.growing() != wasGrowing)
            {
                // at the start and at the end of every growth, every purchase is still found
                wasGrowing = table.growing();
                growths += wasGrowing ? 1 : 0;
                for (int k = 0; k <= i; k++)
                {
                    assertSame(added.get(k), table.get("tx-" + k), "tx-" + k + " after " + (i + 1) + " adds");
                }
            }
        }
        assertEquals(200_000, table.size());
        assertTrue(growths >= 10, growths + " growths from " + initialCapacity + " slots");
        assertNull(table.get("tx-200000"));
        assertNull(table.get("tx--1"));
        assertNull(table.get(""));
    }

    @Test
    void aGrowthIsSpreadOverManyAddsNotDoneInOne()
    {
        final TxIdTable table = new TxIdTable(1000);
        final int capacity = table.capacity();
        int i = 0;
        while (!table.growing())
        {
            assertNull(table.addIfAbsent(purchase("a-" + i++)));
        }
        assertEquals(capacity / 2 + 1, i, "grows when half full");
        assertEquals(capacity * 2, table.capacity());
        int addsWhileGrowing = 0;
        while (table.growing())
        {
            assertNull(table.addIfAbsent(purchase("a-" + i++)));
            addsWhileGrowing++;
        }
        // the add that started it moved the first slots; every later one moves MOVES_PER_ADD more
        assertEquals(capacity / TxIdTable.MOVES_PER_ADD - 1, addsWhileGrowing);
        for (int k = 0; k < i; k++)
        {
            assertTrue(table.get("a-" + k) != null, "a-" + k);
        }
    }

    @Test
    void makesAPageOnlyWhenAPurchaseLandsInIt()
    {
        final TxIdTable table = new TxIdTable(1_000_000);
        final int pages = table.capacity() >>> TxIdTable.PAGE_BITS;
        assertEquals(128, pages, table.capacity() + " slots");
        assertEquals(0, table.pagesMade());
        assertNull(table.addIfAbsent(purchase("first")));
        assertEquals(1, table.pagesMade());
        for (int i = 0; i < 10_000; i++)
        {
            table.addIfAbsent(purchase("c-" + i));
        }
        assertEquals(pages, table.pagesMade(), "10,000 txIds land in every page");
        assertSame(table.get("first"), table.get("first"));
        assertTrue(table.get("c-9999") != null);
    }

    @Test
    void aTxIdAlreadyThereIsNotAddedAgainWhereverItIs()
    {
        final TxIdTable table = new TxIdTable(0);
        final Purchase first = purchase("dup");
        assertNull(table.addIfAbsent(first));
        int i = 0;
        while (table.size() < table.capacity() / 2)
        {
            table.addIfAbsent(purchase("b-" + i++));
        }
        // the next new txId starts a growth; "dup" does not, and is not added
        final int full = table.size();
        assertSame(first, table.addIfAbsent(purchase("dup")));
        assertEquals(full, table.size());
        assertFalse(table.growing());
        while (!table.growing())
        {
            table.addIfAbsent(purchase("b-" + i++));
        }
        // "dup" sits in the table being emptied or has been moved already: either way it is found and kept
        final int size = table.size();
        assertSame(first, table.addIfAbsent(purchase("dup")));
        assertEquals(size, table.size());
        while (table.growing())
        {
            table.addIfAbsent(purchase("b-" + i++));
        }
        assertSame(first, table.addIfAbsent(purchase("dup")));
        assertSame(first, table.get("dup"));
    }

    @Test
    void txIdsWithTheSameHashCodeAreTold()
    {
        // "Aa" and "BB" have the same String.hashCode, so every string of n of them has one hash: 2^n of them
        final List<String> colliding = new ArrayList<>();
        colliding.add("");
        for (int n = 0; n < 7; n++)
        {
            final List<String> longer = new ArrayList<>();
            for (final String s : colliding)
            {
                longer.add(s + "Aa");
                longer.add(s + "BB");
            }
            colliding.clear();
            colliding.addAll(longer);
        }
        assertEquals(128, colliding.size());
        assertEquals(1, colliding.stream().mapToInt(String::hashCode).distinct().count());
        final TxIdTable table = new TxIdTable(0);
        final List<Purchase> added = new ArrayList<>();
        for (final String txId : colliding)
        {
            final Purchase p = purchase(txId);
            assertNull(table.addIfAbsent(p));
            added.add(p);
        }
        for (int k = 0; k < colliding.size(); k++)
        {
            assertSame(added.get(k), table.get(colliding.get(k)));
        }
        assertNull(table.get("AaAaAaAaAaAaAB"));
        assertEquals(colliding.size(), table.size());
    }
}
