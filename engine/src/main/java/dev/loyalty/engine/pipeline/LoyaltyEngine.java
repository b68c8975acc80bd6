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
import dev.loyalty.engine.time.EngineClock;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running engine. {@link #start} recovers the state by replaying the journal into a fresh
 * {@link BusinessLogic}, then wires and starts the pipeline:
 * <pre>
 *   front ends ──tryPublish──► ring (multi-producer, preallocated CommandSlots)
 *                                 ├──► 1a. JournalHandler: append journaled commands, group commit at endOfBatch
 *                                 └──► 1b. BusinessLogicHandler: the single writer applies every command
 *                                            │ (both must have passed a slot)
 *                                            ▼
 *                                      2. ReplyHandler: hand the reply to the slot's listener
 *   ticker ──Tick when time-driven work is due──► ring
 * </pre>
 * Snapshots will plug in at recovery: load the latest snapshot, then {@code journal.replay(snapshotSequence, …)}.
 */
public final class LoyaltyEngine implements AutoCloseable
{
    private final EngineClock clock;
    private final ApiKeys apiKeys;
    private final BusinessLogic logic;
    private final Journal journal;
    private final HaltState haltState;
    private final PipelineCounters counters = new PipelineCounters();
    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ringBuffer;
    private final JournalHandler journalHandler;
    private final Ticker ticker;
    private final Thread tickerThread;
    private final long recoveredRecords;
    private final long recoveryMillis;
    private volatile boolean running;

    private LoyaltyEngine(final EngineContext ctx)
    {
        ctx.validate();
        clock = ctx.clock();
        apiKeys = new ApiKeys();
        logic = new BusinessLogic(apiKeys, ctx.maxOpenHoldsPerMember());
        haltState = new HaltState(ctx.onHalt());

        // 0. recovery: replay the whole journal into the fresh business logic (snapshots will shorten this).
        final long recoveryStartNs = System.nanoTime();
        journal = Journal.open(ctx.dataDir().resolve("journal"), ctx.durability());
        try
        {
            recoveredRecords = journal.replay(0, (sequence, stampMillis, command) -> logic.apply(command, stampMillis));
        }
        catch (final RuntimeException e)
        {
            journal.close();
            throw e;
        }
        recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recoveryStartNs);

        // 1. the ring of preallocated slots, written by any number of front-end threads.
        disruptor = new Disruptor<>(
            CommandSlot::new, ctx.ringBufferLength(), new NamedThreadFactory(), ProducerType.MULTI,
            ctx.waitStrategy().newWaitStrategy());
        // 2. journaling in parallel with the business logic; 3. replies once both have passed a slot.
        journalHandler = new JournalHandler(journal, haltState, ctx.durability() == Durability.SYNC);
        final BusinessLogicHandler logicHandler = new BusinessLogicHandler(logic, haltState);
        disruptor.handleEventsWith(journalHandler, logicHandler).then(new ReplyHandler(haltState, counters));
        ringBuffer = disruptor.start();
        running = true;

        // 4. the ticker that makes time-driven work happen by engine time.
        ticker = new Ticker(this, logic, clock, ctx.tickIntervalMillis());
        tickerThread = new Thread(ticker, "loyalty-ticker");
        tickerThread.setDaemon(true);
        tickerThread.start();
    }

    /**
     * Replays the journal in {@code ctx.dataDir()/journal} into a fresh business logic, then starts the
     * pipeline. Throws {@link dev.loyalty.engine.journal.JournalCorruptedException} when the journal has a bad
     * record, and the business logic's exception when a record cannot be applied.
     */
    public static LoyaltyEngine start(final EngineContext ctx)
    {
        return new LoyaltyEngine(ctx);
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
        ringBuffer.get(sequence).set(command, clock.currentTimeMillis(), listener);
        ringBuffer.publish(sequence);
        return true;
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

    /** How long recovery took. */
    public long recoveryMillis()
    {
        return recoveryMillis;
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
        journal.close();
    }

    private static final class NamedThreadFactory implements ThreadFactory
    {
        private static final String[] NAMES = {"loyalty-journaler", "loyalty-logic", "loyalty-replier"};
        private final AtomicInteger count = new AtomicInteger();

        public Thread newThread(final Runnable r)
        {
            final int n = count.getAndIncrement();
            final Thread thread = new Thread(r, n < NAMES.length ? NAMES[n] : "loyalty-stage-" + n);
            thread.setDaemon(true);
            return thread;
        }
    }
}
