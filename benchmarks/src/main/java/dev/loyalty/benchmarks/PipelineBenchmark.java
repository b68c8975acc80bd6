package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.PipelineStages;
import dev.loyalty.engine.pipeline.RingWaitStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole in-process pipeline, saturated: a {@link LoyaltyEngine} with its journal in a new directory (see
 * {@link BenchmarkJvm#newDataDirectory}), its ring, journaler, business logic and replier threads, and the
 * producer threads of the benchmark publishing one-shot purchases ({@link Workload}: 3 to 5 lines, a member
 * drawn at random and found by card, points redeemed) with {@code tryPublish}, yielding while the ring is full.
 * No network and no JSON: the commands are built before the trial, as the gateway would have built them.
 * <p>
 * One operation is one purchase accepted into the ring. The ring holds at most {@code ringBufferLength}
 * unanswered commands, so over an iteration the accepted rate is the answered rate to within that many; after
 * each iteration the benchmark waits until every accepted purchase is answered and fails on any error answer.
 * After the trial the engine is closed and {@link PurchaseAudit} checks every purchase, every balance and the
 * ledger invariants. The engine is seeded once per trial (through the ring), so it keeps the purchases of
 * earlier iterations, as a running engine does.
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark -p durability=ASYNC}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class PipelineBenchmark
{
    /** ASYNC: journal in the mapped file; SYNC: forced to disk at every batch end (group commit). */
    @Param({"ASYNC", "SYNC"})
    public Durability durability;

    /** How the ring's stages wait. */
    @Param("BLOCKING")
    public RingWaitStrategy waitStrategy;

    /** The ring's threads: the journaler beside the logic, then a replier; or one thread for all three. */
    @Param({"PARALLEL", "SINGLE"})
    public PipelineStages stages;

    /** Members seeded before the trial. */
    @Param("1000000")
    public int members;

    /** Purchases built for the whole trial; a trial that would need more fails (raise it). */
    @Param("3000000")
    public int purchasesPerTrial;

    /** Slots in the ring. */
    @Param("4096")
    public int ringBufferLength;

    private Workload workload;
    private Purchases purchases;
    private Commands.OneShot[] oneShots;
    private Path directory;
    private LoyaltyEngine engine;
    private final CompletionCounter counter = new CompletionCounter();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    /** Builds the commands, starts the engine and seeds it. */
    @Setup(Level.Trial)
    public void startEngine()
    {
        workload = new Workload(members, 42);
        purchases = workload.purchases(purchasesPerTrial, 7, "p-tx");
        oneShots = purchases.oneShots();
        directory = BenchmarkJvm.newDataDirectory("pipeline-bench");
        engine = LoyaltyEngine.start(new EngineContext()
            .dataDir(directory)
            .durability(durability)
            .waitStrategy(waitStrategy)
            .stages(stages)
            .ringBufferLength(ringBufferLength));
        final long startNs = System.nanoTime();
        EngineLoader.load(engine, workload.seedCommands(), 600);
        System.out.printf("%nseeded %,d members through the ring in %,d ms (journal in %s)%n",
            members, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs), directory);
    }

    /** Waits until every accepted purchase is answered; fails on any error answer. */
    @TearDown(Level.Iteration)
    public void drain()
    {
        final int accepted = next.get();
        EngineLoader.awaitCount(counter.completed, accepted, 120, "purchase answers");
        if (counter.failed.get() != 0)
        {
            throw new IllegalStateException(counter.failed.get() + " purchases failed; first: " + counter.firstFailure);
        }
        if (engine.isHalted())
        {
            throw new IllegalStateException("the engine halted", engine.haltCause());
        }
        System.out.printf("%n%,d purchases answered so far, %,d refusals (ring full), journal at %,d%n",
            accepted, refused.get(), engine.journalSequence());
    }

    /** Closes the engine, audits every purchase and balance, deletes the journal. */
    @TearDown(Level.Trial)
    public void closeAndAudit()
    {
        engine.close();
        try
        {
            System.out.println(PurchaseAudit.check(engine.businessLogic(), workload, purchases, next.get()));
        }
        finally
        {
            BenchmarkJvm.deleteDirectory(directory);
        }
    }

    /** Publishes one one-shot purchase, yielding while the ring is full. */
    @Benchmark
    public boolean oneShot()
    {
        final int i = next.getAndIncrement();
        if (i >= purchasesPerTrial)
        {
            throw new IllegalStateException(
                "the trial used all " + purchasesPerTrial + " purchases: raise -p purchasesPerTrial");
        }
        while (!engine.tryPublish(oneShots[i], counter))
        {
            refused.incrementAndGet();
            if (engine.isHalted())
            {
                throw new IllegalStateException("the engine halted", engine.haltCause());
            }
            Thread.yield();
        }
        return true;
    }
}
