package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeptCommandsTest
{
    private final KeptCommands kept = new KeptCommands();
    private final Store store = new Store("s1", "main", Channel.POS, Map.of());

    /** A request as a decoder makes it: every string a copy of its own. */
    private static PurchaseRequest decoded(final String txId)
    {
        return new PurchaseRequest(txId, new String("s1"), MemberRef.byIdentifier(IdentifierType.CARD, new String("777")),
            null, new String("CARD"), List.of(new Line(new String("SKU-1"), new String("coffee"), 2, 250),
            new Line(new String("SKU-2"), null, 1, 900)), 10, false, List.of());
    }

    @Test
    void shouldKeepAnEqualCommandWhoseLinesAndStringsAreSharedBetweenPurchases()
    {
        final PurchaseRequest first = decoded("tx-1");
        final PurchaseRequest second = decoded("tx-2");
        final Commands.Authorize a = new Commands.Authorize(new String("main"), first);
        final Commands.OneShot b = new Commands.OneShot(new String("main"), second);

        final Command keptA = kept.keep(a, first, store, null);
        final Command keptB = kept.keep(b, second, store, null);

        assertEquals(a, keptA);
        assertTrue(keptA.sameBody(new Commands.Authorize("main", decoded("tx-1"))));
        assertEquals(b, keptB);
        final PurchaseRequest ra = ((Commands.Authorize)keptA).request();
        final PurchaseRequest rb = ((Commands.OneShot)keptB).request();
        assertSame(store.storeId(), ra.storeId());
        assertSame(ra.lines().get(0), rb.lines().get(0));
        assertSame(ra.lines().get(1), rb.lines().get(1));
        assertSame(ra.payment(), rb.payment());
        assertSame(((Commands.Authorize)keptA).scopePartnerId(), ((Commands.OneShot)keptB).scopePartnerId());
        assertSame(first.txId(), ra.txId());
    }

    @Test
    void shouldKeepTheSameCommandEveryTimeItsLinesAreTheSameObjects()
    {
        // As a till's catalogue or the benchmark's prebuilt commands give them: the first becomes the shared one.
        final List<Line> catalogue = List.of(new Line("SKU-1", "coffee", 2, 250), new Line("SKU-9", null, 1, 900));
        for (int i = 0; i < 3; i++)
        {
            final PurchaseRequest r = new PurchaseRequest("tx-" + i, store.storeId(), null, null, "CARD", catalogue,
                0, false, List.of());
            final Commands.OneShot c = new Commands.OneShot(null, r);
            assertSame(c, kept.keep(c, r, store, null));
        }
    }

    @Test
    void shouldKeepACommandWhosePartsAreAlreadySharedAsItIs()
    {
        final PurchaseRequest first = decoded("tx-1");
        final Command keptFirst = kept.keep(new Commands.OneShot(null, first), first, store, null);
        final PurchaseRequest shared = ((Commands.OneShot)keptFirst).request();
        final PurchaseRequest again = new PurchaseRequest("tx-2", shared.storeId(), shared.member(), null,
            shared.payment(), shared.lines(), 10, false, List.of());
        final Commands.OneShot c = new Commands.OneShot(null, again);
        assertSame(c, kept.keep(c, again, store, null));
        assertNotSame(first, shared);
    }

    @Test
    void shouldShareTheSkuAndCategoryOfALineBeyondTheBoundOfSharedLines()
    {
        final KeptCommands bounded = new KeptCommands(1, 16);
        final PurchaseRequest first = decoded("tx-1");
        final Command keptFirst = bounded.keep(new Commands.OneShot(null, first), first, store, null);
        // The same skus in other quantities: new lines, the table of lines full after the first.
        final PurchaseRequest other = new PurchaseRequest("tx-2", new String("s1"), null, null, new String("CARD"),
            List.of(new Line(new String("SKU-1"), new String("coffee"), 3, 250),
            new Line(new String("SKU-2"), null, 4, 900)), 10, false, List.of());
        final Command keptOther = bounded.keep(new Commands.OneShot(null, other), other, store, null);

        assertEquals(new Commands.OneShot(null, other), keptOther);
        final List<Line> a = KeptCommands.lines(keptFirst);
        final List<Line> b = KeptCommands.lines(keptOther);
        assertNotSame(a.get(0), b.get(0));
        assertSame(a.get(0).sku(), b.get(0).sku());
        assertSame(a.get(0).category(), b.get(0).category());
        assertSame(a.get(1).sku(), b.get(1).sku());
        // Only the first line went into the table: the second purchase's second line is a line of its own.
        final Command again = bounded.keep(new Commands.OneShot(null, decoded("tx-3")), decoded("tx-3"), store, null);
        assertSame(a.get(0), KeptCommands.lines(again).get(0));
        assertNotSame(a.get(1), KeptCommands.lines(again).get(1));
        assertEquals(a.get(1), KeptCommands.lines(again).get(1));
    }

    @Test
    void shouldTellApartLinesThatDifferOnlyInQuantityPriceOrCategory()
    {
        final Line line = new Line("SKU-1", "coffee", 2, 250);
        assertNotEquals(KeptCommands.fingerprint(line), KeptCommands.fingerprint(new Line("SKU-1", "coffee", 3, 250)));
        assertNotEquals(KeptCommands.fingerprint(line), KeptCommands.fingerprint(new Line("SKU-1", "coffee", 2, 251)));
        assertNotEquals(KeptCommands.fingerprint(line), KeptCommands.fingerprint(new Line("SKU-1", null, 2, 250)));
        assertEquals(KeptCommands.fingerprint(line),
            KeptCommands.fingerprint(new Line(new String("SKU-1"), new String("coffee"), 2, 250)));

        // Equal lines are one object; a line of a quantity or price of its own is kept as given, never as another.
        final PurchaseRequest first = decoded("tx-1");
        final Command keptFirst = kept.keep(new Commands.OneShot(null, first), first, store, null);
        final PurchaseRequest other = new PurchaseRequest("tx-2", "s1", null, null, "CARD",
            List.of(new Line("SKU-1", "coffee", 2, 251), new Line("SKU-2", null, 1, 900)), 10, false, List.of());
        final List<Line> keptOther = KeptCommands.lines(kept.keep(new Commands.OneShot(null, other), other, store, null));
        assertEquals(other.lines(), keptOther);
        assertNotSame(KeptCommands.lines(keptFirst).get(0), keptOther.get(0));
        assertSame(KeptCommands.lines(keptFirst).get(1), keptOther.get(1));
    }

    @Test
    void shouldKeepALineWhoseFingerprintIsAnotherLinesAsItIs()
    {
        // "Aa" and "BB" have one String hash, so these two lines have one fingerprint.
        final Line aa = new Line("Aa", null, 1, 100);
        final Line bb = new Line("BB", null, 1, 100);
        assertEquals(KeptCommands.fingerprint(aa), KeptCommands.fingerprint(bb));
        final PurchaseRequest first = new PurchaseRequest("tx-1", "s1", null, null, "CARD", List.of(aa), 0, false,
            List.of());
        final PurchaseRequest second = new PurchaseRequest("tx-2", "s1", null, null, "CARD", List.of(bb), 0, false,
            List.of());
        kept.keep(new Commands.OneShot(null, first), first, store, null);
        final Command keptSecond = kept.keep(new Commands.OneShot(null, second), second, store, null);
        assertEquals(new Commands.OneShot(null, second), keptSecond);
        assertEquals("BB", KeptCommands.lines(keptSecond).get(0).sku());
    }

    @Test
    void shouldRefuseALedgerEntryWhosePointsAndMovedDisagreeWithItsType()
    {
        assertThrows(IllegalArgumentException.class, () -> new LedgerEntry(1, LedgerType.HOLD, 5, 5, "t", 0, null));
        assertThrows(IllegalArgumentException.class, () -> new LedgerEntry(1, LedgerType.EARN, 5, 5, "t", 0, null));
        final LedgerEntry hold = new LedgerEntry(1, LedgerType.HOLD, 0, 7, "t", 0, null);
        final LedgerEntry earn = new LedgerEntry(2, LedgerType.EARN, -3, 0, "t", 0, null);
        assertEquals(0, hold.points());
        assertEquals(7, hold.moved());
        assertEquals(-3, earn.points());
        assertEquals(0, earn.moved());
    }
}
