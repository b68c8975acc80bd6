package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.reply.ReplyText;
import dev.loyalty.engine.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The purchases in creation order (in pages) and by txId, past a page and through snapshots. */
class PurchaseIndexTest
{
    /** More than two of the index's pages of purchases. */
    private static final int MANY = 40_000;

    @TempDir
    Path dir;

    private static Purchase purchase(final String txId)
    {
        return new Purchase(txId, new Commands.Authorize(null, null), null, null, null, 0, 0, List.of(), List.of());
    }

    @Test
    void keepsCreationOrderAndFindsByTxIdAcrossPages()
    {
        final PurchaseIndex index = new PurchaseIndex(16);
        final Purchase[] added = new Purchase[MANY];
        for (int i = 0; i < MANY; i++)
        {
            added[i] = purchase("p-" + i);
            index.add(added[i]);
        }
        assertEquals(MANY, index.size());
        final List<Purchase> values = index.values();
        assertEquals(MANY, values.size());
        for (int i = 0; i < MANY; i++)
        {
            assertSame(added[i], values.get(i), "place " + i);
            assertSame(added[i], index.get("p-" + i));
            assertSame(added[i], index.decoded(i));
        }
        assertNull(index.get("p-" + MANY));
        assertThrows(IndexOutOfBoundsException.class, () -> values.get(MANY));
        assertThrows(IllegalStateException.class, () -> index.add(purchase("p-7")), "a txId is one purchase's");
    }

    @Test
    void aSnapshotOfPurchasesOverSeveralPagesLoadsAndAnswersTheSame()
    {
        final Harness h = new Harness();
        h.program(2, 30, 86_400);
        final String member = h.member("771");
        h.give(member, 1_000_000);
        final int count = 20_000;
        for (int i = 0; i < count; i++)
        {
            h.oneShot("s-" + i, member, i % 3, 1_000 + i);
        }
        final Path file = dir.resolve("s.bin");
        SnapshotFile.write(file, 1, h.logic.engineTimeMillis(), h.logic::writeSnapshot);
        final BusinessLogic loaded = SnapshotFile.read(file, in -> BusinessLogic.readSnapshot(in, new ApiKeys(), 5));
        assertEquals(count, loaded.purchases().undecodedCount());
        // purchases on the first, a middle and the last page, found by txId and decoded one at a time
        for (final int i : new int[] {0, 16_383, 16_384, 16_385, count - 1})
        {
            final Commands.GetPurchase get = new Commands.GetPurchase(null, "s-" + i);
            assertEquals(ReplyText.of(h.logic.apply(get, h.stamp)), ReplyText.of(loaded.apply(get, h.stamp)), "s-" + i);
        }
        assertEquals(count - 5, loaded.purchases().undecodedCount());
        // then another purchase after them all, and the whole state compared
        final Commands.OneShot next = new Commands.OneShot(null, Harness.cheque("s-" + count, "web", member, 0, 5_000));
        assertEquals(ReplyText.of(h.logic.apply(next, h.stamp)), ReplyText.of(loaded.apply(next, h.stamp)));
        assertEquals(h.logic.stateDigest(), loaded.stateDigest());
    }
}
