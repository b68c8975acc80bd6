package dev.loyalty.engine.rank;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankedSetTest
{
    @Test
    void shouldRankTiesTogetherAndSkipTheNextRank()
    {
        final RankedSet set = new RankedSet();
        set.set(3, 500);
        set.set(1, 700);
        set.set(2, 700);
        set.set(4, 100);

        assertEquals(1, set.rank(1));
        assertEquals(1, set.rank(2));
        assertEquals(3, set.rank(3));
        assertEquals(4, set.rank(4));
        assertEquals(0, set.rank(5));
        assertEquals(List.of(1, 2, 3, 4), List.of(set.idAt(0), set.idAt(1), set.idAt(2), set.idAt(3)));
        assertEquals(0, set.idAt(4));
    }

    @Test
    void shouldTakeAnEntryOutWhenItsValueDropsToZero()
    {
        final RankedSet set = new RankedSet();
        set.add(7, 30);
        set.add(8, 20);
        set.add(7, -30);

        assertEquals(1, set.size());
        assertEquals(0, set.value(7));
        assertEquals(1, set.rank(8));
        set.clear();
        assertEquals(0, set.size());
        assertEquals(0, set.rank(8));
    }

    @Test
    void shouldRefuseIdsOutsideItsRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new RankedSet().set(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RankedSet().set(-3, 1));
        assertEquals(0, new RankedSet().value(Integer.MAX_VALUE));
    }

    @Test
    void shouldAgreeWithASortedListThroughRandomChanges()
    {
        final Random r = new Random(5);
        final RankedSet set = new RankedSet(4);
        final long[] truth = new long[3_001];
        for (int step = 0; step < 60_000; step++)
        {
            final int id = 1 + r.nextInt(3_000);
            final long value = r.nextInt(10) == 0 ? 0 : r.nextInt(200);
            set.set(id, value);
            truth[id] = Math.max(0, value);
            if (step % 5_000 == 0)
            {
                check(set, truth);
            }
        }
        check(set, truth);
    }

    @Test
    void shouldCostMemoryForItsEntriesNotForTheLargestId()
    {
        final RankedSet set = new RankedSet(2);
        set.set(2_000_000_000, 5);
        set.set(Integer.MAX_VALUE, 5);
        set.set(7, 9);

        assertEquals(List.of(7, 2_000_000_000, Integer.MAX_VALUE), List.of(set.idAt(0), set.idAt(1), set.idAt(2)));
        assertEquals(2, set.rank(Integer.MAX_VALUE));
        set.set(7, 0);
        set.set(8, 1);
        assertEquals(3, set.rank(8));
        assertTrue(set.depth(8) > 0);
    }

    @Test
    void shouldStayShallowWhateverTheOrderEntriesComeIn()
    {
        final RankedSet set = new RankedSet();
        for (int id = 1; id <= 100_000; id++)
        {
            set.set(id, id);
        }
        long depths = 0;
        int deepest = 0;
        for (int id = 1; id <= 100_000; id++)
        {
            depths += set.depth(id);
            deepest = Math.max(deepest, set.depth(id));
        }
        assertTrue(depths / 100_000 < 30, "average depth " + depths / 100_000);
        assertTrue(deepest < 60, "deepest " + deepest);
        assertEquals(0, set.depth(100_001));
    }

    private static void check(final RankedSet set, final long[] truth)
    {
        final TreeMap<Long, List<Integer>> byValue = new TreeMap<>((a, b) -> Long.compare(b, a));
        for (int id = 1; id < truth.length; id++)
        {
            if (truth[id] > 0)
            {
                byValue.computeIfAbsent(truth[id], v -> new ArrayList<>()).add(id);
            }
        }
        int position = 0;
        int above = 0;
        for (final var e : byValue.entrySet())
        {
            for (final int id : e.getValue())
            {
                assertEquals(id, set.idAt(position++));
                assertEquals(above + 1, set.rank(id));
                assertEquals(e.getKey(), set.value(id));
            }
            above += e.getValue().size();
        }
        assertEquals(position, set.size());
    }
}
