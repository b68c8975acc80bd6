package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.logic.BusinessLogic;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The longest single {@code BusinessLogic.apply} calls while purchases pile up: the pauses a growing index
 * puts on the single writer, which every request in flight waits out. One thread applies PURCHASES one-shot
 * purchases over MEMBERS members, times every call and prints the slowest few (with how many purchases there
 * were then) and the percentiles. Run it with ZGC, whose pauses are under a millisecond, so that what stands out is
 * the logic's own work:
 * <pre>
 *   java $(cat tools/target/jvm.flags) -XX:+UseZGC -Xms12g -Xmx12g -cp benchmarks/target/benchmarks.jar \
 *       dev.loyalty.benchmarks.GrowthPauseProbe [PURCHASES=3000000] [MEMBERS=10000]
 * </pre>
 * Every reply is checked for an error; the purchases are built before the clock starts.
 */
public final class GrowthPauseProbe
{
    private static final int SLOWEST = 8;

    private GrowthPauseProbe()
    {
    }

    public static void main(final String[] args)
    {
        final int count = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        final int members = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        final Workload workload = new Workload(members, 42, true);
        final Commands.OneShot[] oneShots = workload.purchases(count, 7, "g-tx").oneShots();
        final BusinessLogic logic = BusinessLogicBenchmark.seededLogic(workload);
        System.gc();
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final long[] slowestNs = new long[SLOWEST];
        final int[] slowestAt = new int[SLOWEST];
        final long startNs = System.nanoTime();
        for (int i = 0; i < count; i++)
        {
            final long t0 = System.nanoTime();
            BusinessLogicBenchmark.check(logic.apply(oneShots[i], BusinessLogicBenchmark.stampOf(i)), oneShots[i]);
            final long took = System.nanoTime() - t0;
            histogram.recordValue(took);
            keepIfSlowest(slowestNs, slowestAt, took, i);
        }
        final long elapsedNs = System.nanoTime() - startNs;
        System.out.printf("%,d one-shot purchases over %,d members in %,d ms (%,.0f/s)%n",
            count, members, TimeUnit.NANOSECONDS.toMillis(elapsedNs), count * 1e9 / elapsedNs);
        System.out.printf("apply: p50 %.1f us, p99 %.1f us, p99.99 %.1f us, max %.1f ms%n",
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.99) / 1e3, histogram.getMaxValue() / 1e6);
        final Integer[] order = new Integer[SLOWEST];
        for (int k = 0; k < SLOWEST; k++)
        {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Long.compare(slowestNs[b], slowestNs[a]));
        final StringBuilder line = new StringBuilder("slowest applies (ms at purchases made):");
        for (final int k : order)
        {
            line.append(String.format(" %.1f at %,d;", slowestNs[k] / 1e6, slowestAt[k]));
        }
        System.out.println(line);
    }

    private static void keepIfSlowest(final long[] slowestNs, final int[] slowestAt, final long took, final int at)
    {
        int min = 0;
        for (int k = 1; k < slowestNs.length; k++)
        {
            if (slowestNs[k] < slowestNs[min])
            {
                min = k;
            }
        }
        if (took > slowestNs[min])
        {
            slowestNs[min] = took;
            slowestAt[min] = at;
        }
    }
}
