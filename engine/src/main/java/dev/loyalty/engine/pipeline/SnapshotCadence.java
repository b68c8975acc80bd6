package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.journal.Journal;
import dev.loyalty.engine.journal.JournalRetention;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.snapshot.SnapshotFile;
import dev.loyalty.engine.snapshot.SnapshotStore;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's rules for periodic snapshots, in one place: when one is due ({@link EngineContext#snapshotEveryRecords}
 * records or {@link EngineContext#snapshotEveryMillis} ms since the last, with records since), how it is named and
 * written ({@link SnapshotStore#fileFor}, {@link SnapshotFile#write}), and what is kept after it (the newest
 * {@link EngineContext#snapshotsKept}, and with {@link JournalRetention#DELETE_COVERED} the journal's cycle files
 * the oldest kept one covers). The {@link SnapshotFollower} applies them on its own copy of the state with the
 * wall clock; a tool that lays out a data directory as a running engine would (the restart benchmark) applies
 * the same rules with engine time.
 */
public final class SnapshotCadence
{
    private final EngineContext ctx;
    private final SnapshotStore store;
    private final Journal journal;

    /** The cadence and retention of {@code ctx}, writing to {@code store}, deleting covered cycles of {@code journal}. */
    public SnapshotCadence(final EngineContext ctx, final SnapshotStore store, final Journal journal)
    {
        this.ctx = ctx;
        this.store = store;
        this.journal = journal;
    }

    /** True when a snapshot is due: records came since the last, and enough of them or enough time. */
    public boolean due(final long recordsSinceLast, final long millisSinceLast)
    {
        if (recordsSinceLast <= 0)
        {
            return false;
        }
        return (ctx.snapshotEveryRecords() > 0 && recordsSinceLast >= ctx.snapshotEveryRecords()) ||
            (ctx.snapshotEveryMillis() > 0 && millisSinceLast >= ctx.snapshotEveryMillis());
    }

    /** {@link #due} with the time since the last snapshot in nanoseconds. */
    boolean dueNanos(final long recordsSinceLast, final long nanosSinceLast)
    {
        return due(recordsSinceLast, TimeUnit.NANOSECONDS.toMillis(nanosSinceLast));
    }

    /**
     * At most the records left before a snapshot by count is due, capped at {@code limit}: a reader that applies
     * this many records before asking {@link #due} again stops exactly at every N records.
     */
    public int recordsUntilDue(final long recordsSinceLast, final int limit)
    {
        final long everyRecords = ctx.snapshotEveryRecords();
        if (everyRecords <= 0)
        {
            return limit;
        }
        return (int)Math.max(1, Math.min(limit, everyRecords - recordsSinceLast));
    }

    /**
     * Writes a snapshot of {@code logic}, whose state is exactly the journal up to {@code sequence}, then keeps the
     * newest snapshots and deletes covered cycle files as configured.
     *
     * @throws java.io.UncheckedIOException when it could not be written (nothing was deleted then).
     */
    public SnapshotResult write(final BusinessLogic logic, final long sequence)
    {
        return write(logic, sequence, 0);
    }

    /**
     * {@link #write(BusinessLogic, long)} at most {@code bytesPerSecond} (0: unpaced): the snapshot follower
     * writes at {@link EngineContext#snapshotWriteBytesPerSecond}, beside the live pipeline.
     */
    SnapshotResult write(final BusinessLogic logic, final long sequence, final long bytesPerSecond)
    {
        final Path file = store.fileFor(sequence);
        final long startNs = System.nanoTime();
        final SnapshotFile.Header header =
            SnapshotFile.write(file, sequence, logic.engineTimeMillis(), bytesPerSecond, logic::writeSnapshot);
        final SnapshotResult result = new SnapshotResult(file, sequence, SnapshotFile.HEADER_LENGTH +
            header.bodyLength(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs), true);
        retain();
        return result;
    }

    private void retain()
    {
        store.keepNewest(ctx.snapshotsKept());
        if (ctx.journalRetention() == JournalRetention.DELETE_COVERED)
        {
            final List<Path> kept = store.newestFirst();
            final long oldest = SnapshotStore.sequenceOf(kept.get(kept.size() - 1));
            journal.deleteCyclesCoveredBy(oldest);
        }
    }
}
