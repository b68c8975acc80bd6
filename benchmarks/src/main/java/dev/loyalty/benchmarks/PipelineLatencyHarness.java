package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.RingWaitStrategy;
import dev.loyalty.engine.reply.Reply;
import org.HdrHistogram.Histogram;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop latency of the whole in-process pipeline, named by its topology: one publisher thread at a fixed
 * rate into the multi-producer ring; journaler (Chronicle Queue, ASYNC by default) in parallel with the
 * business logic; then the replier, whose listener records the answer.
 * <pre>
 *   publisher (rate R, planned send times t_k = start + k/R) ──tryPublish──► ring
 *        ├──► journaler ─┐
 *        └──► logic ─────┴──► replier ──► LatencyRecorder: now - t_k into HdrHistogram
 * </pre>
 * Latency is measured from each command's <em>planned</em> send time, so when the publisher falls behind (the
 * ring is full, a GC pause, a descheduled thread) every command planned meanwhile carries the delay. The
 * figure includes the ring, the journal append, the business logic and the hand-off to the replier; it does
 * not include a network or JSON (there is none). Every reply is checked after the run: it must be the
 * CAPTURED answer of its own purchase with the points {@link Purchases} says, and {@link PurchaseAudit} then
 * checks every balance and the ledger invariants. The run fails (exit 1) on any difference.
 * <p>
 * Run it with {@code java -cp benchmarks/target/benchmarks.jar dev.loyalty.benchmarks.PipelineLatencyHarness
 * --rate 200000}. Started without the Chronicle flags, it starts itself again in a child JVM that has them
 * (and {@code --heap}). Options: {@code --rate} purchases per second (200000), {@code --warmup-seconds} (5),
 * {@code --seconds} measured (15), {@code --members} (1000000), {@code --durability} ASYNC|SYNC,
 * {@code --wait-strategy} BLOCKING|SLEEPING|YIELDING|BUSY_SPIN, {@code --ring} slots (4096), {@code --idle}
 * yield|spin (how the publisher waits for the next planned time), {@code --hgrm} file for the percentile
 * distribution in microseconds, {@code --heap} of the child JVM (12g), {@code --gc} its collector (ZGC, as
 * {@code loyalty serve} runs; G1, Shenandoah, Parallel, Serial: {@code -XX:+Use<name>GC}), {@code --jfr} file for
 * a Flight Recording of the child JVM (settings=profile).
 */
public final class PipelineLatencyHarness
{
    private static final String CHILD_PROPERTY = "loyalty.harness.child";

    private PipelineLatencyHarness()
    {
    }

    /** Runs the harness; exits 1 when a reply or the final state is wrong. */
    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = parse(args);
        if (!BenchmarkJvm.hasChronicleFlags() && System.getProperty(CHILD_PROPERTY) == null)
        {
            final String gc = options.getOrDefault("gc", "Z");
            if (!gc.matches("[A-Za-z0-9]+"))
            {
                throw new IllegalArgumentException("--gc names a collector (Z, G1, Shenandoah, ...), got " + gc);
            }
            System.exit(relaunch(args, options.getOrDefault("heap", "12g"), gc.replaceFirst("(?i)gc$", ""),
                options.get("jfr")));
        }
        final boolean ok = run(options);
        System.exit(ok ? 0 : 1);
    }

    private static int relaunch(final String[] args, final String heap, final String gc, final String jfr)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(BenchmarkJvm.chronicleFlags());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-XX:+Use" + gc + "GC");
        command.add("-D" + CHILD_PROPERTY + "=true");
        if (jfr != null)
        {
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        final String benchDir = System.getProperty(BenchmarkJvm.BENCH_DIR_PROPERTY);
        if (benchDir != null)
        {
            command.add("-D" + BenchmarkJvm.BENCH_DIR_PROPERTY + "=" + benchDir);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PipelineLatencyHarness.class.getName());
        command.addAll(List.of(args));
        System.out.println("starting the harness in a JVM with the Chronicle flags, -Xmx" + heap + " and " + gc + "GC");
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static Map<String, String> parse(final String[] args)
    {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++)
        {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
            {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static boolean run(final Map<String, String> options) throws IOException
    {
        final long rate = Long.parseLong(options.getOrDefault("rate", "200000"));
        final int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup-seconds", "5"));
        final int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        final int members = Integer.parseInt(options.getOrDefault("members", "1000000"));
        final Durability durability = Durability.valueOf(options.getOrDefault("durability", "ASYNC"));
        final RingWaitStrategy waitStrategy = RingWaitStrategy.valueOf(options.getOrDefault("wait-strategy", "BLOCKING"));
        final int ring = Integer.parseInt(options.getOrDefault("ring", "4096"));
        final boolean spin = "spin".equals(options.getOrDefault("idle", "yield"));
        final int warmupCount = (int)(rate * warmupSeconds);
        final int total = (int)Math.min(Integer.MAX_VALUE - 8, rate * (warmupSeconds + seconds));

        System.out.printf("PipelineLatencyHarness: %,d purchases/s open loop, %d s warm-up + %d s measured, %,d members, " +
            "journal %s, ring %d slots, stages %s, publisher idles by %s%n",
            rate, warmupSeconds, seconds, members, durability, ring, waitStrategy, spin ? "spin" : "yield");
        final Workload workload = new Workload(members, 42);
        final Purchases purchases = workload.purchases(total, 11, "h-tx");
        final Commands.OneShot[] commands = purchases.oneShots();
        final Path directory = BenchmarkJvm.newDataDirectory("pipeline-harness");
        final LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext()
            .dataDir(directory).durability(durability).waitStrategy(waitStrategy).ringBufferLength(ring));
        try
        {
            final long seedStartNs = System.nanoTime();
            EngineLoader.load(engine, workload.seedCommands(), 600);
            System.out.printf("seeded %,d members through the ring in %,d ms; journal in %s%n",
                members, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - seedStartNs), directory);
            System.gc();

            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            final LatencyRecorder recorder = new LatencyRecorder(commands, startNs, rate, warmupCount, histogram);
            final long deadlineNs = startNs + TimeUnit.SECONDS.toNanos(2L * (warmupSeconds + seconds));
            long refusals = 0;
            int sent = 0;
            while (sent < total)
            {
                final long intendedNs = LatencyRecorder.intendedNs(startNs, rate, sent);
                long nowNs;
                while ((nowNs = System.nanoTime()) < intendedNs)
                {
                    idle(spin);
                }
                if (nowNs > deadlineNs)
                {
                    break;
                }
                while (!engine.tryPublish(commands[sent], recorder))
                {
                    refusals++;
                    if (engine.isHalted())
                    {
                        throw new IllegalStateException("the engine halted", engine.haltCause());
                    }
                    idle(spin);
                }
                sent++;
            }
            final long sendEndNs = System.nanoTime();
            final long waitDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (recorder.answered() < sent && System.nanoTime() < waitDeadlineNs)
            {
                Thread.yield();
            }
            final long answered = recorder.answered();
            final long answerEndNs = System.nanoTime();
            engine.close();

            final double sendSeconds = (sendEndNs - startNs) / 1e9;
            System.out.printf("sent %,d of %,d planned in %.2f s (%,.0f/s achieved), %,d refusals (ring full); " +
                "answered %,d (%,.0f/s over the run)%n",
                sent, total, sendSeconds, sent / sendSeconds, refusals, answered,
                answered / ((answerEndNs - startNs) / 1e9));
            final boolean ok = verify(recorder, purchases, sent, answered) &&
                audit(engine, workload, purchases, sent);
            report(histogram, options.get("hgrm"));
            if (sent < total)
            {
                System.out.printf("NOT SUSTAINED: the engine could not take %,d/s; %,d planned purchases were not sent " +
                    "before the deadline of twice the planned duration%n", rate, total - sent);
            }
            return ok;
        }
        finally
        {
            engine.close();
            BenchmarkJvm.deleteDirectory(directory);
        }
    }

    private static void idle(final boolean spin)
    {
        if (spin)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }

    private static boolean verify(final LatencyRecorder recorder, final Purchases purchases, final int sent, final long answered)
    {
        if (answered != sent || recorder.wrongOrder() != 0)
        {
            System.out.printf("FAILED: %,d sent, %,d answered, %,d answers out of order%n",
                sent, answered, recorder.wrongOrder());
            return false;
        }
        for (int k = 0; k < sent; k++)
        {
            final Reply reply = recorder.reply(k);
            final ReplyFields fields = ReplyFields.of(reply);
            if (reply.errorCode() != null || !"CAPTURED".equals(fields.text("status")) ||
                !purchases.txId(k).equals(fields.text("txId")) || fields.number("pointsRedeemed") != purchases.redeem(k) ||
                fields.number("pointsEarned") != purchases.earn(k))
            {
                System.out.printf("FAILED: reply %d to %s is %s; expected CAPTURED, %d redeemed, %d earned%n",
                    k, purchases.txId(k), EngineLoader.describe(reply), purchases.redeem(k), purchases.earn(k));
                return false;
            }
        }
        System.out.printf("replies: all %,d CAPTURED for their own txId with the points expected%n", sent);
        return true;
    }

    private static boolean audit(
        final LoyaltyEngine engine, final Workload workload, final Purchases purchases, final int sent)
    {
        try
        {
            System.out.println(PurchaseAudit.check(engine.businessLogic(), workload, purchases, sent));
            return true;
        }
        catch (final IllegalStateException ex)
        {
            System.out.println("FAILED: " + ex.getMessage());
            return false;
        }
    }

    private static void report(final Histogram histogram, final String hgrm) throws IOException
    {
        System.out.printf("latency from planned send to answer, %,d purchases after warm-up (us): " +
            "p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  p99.99 %.1f  max %.1f  mean %.1f%n",
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50) / 1e3,
            histogram.getValueAtPercentile(90) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getValueAtPercentile(99.99) / 1e3,
            histogram.getMaxValue() / 1e3,
            histogram.getMean() / 1e3);
        if (hgrm != null)
        {
            try (PrintStream out = new PrintStream(new FileOutputStream(hgrm), false, "UTF-8"))
            {
                histogram.outputPercentileDistribution(out, 1000.0);
            }
            System.out.println("percentile distribution (us) written to " + hgrm);
        }
    }
}
