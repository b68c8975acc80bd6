package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyText;
import dev.loyalty.engine.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Purchases of a loaded snapshot stay in its file until asked for ({@link PurchaseIndex}, {@link SnapshotPurchases}),
 * and so does the due work that names them or undecoded members ({@link PendingLinks}). Against a logic that was
 * never snapshotted, fed the same commands: a purchase decoded after its member spent, earned and dropped lots
 * finds its hold's lots as they were (void and capture answer the same); hold timeouts, activations and expiries
 * of undecoded purchases and members come due and answer the same; unknown txIds decode nothing; a snapshot
 * written meanwhile copies the undecoded purchases and loads to the same state; the digests end equal.
 */
class LazyPurchasesTest
{
    private static final int MEMBERS = 240;

    @TempDir
    Path dir;

    private final Harness h = new Harness();
    private BusinessLogic lazy;
    private int compared;

    private BusinessLogic loaded(final BusinessLogic from, final String name)
    {
        final Path file = dir.resolve(name);
        SnapshotFile.write(file, 1, from.engineTimeMillis(), from::writeSnapshot);
        return SnapshotFile.read(file, in -> BusinessLogic.readSnapshot(in, new ApiKeys(), 5));
    }

    /** The command to both, the answers compared byte for byte. */
    private Reply both(final Command c)
    {
        final Reply expected = h.logic.apply(c, h.stamp);
        final String expectedText = ReplyText.of(expected);
        final Reply actual = lazy.apply(c, h.stamp);
        assertEquals(expectedText, ReplyText.of(actual), c.toString());
        compared++;
        return actual;
    }

    private static String tx(final int i)
    {
        return "tx-" + i;
    }

    private static int decodedPurchases(final BusinessLogic logic)
    {
        return logic.purchases().size() - logic.purchases().undecodedCount();
    }

    private static int decodedMembers(final BusinessLogic logic)
    {
        return logic.members().size() - logic.members().undecodedCount();
    }

    @Test
    void shouldDecodePurchasesAndTheirDueWorkOnlyWhenNeededAndAnswerAsIfNeverSnapshotted()
    {
        h.program(2, 30, 86_400);
        final List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            final String m = h.member("66" + i);
            members.add(m);
            if (i % 4 == 0)
            {
                // an earned lot, pending, older than the one the authorization below holds points of
                h.oneShot("earn-" + i, m, 0, 90_000);
            }
            h.give(m, 300);
        }
        // before the snapshot: open holds (i % 4 == 0), captured (1: an earned lot pending activation), one-shots
        // paid partly with points (2), captured and partly refunded (3)
        for (int i = 0; i < MEMBERS; i++)
        {
            final String m = members.get(i);
            switch (i % 4)
            {
                case 0 -> h.authorize(tx(i), m, 120, 40_000, 9_000);
                case 1 ->
                {
                    h.authorize(tx(i), m, 50, 30_000);
                    h.capture(tx(i));
                }
                case 2 -> h.oneShot(tx(i), m, 80, 40_000, 9_000);
                default ->
                {
                    h.oneShot(tx(i), m, 0, 50_000, 7_000);
                    h.refundAmount(tx(i), "rf-" + i, 7_000);
                }
            }
        }
        h.advance(60_000);
        lazy = loaded(h.logic, "a.bin");
        assertEquals(h.logic.purchases().size(), lazy.purchases().undecodedCount(), "the load decodes no purchase");
        assertEquals(0, decodedMembers(lazy), "nor any member for the purchases or the due work");

        for (int i = 0; i < 50; i++)
        {
            assertEquals(ErrorCode.PURCHASE_NOT_FOUND, both(new Commands.Capture(null, "no-such-" + i)).errorCode());
        }
        assertEquals(0, decodedPurchases(lazy), "unknown txIds decode nothing");
        assertEquals(ErrorCode.IDEMPOTENCY_CONFLICT,
            both(h.authorizeCmd(tx(1), members.get(1), 0, 10)).errorCode(), "a txId in the file is taken");
        assertEquals(1, decodedPurchases(lazy));

        // the earned lots activate (due work of undecoded members), then members spend them, which drops those
        // lots and moves the held lot up their lists, before their open authorization is decoded and closed
        h.advance(3 * Harness.HOUR);
        both(new Commands.Tick());
        final long firstLotBefore = h.logic.members().get(members.get(4)).lots.get(0).lotId;
        for (int i = 0; i < MEMBERS; i += 4)
        {
            final String m = members.get(i);
            both(new Commands.OneShot(null, Harness.cheque("spend-" + i, "web", m, 150, 60_000)));
            if (i % 12 == 0)
            {
                continue; // left for its hold timeout
            }
            assertNull(both(i % 8 == 0 ? new Commands.VoidPurchase(null, tx(i)) : new Commands.Capture(null, tx(i)))
                .errorCode());
        }
        assertTrue(h.logic.members().get(members.get(4)).lots.get(0).lotId != firstLotBefore,
            "the spent lot was dropped, the held one moved up");
        // refunds and lookups of purchases still in the file
        for (int i = 3; i < MEMBERS; i += 8)
        {
            both(new Commands.Refund(null, tx(i), "rf2-" + i, List.of(), 20_000));
            both(new Commands.GetPurchase(null, tx(i + 4)));
        }
        final int decodedBefore = decodedPurchases(lazy);
        assertTrue(decodedBefore < MEMBERS, decodedBefore + " decoded");

        // a snapshot of the lazy logic copies what is still undecoded; go on from it
        final int undecodedAtWrite = lazy.purchases().undecodedCount();
        lazy = loaded(lazy, "b.bin");
        assertEquals(h.logic.purchases().size(), lazy.purchases().undecodedCount());
        assertTrue(undecodedAtWrite > MEMBERS / 3, undecodedAtWrite + " copied undecoded");

        // time: the left holds' timeouts, activations of undecoded members' lots, expiries a month on
        for (int hour = 0; hour < 25; hour += 3)
        {
            h.advance(3 * Harness.HOUR);
            both(new Commands.Tick());
        }
        for (int i = 0; i < MEMBERS; i += 12)
        {
            assertEquals("EXPIRED", TreeWriter.render(both(new Commands.GetPurchase(null, tx(i)))).get("status"));
        }
        h.advance(31 * Harness.DAY);
        both(new Commands.Tick());
        for (int i = 0; i < MEMBERS; i += 5)
        {
            both(new Commands.GetMember(null, dev.loyalty.engine.command.MemberRef.byId(members.get(i))));
            both(new Commands.Refund(null, tx(i), "rf3-" + i, List.of(), 1_000));
        }
        assertTrue(compared > 300, compared + " answers compared");
        assertEquals(h.logic.stateDigest(), lazy.stateDigest());
        assertEquals(List.of(), lazy.checkInvariants());
        assertEquals(0, lazy.purchases().undecodedCount(), "the digest decoded every purchase");
    }
}
