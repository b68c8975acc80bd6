package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.ReplyListener;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit in {@code SYNC} durability, measured through the whole pipeline: one producer keeps
 * {@code window} commands in flight (a new one as soon as an answer comes back, as {@code window} tills
 * waiting on their answers would), for {@code seconds} at each window; the engine forces the journal once per
 * Disruptor batch. Prints, per window, the commands answered per second, the forces per second, records per
 * force and the latency from publish to answer (which includes the force). {@code ASYNC} for comparison.
 * <pre>
 *   GroupCommitHarness DIR SECONDS WINDOW...
 * </pre>
 * The journal goes in a new directory under DIR: put DIR on the disk whose flushes are to be measured.
 */
public final class GroupCommitHarness
{
    private GroupCommitHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 3)
        {
            System.err.println("usage: GroupCommitHarness DIR SECONDS WINDOW...");
            System.exit(2);
        }
        final Path dir = Path.of(args[0]);
        final int seconds = Integer.parseInt(args[1]);
        for (final Durability durability : Durability.values())
        {
            for (int i = 2; i < args.length; i++)
            {
                run(Files.createTempDirectory(Files.createDirectories(dir), "group-commit"), durability, seconds,
                    Integer.parseInt(args[i]));
            }
        }
    }

    private static void run(final Path dataDir, final Durability durability, final int seconds, final int window)
        throws InterruptedException
    {
        final EngineContext ctx = new EngineContext().dataDir(dataDir).durability(durability).snapshots(false);
        try (LoyaltyEngine engine = LoyaltyEngine.start(ctx))
        {
            final Semaphore inFlight = new Semaphore(window);
            final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            final AtomicLong answered = new AtomicLong();
            final AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
            final long[] sentAt = new long[1 << 20];
            final ReplyListener listener = (command, reply) ->
            {
                final long n = answered.getAndIncrement();
                if (n >= measureFrom.get())
                {
                    latency.recordValue(System.nanoTime() - sentAt[(int)(n & (sentAt.length - 1))]);
                }
                inFlight.release();
            };
            final long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            long sent = 0;
            long syncsAtStart = -1;
            long answeredAtStart = 0;
            long startNs = 0;
            final long endNs = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < endNs)
            {
                inFlight.acquire();
                if (syncsAtStart < 0 && System.nanoTime() >= warmupEnd)
                {
                    syncsAtStart = engine.journalSyncCount();
                    answeredAtStart = sent;
                    measureFrom.set(sent);
                    startNs = System.nanoTime();
                }
                final Commands.CreateMember member = new Commands.CreateMember("m-" + sent, null,
                    List.of(new Identifier(IdentifierType.CARD, Long.toString(7_000_000_000L + sent))), null, null,
                    Map.of());
                sentAt[(int)(sent & (sentAt.length - 1))] = System.nanoTime();
                while (!engine.tryPublish(member, listener))
                {
                    Thread.onSpinWait();
                }
                sent++;
            }
            inFlight.acquire(window);
            final double elapsed = (System.nanoTime() - startNs) / 1e9;
            final long records = answered.get() - answeredAtStart;
            final long syncs = engine.journalSyncCount() - syncsAtStart;
            System.out.printf("%s window %4d: %,9.0f commands/s, %,8.0f forces/s, %,7.1f records per force, " +
                "latency p50 %,8.1f us, p99 %,8.1f us, max %,9.1f us%n", durability, window, records / elapsed,
                syncs / elapsed, durability == Durability.SYNC ? (double)records / Math.max(1, syncs) : 0.0,
                latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                latency.getMaxValue() / 1e3);
        }
    }
}
