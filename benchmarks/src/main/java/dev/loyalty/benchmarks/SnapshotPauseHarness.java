package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.ReplyListener;
import dev.loyalty.engine.pipeline.SnapshotResult;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a snapshot costs the live pipeline: with MEMBERS members in the engine and the snapshot follower caught
 * up, an open-loop load of RATE commands a second (half reads of a member by card, half point adjustments, both
 * through the ring) runs for SECONDS; a third of the way in, a snapshot is asked for. Latency is recorded from
 * each command's planned send time to its answer (so a stall also delays the commands planned during it) into
 * one histogram while the snapshot is being written and another outside it.
 * <pre>
 *   SnapshotPauseHarness DIR MEMBERS RATE SECONDS [settled]
 * </pre>
 * With {@code settled}, the heap is collected after the load (before the timed phase), so that the loaded state
 * is in the old generation as in an engine that has been running a while; without it, the first young
 * collections of the timed phase still copy the load's newest members (tens of MB), whenever they come.
 * The live pipeline never waits for the follower; what this shows is the cost of sharing the cores, the
 * memory bandwidth and the collector with it.
 */
public final class SnapshotPauseHarness
{
    private SnapshotPauseHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length != 4 && !(args.length == 5 && args[4].equals("settled")))
        {
            System.err.println("usage: SnapshotPauseHarness DIR MEMBERS RATE SECONDS [settled]");
            System.exit(2);
        }
        final Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(args[0])), "snapshot-pause");
        final int members = Integer.parseInt(args[1]);
        final int rate = Integer.parseInt(args[2]);
        final int seconds = Integer.parseInt(args[3]);
        final EngineContext ctx = new EngineContext().dataDir(dir).snapshotEveryRecords(0).snapshotEveryMillis(0);
        try (LoyaltyEngine engine = LoyaltyEngine.start(ctx))
        {
            final List<Command> seed = new ArrayList<>(members);
            for (int m = 0; m < members; m++)
            {
                seed.add(new Commands.CreateMember("member-" + m, null,
                    List.of(new Identifier(IdentifierType.CARD, Long.toString(7_770_000_000_000L + m))), null, null,
                    Map.of()));
            }
            EngineLoader.load(engine, seed, 3600);
            seed.clear();
            while (engine.snapshotFollowerSequence() < engine.journalSequence())
            {
                Thread.sleep(10);
            }
            if (args.length == 5)
            {
                System.gc();
                System.gc();
            }
            System.out.printf("pause: %,d members loaded, follower caught up at sequence %,d%s%n", members,
                engine.journalSequence(), args.length == 5 ? ", heap collected" : "");

            final Histogram outside = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final Histogram during = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final long total = (long)rate * seconds;
            final long[] planned = new long[(int)total];
            final AtomicLong snapshotFrom = new AtomicLong(Long.MAX_VALUE);
            final AtomicLong snapshotTo = new AtomicLong(Long.MAX_VALUE);
            final AtomicLong answered = new AtomicLong();
            final long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
            final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            CompletableFuture<SnapshotResult> snapshot = null;
            for (int i = 0; i < total; i++)
            {
                final long plannedNs = startNs + i * intervalNs;
                while (System.nanoTime() < plannedNs)
                {
                    Thread.onSpinWait();
                }
                if (i == total / 3)
                {
                    snapshotFrom.set(System.nanoTime());
                    snapshot = engine.takeSnapshot();
                    snapshot.whenComplete((r, t) -> snapshotTo.set(System.nanoTime()));
                }
                planned[i] = plannedNs;
                final int index = i;
                final ReplyListener listener = (command, reply) ->
                {
                    final long now = System.nanoTime();
                    final long latency = now - planned[index];
                    if (planned[index] >= snapshotFrom.get() && planned[index] <= snapshotTo.get())
                    {
                        during.recordValue(Math.min(latency, during.getHighestTrackableValue()));
                    }
                    else
                    {
                        outside.recordValue(Math.min(latency, outside.getHighestTrackableValue()));
                    }
                    answered.incrementAndGet();
                };
                final String card = Long.toString(7_770_000_000_000L + (i * 7919L) % members);
                final Command command = i % 2 == 0 ?
                    new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, card)) :
                    new Commands.AdjustPoints("adj-" + i, "m_" + Long.toString(1 + (i * 104_729L) % members, 36), 10,
                        "pause test");
                while (!engine.tryPublish(command, listener))
                {
                    Thread.onSpinWait();
                }
            }
            EngineLoader.awaitCount(answered, total, 600, "answers");
            final SnapshotResult result = snapshot.get(600, TimeUnit.SECONDS);
            System.out.printf("pause: snapshot of sequence %,d, %,d bytes, written in %,d ms while %,d commands/s ran%n",
                result.journalSequence(), result.bytes(), result.writeMillis(), rate);
            print("while the snapshot was written", during);
            print("outside it", outside);
        }
    }

    private static void print(final String what, final Histogram h)
    {
        System.out.printf("pause: %-32s %,8d commands, latency p50 %,9.1f us, p99 %,9.1f us, p99.9 %,9.1f us, " +
            "max %,9.1f us%n", what, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
}
