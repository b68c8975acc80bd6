package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.snapshot.SnapshotFile;
import dev.loyalty.engine.snapshot.SnapshotStore;
import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.loyalty.engine.pipeline.PipelineTest.call;
import static dev.loyalty.engine.pipeline.PipelineTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery from the newest usable snapshot and the journal after it, through the real engine: snapshots written
 * by the follower (periodically and on request), bad ones skipped with a warning, the same digest and answers as
 * a full replay.
 */
class SnapshotRecoveryTest
{
    private static final long START = 1_796_000_000_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(START);
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private EngineContext context()
    {
        return new EngineContext().dataDir(dir).clock(clock).tickIntervalMillis(5).snapshotEveryMillis(0)
            .snapshotEveryRecords(0).onWarning(warnings::add);
    }

    private static Command member(final int i)
    {
        return new Commands.CreateMember("m-" + i, null, List.of(new Identifier(IdentifierType.CARD, "card-" + i)),
            null, null, Map.of("segment", "s" + (i % 3)));
    }

    private static Command purchase(final String txId, final int member)
    {
        return new Commands.OneShot(null, new PurchaseRequest(txId, "web", MemberRef.byIdentifier(
            IdentifierType.CARD, "card-" + member), null, "CARD", List.of(new Line("SKU-1", "coffee", 1, 25_000)), 0,
            false, List.of()));
    }

    /** Members, points, purchases, holds: a state with every part of a member and a purchase in it. */
    private static void traffic(final LoyaltyEngine engine, final int from, final int to) throws Exception
    {
        for (int i = from; i < to; i++)
        {
            call(engine, member(i));
            call(engine, new Commands.AdjustPoints("a-" + i, "m_" + Long.toString(i + 1, 36), 100 + i, "welcome"));
            call(engine, purchase("tx-" + i, i));
            if (i % 5 == 0)
            {
                call(engine, new Commands.Authorize(null, new PurchaseRequest("hold-" + i, "web",
                    MemberRef.byIdentifier(IdentifierType.CARD, "card-" + i), null, "CARD",
                    List.of(new Line("SKU-2", null, 1, 10_000)), 10, false, List.of())));
            }
        }
    }

    @Test
    void shouldRestartFromTheNewestSnapshotAndOnlyTheJournalAfterIt() throws Exception
    {
        final String digest;
        final String answer;
        final SnapshotResult snapshot;
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            traffic(engine, 0, 40);
            snapshot = engine.takeSnapshot().get(30, TimeUnit.SECONDS);
            assertTrue(snapshot.written());
            assertEquals(engine.journalSequence(), snapshot.journalSequence());
            final SnapshotResult again = engine.takeSnapshot().get(30, TimeUnit.SECONDS);
            assertEquals(snapshot.file(), again.file(), "nothing new: the same snapshot");
            assertTrue(!again.written(), "written again at " + again.journalSequence() + " after " +
                snapshot.journalSequence() + ", journal at " + engine.journalSequence());
            traffic(engine, 40, 50);
            answer = render(call(engine, new Commands.GetPurchase(null, "hold-45")));
            engine.close();
            digest = engine.businessLogic().stateDigest();
        }
        assertEquals(snapshot.journalSequence(), SnapshotFile.verify(snapshot.file()).journalSequence());

        try (LoyaltyEngine restarted = LoyaltyEngine.start(context()))
        {
            assertEquals(snapshot.file(), restarted.recoveredSnapshot());
            assertEquals(snapshot.journalSequence(), restarted.recoveredSnapshotSequence());
            assertEquals(10 * 3 + 2, restarted.recoveredRecords(), "only the journal after the snapshot is replayed");
            assertEquals(answer, render(call(restarted, new Commands.GetPurchase(null, "hold-45"))));
            assertEquals(409, call(restarted, new Commands.CreateMember("m-3", null,
                List.of(new Identifier(IdentifierType.CARD, "another")), null, null, Map.of())).httpStatus(),
                "a key the snapshot kept still refuses another body");
            restarted.close();
            assertEquals(digest, restarted.businessLogic().stateDigest());
            assertEquals(List.of(), restarted.businessLogic().checkInvariants());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void shouldWriteASnapshotEveryNRecordsAndKeepTheNewest() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().snapshotEveryRecords(20).snapshotsKept(2)))
        {
            traffic(engine, 0, 30);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((engine.lastSnapshot() == null ||
                engine.journalSequence() - engine.lastSnapshot().journalSequence() >= 20) && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertTrue(engine.journalSequence() - engine.lastSnapshot().journalSequence() < 20);
            assertTrue(engine.snapshotsWritten() >= 2, "snapshots written: " + engine.snapshotsWritten());
            assertNull(engine.snapshotFollowerFailure());
        }
        final List<Path> kept = new SnapshotStore(dir.resolve("snapshots")).newestFirst();
        assertEquals(2, kept.size(), kept.toString());
        for (final Path file : kept)
        {
            SnapshotFile.verify(file);
        }
    }

    @Test
    void shouldSkipASnapshotWithABadChecksumWithAWarningAndUseTheOneBefore() throws Exception
    {
        final TwoSnapshots two = twoSnapshotsAndTraffic();
        final String digest = two.digest();
        final SnapshotResult older = two.older();
        final SnapshotResult newer = two.newer();
        flipByte(newer.file(), Files.size(newer.file()) - 10);

        try (LoyaltyEngine restarted = LoyaltyEngine.start(context()))
        {
            assertEquals(older.file(), restarted.recoveredSnapshot());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(newer.file().toString()) &&
                warnings.get(0).contains("checksum mismatch") && warnings.get(0).contains("skipped"), warnings.get(0));
            restarted.close();
            assertEquals(digest, restarted.businessLogic().stateDigest());
        }

        flipByte(older.file(), 20);
        warnings.clear();
        try (LoyaltyEngine again = LoyaltyEngine.start(context().snapshots(false)))
        {
            assertNull(again.recoveredSnapshot());
            assertEquals(2, warnings.size(), warnings.toString());
            assertEquals(25 * 3 + 5, again.recoveredRecords(), "no usable snapshot: the whole journal");
            again.close();
            assertEquals(digest, again.businessLogic().stateDigest());
        }
    }

    @Test
    void shouldSkipASnapshotOfAnOlderFormatWithAClearWarningAndFallBackToAnOlderOneOrTheWholeJournal() throws Exception
    {
        final TwoSnapshots two = twoSnapshotsAndTraffic();
        final String digest = two.digest();
        final SnapshotResult older = two.older();
        final SnapshotResult newer = two.newer();
        rewriteVersion(newer.file(), SnapshotFile.FORMAT_VERSION - 1);

        try (LoyaltyEngine restarted = LoyaltyEngine.start(context().snapshots(false)))
        {
            assertEquals(older.file(), restarted.recoveredSnapshot());
            assertEquals(List.of("snapshot " + newer.file() + " has format version " +
                (SnapshotFile.FORMAT_VERSION - 1) + ", written by an older engine; this engine reads version " +
                SnapshotFile.FORMAT_VERSION + " only: skipped"), warnings);
            assertEquals(15 * 3 + 3, restarted.recoveredRecords(), "the journal after the older snapshot");
            restarted.close();
            assertEquals(digest, restarted.businessLogic().stateDigest());
        }

        rewriteVersion(older.file(), SnapshotFile.FORMAT_VERSION - 1);
        warnings.clear();
        try (LoyaltyEngine again = LoyaltyEngine.start(context().snapshots(false)))
        {
            assertNull(again.recoveredSnapshot());
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.stream().allMatch(w -> w.contains("written by an older engine") &&
                w.endsWith("skipped")), warnings.toString());
            assertEquals(25 * 3 + 5, again.recoveredRecords(), "no usable snapshot: the whole journal");
            again.close();
            assertEquals(digest, again.businessLogic().stateDigest());
            assertEquals(List.of(), again.businessLogic().checkInvariants());
        }
    }

    /** What {@link #twoSnapshotsAndTraffic} leaves: the two snapshots and the digest after all the traffic. */
    private record TwoSnapshots(SnapshotResult older, SnapshotResult newer, String digest)
    {
    }

    /** Traffic, a snapshot, more traffic, a second snapshot, more traffic; then the engine is closed. */
    private TwoSnapshots twoSnapshotsAndTraffic() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().snapshotsKept(5)))
        {
            traffic(engine, 0, 10);
            final SnapshotResult older = engine.takeSnapshot().get(30, TimeUnit.SECONDS);
            traffic(engine, 10, 20);
            final SnapshotResult newer = engine.takeSnapshot().get(30, TimeUnit.SECONDS);
            traffic(engine, 20, 25);
            engine.close();
            return new TwoSnapshots(older, newer, engine.businessLogic().stateDigest());
        }
    }

    /** Rewrites a snapshot's format version and its header checksum, as an engine of that version wrote it. */
    private static void rewriteVersion(final Path file, final int version) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final byte[] header = new byte[SnapshotFile.HEADER_LENGTH];
            raf.readFully(header);
            final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(8, version);
            final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(header, 0, 60);
            b.putInt(60, (int)crc.getValue());
            raf.seek(0);
            raf.write(header);
        }
    }

    @Test
    void shouldSkipASnapshotThatCoversRecordsTheJournalDoesNotHave() throws Exception
    {
        final Path other = dir.resolve("other");
        final SnapshotResult ahead;
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().dataDir(other)))
        {
            traffic(engine, 0, 10);
            ahead = engine.takeSnapshot().get(30, TimeUnit.SECONDS);
        }
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            traffic(engine, 0, 3);
        }
        Files.createDirectories(dir.resolve("snapshots"));
        Files.copy(ahead.file(), dir.resolve("snapshots").resolve(ahead.file().getFileName()));

        try (LoyaltyEngine restarted = LoyaltyEngine.start(context()))
        {
            assertNull(restarted.recoveredSnapshot());
            assertEquals(3 * 3 + 1, restarted.recoveredRecords());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("journal ends at sequence 10") &&
                w.contains("skipped")), warnings.toString());
        }
    }

    @Test
    void shouldWriteSnapshotsAtTheConfiguredPace() throws Exception
    {
        assertEquals(32L << 20, new EngineContext().snapshotWriteBytesPerSecond());
        assertThrows(IllegalArgumentException.class,
            () -> LoyaltyEngine.start(context().snapshotWriteBytesPerSecond(-1)));
        final long budget = 64L << 10;
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().snapshotWriteBytesPerSecond(budget)))
        {
            traffic(engine, 0, 300);
            final SnapshotResult snapshot = engine.takeSnapshot().get(60, TimeUnit.SECONDS);
            assertTrue(snapshot.written());
            // all but the last two 64 KB slices are written at most at the budget
            final long pacedBytes = snapshot.bytes() - 2 * (64 << 10);
            assertTrue(pacedBytes > 0, "a snapshot of several slices: " + snapshot.bytes() + " bytes");
            assertTrue(snapshot.writeMillis() >= pacedBytes * 1000 / budget, snapshot.bytes() + " bytes at " +
                budget + " B/s in " + snapshot.writeMillis() + " ms");
            SnapshotFile.verify(snapshot.file());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void shouldNotWriteASnapshotBeyondWhatSyncDurabilityForced() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().durability(Durability.SYNC)))
        {
            traffic(engine, 0, 5);
            final SnapshotResult snapshot = engine.takeSnapshot().get(30, TimeUnit.SECONDS);
            assertTrue(engine.journalSyncCount() > 0);
            assertEquals(engine.journalSequence(), snapshot.journalSequence());
        }
    }

    @Test
    void shouldRefuseOnDemandSnapshotsWhenTheyAreOff() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().snapshots(false)))
        {
            final ExecutionException ex =
                assertThrows(ExecutionException.class, () -> engine.takeSnapshot().get(5, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, ex.getCause());
            assertTrue(ex.getCause().getMessage().contains("snapshots are off"));
            assertNotNull(engine);
        }
    }

    private static void flipByte(final Path file, final long offset) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x40);
        }
    }
}
