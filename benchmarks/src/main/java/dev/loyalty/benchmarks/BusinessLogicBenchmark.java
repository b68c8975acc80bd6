package dev.loyalty.benchmarks;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.reply.Reply;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The business logic alone, on one thread, with {@code members} members loaded: no ring, no journal, no
 * network. One operation is one purchase of a {@link Workload} cheque (3 to 5 lines, a member drawn at random
 * and found by card, points redeemed):
 * <ul>
 *     <li>{@link #authorizeAndCapture}: price, hold the redeemed points, then capture (two commands);</li>
 *     <li>{@link #oneShot}: price, spend and earn in one command.</li>
 * </ul>
 * The business logic is seeded once per trial (not measured) and keeps the purchases of earlier iterations, as
 * a running engine does (every txId is an idempotency key), so the iterations run at 1,000,000 members and a
 * growing number of purchases. Nothing but purchases runs between JMH's measurement marks, so {@code -prof gc}
 * shows what the business logic allocates per purchase; the commands are built before the trial, as the
 * gateway would have built them. Each reply is checked for an error as it comes, and after the trial
 * {@link PurchaseAudit} checks every purchase, every balance and the ledger invariants.
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar BusinessLogicBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BusinessLogicBenchmark
{
    /** Members loaded before every iteration. */
    @Param("1000000")
    public int members;

    /** Purchases built for the whole trial; a trial that would need more fails (raise it). */
    @Param("4000000")
    public int purchasesPerTrial;

    /** Whether purchases carry an {@code occurredAt} as tills send it ({@code false} leaves out date parsing). */
    @Param("true")
    public boolean occurredAt;

    private Workload workload;
    private Purchases purchases;
    private Commands.Authorize[] authorizes;
    private Commands.Capture[] captures;
    private Commands.OneShot[] oneShots;
    private BusinessLogic logic;
    private int next;

    /** Builds the commands of the benchmark that runs and seeds a new business logic with the members. */
    @Setup(Level.Trial)
    public void seed(final BenchmarkParams params)
    {
        workload = new Workload(members, 42, occurredAt);
        purchases = workload.purchases(purchasesPerTrial, 7, "s-tx");
        if (params.getBenchmark().endsWith("oneShot"))
        {
            oneShots = purchases.oneShots();
        }
        else
        {
            authorizes = purchases.authorizes();
            captures = purchases.captures();
        }
        final long startNs = System.nanoTime();
        logic = seededLogic(workload);
        next = 0;
        System.gc();
        System.out.printf("%nseeded %,d members in %,d ms; heap in use %,d MB%n",
            members, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs), heapInUseMb());
    }

    /** Checks every purchase of the trial, every balance and the invariants. */
    @TearDown(Level.Trial)
    public void audit()
    {
        System.out.println(PurchaseAudit.check(logic, workload, purchases, next));
        System.gc();
        System.out.printf("heap in use with %,d purchases: %,d MB%n", next, heapInUseMb());
        logic = null;
    }

    /** Price, hold and capture one purchase: authorize, then capture. */
    @Benchmark
    public Reply authorizeAndCapture()
    {
        final int i = take();
        final long stamp = stampOf(i);
        check(logic.apply(authorizes[i], stamp), authorizes[i]);
        return check(logic.apply(captures[i], stamp), captures[i]);
    }

    /** One one-shot purchase: price, redeem and earn at once. */
    @Benchmark
    public Reply oneShot()
    {
        final int i = take();
        return check(logic.apply(oneShots[i], stampOf(i)), oneShots[i]);
    }

    static BusinessLogic seededLogic(final Workload workload)
    {
        final BusinessLogic logic = new BusinessLogic(new ApiKeys());
        final List<Command> seed = workload.seedCommands();
        for (int i = 0, size = seed.size(); i < size; i++)
        {
            check(logic.apply(seed.get(i), Workload.START_MILLIS), seed.get(i));
        }
        return logic;
    }

    /** Engine time moves on by a millisecond every thousand purchases, as the entry stamps of a busy engine do. */
    static long stampOf(final int i)
    {
        return Workload.START_MILLIS + 1 + i / 1000;
    }

    static Reply check(final Reply reply, final Command command)
    {
        if (reply.errorCode() != null)
        {
            throw new IllegalStateException(command + " was rejected: " + ReplyFields.of(reply));
        }
        return reply;
    }

    static long heapInUseMb()
    {
        final Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    private int take()
    {
        final int i = next;
        if (i >= purchasesPerTrial)
        {
            throw new IllegalStateException(
                "the trial used all " + purchasesPerTrial + " purchases: raise -p purchasesPerTrial");
        }
        next = i + 1;
        return i;
    }
}
