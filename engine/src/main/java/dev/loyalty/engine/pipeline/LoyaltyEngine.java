package dev.loyalty.engine.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.Journal;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.snapshot.SnapshotStore;
import dev.loyalty.engine.time.EngineClock;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running engine. {@link #start} recovers the state, then wires and starts the pipeline:
 * <pre>
 *   0. recovery: newest usable snapshot (loading on its own thread) ─┐
 *               journal (a torn tail truncated) ─────────────────────┴─► replay of the journal after the snapshot
 *
 *   front ends ──tryPublish──► ring (multi-producer, preallocated CommandSlots)
 *      (journal disk nearly full: journaled commands carry a refusal)
 *                                 ├──► 1a. JournalHandler: append journaled commands, group commit at endOfBatch
 *                                 └──► 1b. BusinessLogicHandler: the single writer applies every command
 *                                            │ (both must have passed a slot)
 *                                            ▼
 *                                      2. ReplyHandler: hand the reply to the slot's listener
 *   ticker ──Tick when time-driven work is due──► ring
 *   disk guard ──every diskCheckIntervalMillis──► refusal on or off
 *   journal ──own tailer──► SnapshotFollower (a second BusinessLogic) ──► snapshots/snapshot-&lt;sequence&gt;.bin
 * </pre>
 * Recovery loads the newest snapshot whose checksum, version and coverage are good (skipping others with a
 * warning, see {@link Recovery}) and replays the journal records after its sequence; with none, the whole
 * journal. The snapshot follower ({@link SnapshotFollower}) starts once the pipeline runs, so it does not delay
 * readiness; the live pipeline never stops for a snapshot.
 */
public final class LoyaltyEngine implements AutoCloseable
{
    private final EngineContext ctx;
    private final EngineClock clock;
    private final ApiKeys apiKeys;
    private final BusinessLogic logic;
    private final Journal journal;
    private final SnapshotStore snapshots;
    private final HaltState haltState;
    private final PipelineCounters counters = new PipelineCounters();
    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ringBuffer;
    private final JournalHandler journalHandler;
    private final PipelineStages stages;
    private final Ticker ticker;
    private final Thread tickerThread;
    private final DiskSpaceGuard diskGuard;
    private final Thread diskGuardThread;
    private final SnapshotFollower follower;
    private final AgentRunner followerRunner;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Path recoveredSnapshot;
    private final long recoveredSnapshotSequence;
    private final long snapshotLoadMillis;
    private final long recoveredRecords;
    private final long recoveryMillis;
    private final long journalOpenMillis;
    private final long snapshotWaitMillis;
    private final long replayMillis;
    private volatile boolean running;

    private LoyaltyEngine(final EngineContext ctx)
    {
        ctx.validate();
        this.ctx = ctx;
        clock = ctx.clock();
        haltState = new HaltState(ctx.onHalt());

        // 0. recovery: the journal (a torn tail truncated), the newest usable snapshot, the journal after it.
        final long recoveryStartNs = System.nanoTime();
        snapshots = new SnapshotStore(ctx.dataDir().resolve("snapshots"));
        // the snapshot loads on a thread of its own while the journal opens (see Recovery)
        final Recovery.Loading loading = Recovery.startLoading(snapshots, ctx.maxOpenHoldsPerMember());
        journal = Journal.open(ctx.dataDir().resolve("journal"), ctx.durability());
        journalOpenMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recoveryStartNs);
        try
        {
            journal.warnings().forEach(this::warn);
            final long waitStartNs = System.nanoTime();
            final Recovery.Loaded loaded = loading.finish(journal.lastSequence(), this::warn);
            snapshotWaitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitStartNs);
            final BusinessLogic recovered = loaded.logic();
            final long replayStartNs = System.nanoTime();
            recoveredRecords = journal.replay(
                loaded.sequence(), (sequence, stampMillis, command) -> recovered.apply(command, stampMillis));
            replayMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replayStartNs);
            logic = recovered;
            apiKeys = loaded.apiKeys();
            recoveredSnapshot = loaded.snapshot();
            recoveredSnapshotSequence = loaded.sequence();
            snapshotLoadMillis = loaded.loadMillis();
        }
        catch (final RuntimeException | Error e)
        {
            journal.close();
            throw e;
        }
        recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recoveryStartNs);

        // 1. the free-space guard decides before the first command whether the journal may be written.
        diskGuard = new DiskSpaceGuard(journal.directory(), ctx.minFreeDiskBytes(), ctx.diskCheckIntervalMillis(),
            ctx.freeSpaceProbe(), this::warn);
        diskGuard.check();

        // 2. the ring of preallocated slots, written by any number of front-end threads.
        stages = ctx.stages().resolve(ctx.durability(), Runtime.getRuntime().availableProcessors());
        disruptor = new Disruptor<>(
            CommandSlot::new, ctx.ringBufferLength(), new NamedThreadFactory(stages), ProducerType.MULTI,
            ctx.waitStrategy().newWaitStrategy());
        // 3. journaling, in parallel with the business logic or before it on the same thread; 4. replies once
        // both have passed a slot.
        final boolean sync = ctx.durability() == Durability.SYNC;
        journalHandler = new JournalHandler(journal, haltState, sync);
        final BusinessLogicHandler logicHandler = new BusinessLogicHandler(logic, haltState);
        final ReplyHandler replyHandler = new ReplyHandler(haltState, counters);
        if (stages == PipelineStages.SINGLE)
        {
            disruptor.handleEventsWith(new SingleStageHandler(
                journalHandler, logicHandler, replyHandler, disruptor.getRingBuffer(), sync));
        }
        else
        {
            disruptor.handleEventsWith(journalHandler, logicHandler).then(replyHandler);
        }
        ringBuffer = disruptor.start();
        running = true;

        // 5. the ticker that makes time-driven work happen by engine time, and the free-space guard's timer.
        ticker = new Ticker(this, logic, clock, ctx.tickIntervalMillis());
        tickerThread = daemon(ticker, "loyalty-ticker");
        diskGuardThread = daemon(diskGuard, "loyalty-disk-guard");

        // 6. the replaying follower that writes snapshots from its own copy of the state.
        if (ctx.snapshots())
        {
            follower = new SnapshotFollower(
                ctx, journal, snapshots, recoveredSnapshot, journalHandler::durableSequence, this::warn);
            followerRunner = new AgentRunner(
                new BackoffIdleStrategy(10, 10, 1_000, 1_000_000),
                t -> warn("snapshot: the follower failed: " + t), null, follower);
            AgentRunner.startOnThread(followerRunner, r -> daemonThread(r, follower.roleName()));
        }
        else
        {
            follower = null;
            followerRunner = null;
        }
    }

    private static Thread daemon(final Runnable runnable, final String name)
    {
        final Thread thread = daemonThread(runnable, name);
        thread.start();
        return thread;
    }

    private static Thread daemonThread(final Runnable runnable, final String name)
    {
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private void warn(final String warning)
    {
        warnings.add(warning);
        ctx.onWarning().accept(warning);
    }

    /**
     * Recovers the state from {@code ctx.dataDir()}: the newest usable snapshot in {@code snapshots/} and the
     * journal in {@code journal/} after it (a torn tail truncated with a warning), then starts the pipeline.
     * Throws {@link dev.loyalty.engine.journal.JournalCorruptedException} when the journal has a bad record before
     * good ones (naming its file and offset), and the business logic's exception when a record cannot be applied.
     */
    public static LoyaltyEngine start(final EngineContext ctx)
    {
        return new LoyaltyEngine(ctx);
    }

    /** The stages that run: {@link PipelineStages#PARALLEL} or {@link PipelineStages#SINGLE} (AUTO resolved). */
    public PipelineStages stages()
    {
        return stages;
    }

    /**
     * Stamps the command with engine time and puts it in the ring, or returns false at once when the ring is
     * full or the engine is not running (the caller answers 503 with Retry-After). Never blocks.
     */
    public boolean tryPublish(final Command command, final ReplyListener listener)
    {
        if (!running)
        {
            return false;
        }
        final long sequence;
        try
        {
            sequence = ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException e)
        {
            return false;
        }
        final Reply refusal = command.type().journaled() ? diskGuard.refusal() : null;
        ringBuffer.get(sequence).set(command, clock.currentTimeMillis(), listener, refusal);
        ringBuffer.publish(sequence);
        return true;
    }

    /**
     * Asks the snapshot follower for a snapshot covering every command journaled so far. It completes with the
     * snapshot once written (or with the newest one when that already covers it), or exceptionally when snapshots
     * are off, the follower stopped, or the snapshot could not be written. Never blocks.
     */
    public CompletableFuture<SnapshotResult> takeSnapshot()
    {
        if (follower == null)
        {
            return CompletableFuture.failedFuture(new IllegalStateException(
                "snapshots are off in this engine (--snapshots off); 'loyalty snapshot' writes one offline"));
        }
        return follower.request(journalHandler.lastJournalSequence());
    }

    /** The snapshot recovery started from, or null when it replayed the whole journal. */
    public Path recoveredSnapshot()
    {
        return recoveredSnapshot;
    }

    /** The journal sequence the recovered snapshot covers; 0 without one. */
    public long recoveredSnapshotSequence()
    {
        return recoveredSnapshotSequence;
    }

    /** How long loading the recovered snapshot took (checksum and decoding). */
    public long snapshotLoadMillis()
    {
        return snapshotLoadMillis;
    }

    /** Every warning since start, in order: torn tails truncated, snapshots skipped, disk space, the follower. */
    public List<String> warnings()
    {
        return List.copyOf(warnings);
    }

    /** False while the journal's disk is under its minimum of free space (journaled commands are refused). */
    public boolean journalWritable()
    {
        return diskGuard.refusal() == null;
    }

    /** The journal's file store's free space at the last check. */
    public long journalDiskUsableBytes()
    {
        return diskGuard.usableBytes();
    }

    /** The newest snapshot the follower wrote since start, or null. */
    public SnapshotResult lastSnapshot()
    {
        return follower == null ? null : follower.lastSnapshot();
    }

    /** Snapshots the follower wrote since start. */
    public long snapshotsWritten()
    {
        return follower == null ? 0 : follower.snapshotsWritten();
    }

    /** The journal sequence the snapshot follower has applied; 0 when snapshots are off. */
    public long snapshotFollowerSequence()
    {
        return follower == null ? 0 : follower.appliedSequence();
    }

    /** Why the snapshot follower stopped, or null while it follows (or when snapshots are off). */
    public Throwable snapshotFollowerFailure()
    {
        return follower == null ? null : follower.failure();
    }

    /**
     * The last journal record that survives what the durability mode promises: appended ({@code ASYNC}) or
     * forced to disk ({@code SYNC}). An answer never leaves before its command's record is within it.
     */
    public long journalDurableSequence()
    {
        return journalHandler.durableSequence();
    }

    /** How many times the journal was forced to disk (group commits in {@code SYNC}), for metrics. */
    public long journalSyncCount()
    {
        return journal.syncCount();
    }

    /** The live API keys, for authentication. */
    public ApiKeys apiKeys()
    {
        return apiKeys;
    }

    /** True once recovery is done and the pipeline runs; false after a halt or close. */
    public boolean isReady()
    {
        return running && !haltState.isHalted();
    }

    /** True when the engine stopped on an internal error; see {@link #haltCause()}. */
    public boolean isHalted()
    {
        return haltState.isHalted();
    }

    /** Why the engine halted, or null. */
    public Throwable haltCause()
    {
        return haltState.cause();
    }

    /** Slots in the ring. */
    public long ringCapacity()
    {
        return ringBuffer.getBufferSize();
    }

    /** Slots taken: published but not yet answered. */
    public long ringInUse()
    {
        return ringBuffer.getBufferSize() - ringBuffer.remainingCapacity();
    }

    /** The sequence of the last journaled command. */
    public long journalSequence()
    {
        return journalHandler.lastJournalSequence();
    }

    /** Commands answered since start. */
    public long repliedCount()
    {
        return counters.replied;
    }

    /** Records replayed at start. */
    public long recoveredRecords()
    {
        return recoveredRecords;
    }

    /** How long recovery took: opening the journal, loading the snapshot, replaying the journal after it. */
    public long recoveryMillis()
    {
        return recoveryMillis;
    }

    /**
     * How long recovery waited for the snapshot after the journal was open (the snapshot loads while the journal
     * opens: {@link #snapshotLoadMillis()} is the load's own time, from its start).
     */
    public long snapshotWaitMillis()
    {
        return snapshotWaitMillis;
    }

    /** How long opening the journal took (its newest cycle files scanned for a torn tail), part of recovery. */
    public long journalOpenMillis()
    {
        return journalOpenMillis;
    }

    /** How long replaying the journal after the snapshot took (read, checked, decoded, applied): part of recovery. */
    public long replayMillis()
    {
        return replayMillis;
    }

    /** The business logic; read it only after {@link #close()} (tests digest it). */
    public BusinessLogic businessLogic()
    {
        return logic;
    }

    /** Stops taking commands, answers everything already in the ring, stops the threads, closes the journal. */
    public void close()
    {
        if (!running)
        {
            return;
        }
        running = false;
        ticker.stop();
        tickerThread.interrupt();
        diskGuard.stop();
        diskGuardThread.interrupt();
        try
        {
            tickerThread.join(5_000);
            disruptor.shutdown(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            disruptor.halt();
        }
        catch (final TimeoutException e)
        {
            disruptor.halt();
        }
        if (followerRunner != null)
        {
            followerRunner.close();
        }
        journal.close();
    }

    private static final class NamedThreadFactory implements ThreadFactory
    {
        private static final String[] PARALLEL = {"loyalty-journaler", "loyalty-logic", "loyalty-replier"};
        private static final String[] SINGLE = {"loyalty-pipeline"};
        private final String[] names;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreadFactory(final PipelineStages stages)
        {
            names = stages == PipelineStages.SINGLE ? SINGLE : PARALLEL;
        }

        public Thread newThread(final Runnable r)
        {
            final int n = count.getAndIncrement();
            final Thread thread = new Thread(r, n < names.length ? names[n] : "loyalty-stage-" + n);
            thread.setDaemon(true);
            return thread;
        }
    }
}
