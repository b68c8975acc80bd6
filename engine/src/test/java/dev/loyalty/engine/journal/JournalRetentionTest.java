package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.SnapshotResult;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.snapshot.SnapshotStore;
import dev.loyalty.engine.time.ManualClock;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal retention through the real engine and a real Chronicle Queue: a journal of several hourly cycle files
 * (written with Chronicle's clock set hours back, as an engine that ran for hours leaves it), then a snapshot.
 * With {@code DELETE_COVERED} every cycle file the snapshot wholly covers is deleted and the newest kept; the
 * engine restarts from the snapshot and the journal after it to the same state, and the journal still reads
 * and verifies from its new first record. With {@code KEEP_ALL} nothing is deleted.
 */
class JournalRetentionTest
{
    private static final long HOUR = TimeUnit.HOURS.toMillis(1);
    private static final int PER_CYCLE = 30;
    private static final int CYCLES = 4;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_796_000_000_000L);

    private EngineContext context(final JournalRetention retention)
    {
        return new EngineContext().dataDir(dir).clock(clock).snapshotEveryRecords(0).snapshotEveryMillis(0)
            .snapshotsKept(1).journalRetention(retention);
    }

    /** CYCLES hourly cycle files of members and adjustments, the newest an hour before the wall clock's hour. */
    private List<Path> writeHoursOfJournal()
    {
        final Path journalDir = dir.resolve("journal");
        final long now = System.currentTimeMillis();
        final SetTimeProvider time = new SetTimeProvider();
        time.currentTimeMillis(now - (CYCLES + 1) * HOUR);
        int member = 0;
        try (Journal journal = Journal.open(journalDir, Durability.ASYNC, Journal.ROLL_CYCLE, time))
        {
            for (int c = 0; c < CYCLES; c++)
            {
                time.currentTimeMillis(now - (CYCLES + 1 - c) * HOUR);
                for (int i = 0; i < PER_CYCLE / 2; i++, member++)
                {
                    journal.append(member(member), clock.currentTimeMillis());
                    journal.append(new Commands.AdjustPoints("a-" + member, "m_" + Long.toString(member + 1, 36),
                        100 + member, "welcome"), clock.currentTimeMillis());
                }
            }
        }
        final List<Path> files = CycleFiles.list(journalDir);
        assertEquals(CYCLES, files.size(), files.toString());
        return files;
    }

    private static Command member(final int i)
    {
        return new Commands.CreateMember("m-" + i, null, List.of(new Identifier(IdentifierType.CARD, "card-" + i)),
            null, null, Map.of());
    }

    private static Reply call(final LoyaltyEngine engine, final Command command) throws Exception
    {
        final CompletableFuture<Reply> reply = new CompletableFuture<>();
        while (!engine.tryPublish(command, (c, r) -> reply.complete(r)))
        {
            Thread.onSpinWait();
        }
        return reply.get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldDeleteTheCycleFilesTheSnapshotCoversAndRestartFromIt() throws Exception
    {
        final List<Path> old = writeHoursOfJournal();
        final String digest;
        final SnapshotResult snapshot;
        try (LoyaltyEngine engine = LoyaltyEngine.start(context(JournalRetention.DELETE_COVERED)))
        {
            assertEquals(CYCLES * PER_CYCLE, engine.recoveredRecords());
            assertEquals(201, call(engine, member(1_000)).httpStatus());
            snapshot = engine.takeSnapshot().get(30, TimeUnit.SECONDS);
            assertTrue(snapshot.written());
            assertEquals(CYCLES * PER_CYCLE + 1, snapshot.journalSequence());
            for (final Path file : old)
            {
                assertFalse(Files.exists(file), file + " is covered by the snapshot and should be deleted");
            }
            final List<Path> left = CycleFiles.list(dir.resolve("journal"));
            assertEquals(1, left.size(), "the newest cycle file is kept: " + left);
            assertEquals(200, call(engine, new Commands.AdjustPoints("late", "m_1", 7, "after the snapshot"))
                .httpStatus());
            engine.close();
            digest = engine.businessLogic().stateDigest();
        }

        final long[] range = Journal.sequenceRange(dir.resolve("journal"));
        assertEquals(CYCLES * PER_CYCLE + 1, range[0], "the journal now starts at the record after the old files");
        assertEquals(CYCLES * PER_CYCLE + 2, range[1]);

        try (LoyaltyEngine restarted = LoyaltyEngine.start(context(JournalRetention.DELETE_COVERED)))
        {
            assertNotNull(restarted.recoveredSnapshot());
            assertEquals(snapshot.file(), restarted.recoveredSnapshot());
            assertEquals(1, restarted.recoveredRecords(), "only the record after the snapshot is replayed");
            assertEquals(200, call(restarted, new Commands.GetMember(null, MemberRef.byId("m_1"))).httpStatus());
            restarted.close();
            assertEquals(digest, restarted.businessLogic().stateDigest());
        }
        assertEquals(1, new SnapshotStore(dir.resolve("snapshots")).newestFirst().size());
    }

    @Test
    void shouldKeepEveryCycleFileWithKeepAll() throws Exception
    {
        final List<Path> old = writeHoursOfJournal();
        try (LoyaltyEngine engine = LoyaltyEngine.start(context(JournalRetention.KEEP_ALL)))
        {
            assertEquals(201, call(engine, member(1_000)).httpStatus());
            assertTrue(engine.takeSnapshot().get(30, TimeUnit.SECONDS).written());
        }
        for (final Path file : old)
        {
            assertTrue(Files.exists(file), file + " is kept with KEEP_ALL");
        }
        assertEquals(CYCLES + 1, CycleFiles.list(dir.resolve("journal")).size());
    }
}
