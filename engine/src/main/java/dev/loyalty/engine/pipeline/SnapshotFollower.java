package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.journal.Journal;
import dev.loyalty.engine.journal.JournalListener;
import dev.loyalty.engine.journal.JournalTailer;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.snapshot.SnapshotFile;
import dev.loyalty.engine.snapshot.SnapshotStore;
import org.agrona.concurrent.Agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The replaying follower that takes snapshots without stopping the live pipeline: a second
 * {@link BusinessLogic} on its own thread, fed by its own Chronicle tailer of the journal, whose state is written
 * to a snapshot while the live business logic carries on. Only the follower's thread touches its state, so a
 * snapshot of it is consistent at exactly the journal sequence it has applied.
 * <pre>
 *   journal ──own tailer──► follower's BusinessLogic ──every N records or T ms, or on request──► snapshot file
 *                                                       (only once the journal is durable up to it)
 * </pre>
 * It starts from the snapshot recovery used (loading it again on its own thread) or from an empty state, and
 * catches up with the journal. A snapshot is written only when the journal is durable up to the state's
 * sequence ({@code SYNC}: forced), so that a snapshot never covers a record a power cut could still take from
 * the journal. After each snapshot it keeps the newest few and, with {@link dev.loyalty.engine.journal.JournalRetention#DELETE_COVERED},
 * deletes the journal's cycle files the oldest kept snapshot covers. A snapshot that cannot be written (no disk
 * space) is reported and tried again {@value #RETRY_SECONDS} s later; a bad record or a failure of the business logic stops
 * the follower (the live engine carries on, without snapshots), reported once.
 * <p>
 * Cost: the follower holds a second copy of the whole state in memory, and applies every command a second
 * time on another core. It writes a snapshot paced to {@link EngineContext#snapshotWriteBytesPerSecond} (slices
 * of about a millisecond, then a park: {@code SnapshotPace}), so that on a machine with fewer cores than
 * threads the live pipeline's stages are not kept off a core for the whole write, and its thread runs at a
 * lower CPU priority ({@link EngineContext#snapshotNice}, nice 10 by default), so that it takes what the
 * pipeline leaves idle first and falls behind, not the pipeline, when the cores are saturated.
 */
final class SnapshotFollower implements Agent
{
    private static final int POLL_LIMIT = 4096;
    private static final long RETRY_SECONDS = 10;

    private record Request(long target, CompletableFuture<SnapshotResult> result)
    {
    }

    private final EngineContext ctx;
    private final Journal journal;
    private final SnapshotStore store;
    private final Path base;
    private final LongSupplier durableSequence;
    private final Consumer<String> warnings;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final JournalListener apply = this::apply;
    private final SnapshotCadence cadence;
    private BusinessLogic logic;
    private JournalTailer tailer;
    private volatile long appliedSequence;
    private volatile Throwable failure;
    private volatile SnapshotResult last;
    private volatile long snapshotsWritten;
    private long lastSnapshotSequence;
    private long lastSnapshotNs;
    private long retryAfterNs;
    private boolean spaceWarned;

    SnapshotFollower(
        final EngineContext ctx, final Journal journal, final SnapshotStore store, final Path base,
        final LongSupplier durableSequence, final Consumer<String> warnings)
    {
        this.ctx = ctx;
        this.journal = journal;
        this.store = store;
        this.base = base;
        this.durableSequence = durableSequence;
        this.warnings = warnings;
        this.cadence = new SnapshotCadence(ctx, store, journal);
    }

    public String roleName()
    {
        return "loyalty-snapshotter";
    }

    /** On the follower's own thread: yields the CPU to the live pipeline ({@link EngineContext#snapshotNice}). */
    public void onStart()
    {
        final String problem = ThreadNice.lowerCurrentThread(ctx.snapshotNice());
        if (problem != null)
        {
            warnings.accept("snapshot: the follower runs at the pipeline's priority, not nice " +
                ctx.snapshotNice() + ": " + problem);
        }
    }

    public int doWork()
    {
        if (failure != null)
        {
            failRequests();
            return 0;
        }
        try
        {
            if (logic == null)
            {
                start();
                return 1;
            }
            if (wanted())
            {
                if (durableSequence.getAsLong() < appliedSequence)
                {
                    return 0;
                }
                take();
                return 1;
            }
            return tailer.poll(apply, pollLimit());
        }
        catch (final RuntimeException | Error ex)
        {
            fail(ex);
            return 0;
        }
    }

    public void onClose()
    {
        if (tailer != null)
        {
            tailer.close();
        }
        failure = failure == null ? new IllegalStateException("the engine is closed") : failure;
        failRequests();
    }

    /**
     * Asks for a snapshot covering at least {@code target}; it completes once written (or at once with the
     * newest snapshot when that covers it already), or exceptionally when the follower failed or stops.
     */
    CompletableFuture<SnapshotResult> request(final long target)
    {
        final CompletableFuture<SnapshotResult> result = new CompletableFuture<>();
        if (failure != null)
        {
            result.completeExceptionally(failure);
            return result;
        }
        requests.add(new Request(target, result));
        return result;
    }

    /** The last journal sequence the follower applied. */
    long appliedSequence()
    {
        return appliedSequence;
    }

    /** Why the follower stopped, or null while it follows. */
    Throwable failure()
    {
        return failure;
    }

    /** The newest snapshot it wrote, or null. */
    SnapshotResult lastSnapshot()
    {
        return last;
    }

    long snapshotsWritten()
    {
        return snapshotsWritten;
    }

    private void start()
    {
        long sequence = 0;
        if (base != null)
        {
            logic = SnapshotFile.read(base, in -> BusinessLogic.readSnapshot(in, new ApiKeys(),
                ctx.maxOpenHoldsPerMember()));
            sequence = SnapshotStore.sequenceOf(base);
            last = new SnapshotResult(base, sequence, SnapshotFile.HEADER_LENGTH +
                SnapshotFile.readHeader(base).bodyLength(), 0, false);
        }
        else
        {
            logic = new BusinessLogic(new ApiKeys(), ctx.maxOpenHoldsPerMember());
        }
        appliedSequence = sequence;
        lastSnapshotSequence = sequence;
        lastSnapshotNs = System.nanoTime();
        tailer = journal.tailer(sequence);
    }

    private void apply(final long sequence, final long stampMillis, final Command command)
    {
        logic.apply(command, stampMillis);
        appliedSequence = sequence;
    }

    /**
     * At most the records left before the next snapshot every N records is due, so that a follower that lags
     * behind still writes one every N records rather than one per poll.
     */
    private int pollLimit()
    {
        return cadence.recordsUntilDue(appliedSequence - lastSnapshotSequence, POLL_LIMIT);
    }

    /** True when a snapshot is due now: a request the state covers, or N records or T ms since the last. */
    private boolean wanted()
    {
        final Request head = requests.peek();
        if (head != null && appliedSequence >= head.target())
        {
            return true;
        }
        if (System.nanoTime() - retryAfterNs < 0)
        {
            return false;
        }
        return cadence.dueNanos(appliedSequence - lastSnapshotSequence, System.nanoTime() - lastSnapshotNs);
    }

    private void take()
    {
        final long sequence = appliedSequence;
        final SnapshotResult newest = last;
        final SnapshotResult result = sequence > lastSnapshotSequence || newest == null ? write(sequence) :
            new SnapshotResult(newest.file(), newest.journalSequence(), newest.bytes(), 0, false);
        lastSnapshotNs = System.nanoTime();
        if (result == null)
        {
            retryAfterNs = lastSnapshotNs + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        }
        // the requests this snapshot answers are taken off before any is completed: one asked for after the
        // first completion (by a caller woken by it) is answered on the next turn, as already covered
        final ArrayList<Request> answered = new ArrayList<>();
        Request next;
        while ((next = requests.peek()) != null && next.target() <= sequence)
        {
            answered.add(requests.poll());
        }
        for (final Request head : answered)
        {
            if (result == null)
            {
                head.result().completeExceptionally(new IllegalStateException(
                    "the snapshot could not be written; see the engine's warnings"));
            }
            else
            {
                head.result().complete(result);
            }
        }
    }

    /** Writes a snapshot of the state at {@code sequence}; returns it, or null (reported) when it could not. */
    private SnapshotResult write(final long sequence)
    {
        final Path file = store.fileFor(sequence);
        try
        {
            if (!roomFor(file))
            {
                return null;
            }
            final SnapshotResult result = cadence.write(logic, sequence, ctx.snapshotWriteBytesPerSecond());
            last = result;
            lastSnapshotSequence = sequence;
            snapshotsWritten++;
            return result;
        }
        catch (final java.io.UncheckedIOException ex)
        {
            warnings.accept("snapshot: could not write " + file + " (" + ex.getCause() + "); tried again " +
                "later");
            return null;
        }
    }

    /** False (reported once) when the snapshot would take the disk under the journal's minimum of free space. */
    private boolean roomFor(final Path file)
    {
        if (ctx.minFreeDiskBytes() <= 0)
        {
            return true;
        }
        final long needed = ctx.minFreeDiskBytes() + (last == null ? 0 : last.bytes());
        long usable;
        try
        {
            Files.createDirectories(file.getParent());
            usable = ctx.freeSpaceProbe().usableBytes(file.getParent());
        }
        catch (final IOException ex)
        {
            usable = Long.MAX_VALUE;
        }
        if (usable >= needed)
        {
            spaceWarned = false;
            return true;
        }
        if (!spaceWarned)
        {
            spaceWarned = true;
            warnings.accept("snapshot: not written: the disk has " + usable + " bytes free, a snapshot needs about " +
                (last == null ? 0 : last.bytes()) + " and the journal keeps " + ctx.minFreeDiskBytes() +
                " (--min-free-disk-bytes)");
        }
        return false;
    }

    private void fail(final Throwable cause)
    {
        failure = cause;
        warnings.accept("snapshot: the follower stopped at journal sequence " + appliedSequence + " and takes no " +
            "more snapshots until the engine restarts (the live engine is not affected): " + cause);
        failRequests();
    }

    private void failRequests()
    {
        Request request;
        while ((request = requests.poll()) != null)
        {
            request.result().completeExceptionally(failure);
        }
    }
}
