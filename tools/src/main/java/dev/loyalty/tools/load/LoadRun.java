package dev.loyalty.tools.load;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One load run: reads the program's terms, opens the connections, starts a {@link ConnectionDriver} on each at
 * the same instant, prints progress every second, waits for the end and the last answers, and returns the
 * {@link LoadResult}. The clock is {@link System#nanoTime()}.
 */
final class LoadRun
{
    private static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LoadSettings settings;
    private final Transport transport;
    private final PrintStream progress;

    LoadRun(final LoadSettings settings, final Transport transport, final PrintStream progress)
    {
        this.settings = settings;
        this.transport = transport;
        this.progress = progress;
    }

    /** Runs the load against a program whose terms are {@code program}. */
    LoadResult run(final ProgramTerms program) throws Exception
    {
        final Checks checks = new Checks(program.pointValueMinor());
        final int n = settings.connections();
        final CountDownLatch done = new CountDownLatch(n);
        final Stats stats = new Stats();
        final List<ConnectionDriver> drivers = new ArrayList<>(n);
        final List<Connection> connections = new ArrayList<>(n);
        for (int c = 0; c < n; c++)
        {
            final Workload workload = new Workload(settings.mix(), settings.numbers(), settings.firstMember(),
                settings.members(), settings.redeemPercent(), program.pointValueMinor(), program.maxRedeemShareBp(),
                settings.runId() + "-" + Integer.toString(c, 36) + "-", settings.seed() * 1_000_003L + c);
            final ConnectionDriver driver = new ConnectionDriver(
                c, workload, checks, stats, settings.pipeline(), settings.maxOutstanding(), System::nanoTime,
                done::countDown);
            final Connection connection = transport.open(driver);
            driver.attach(connection, connection::schedule);
            drivers.add(driver);
            connections.add(connection);
        }

        final long startNs = System.nanoTime() + START_DELAY_NS;
        final long measureStartNs = startNs + settings.warmupNs();
        final long endNs = measureStartNs + settings.durationNs();
        stats.window(measureStartNs, endNs);
        final Schedule schedule = settings.rate() > 0 ? new Schedule(startNs, settings.rate(), n) : null;
        for (int c = 0; c < n; c++)
        {
            final ConnectionDriver driver = drivers.get(c);
            connections.get(c).schedule(startNs - System.nanoTime(), () -> driver.start(schedule, endNs));
        }
        watch(stats, startNs, measureStartNs, endNs, done);
        final boolean drained = done.await(
            Math.max(0, endNs + settings.drainNs() - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!drained)
        {
            for (final Connection connection : connections)
            {
                connection.execute(connection::close);
            }
            done.await(5, TimeUnit.SECONDS);
        }
        return new LoadResult(settings, program, stats, stats.byType(), stats.all(), stats.uncorrected(),
            (double)settings.durationNs() / NANOS_PER_SECOND, drained);
    }

    private void watch(
        final Stats stats, final long startNs, final long measureStartNs, final long endNs, final CountDownLatch done)
        throws InterruptedException
    {
        long nextNs = startNs + NANOS_PER_SECOND;
        long lastAnswered = 0;
        while (true)
        {
            final long waitNs = nextNs - System.nanoTime();
            if (done.await(Math.max(0, waitNs), TimeUnit.NANOSECONDS))
            {
                return;
            }
            final long now = System.nanoTime();
            final Histogram recent = stats.recentInterval();
            final long answered = stats.answered.sum();
            if (settings.progress())
            {
                final String phase = now < measureStartNs ? "warm-up" : now < endNs ? "measure" : "drain";
                progress.printf("[%4ds %-7s] sent %,d answered %,d rejected %,d overloaded %,d wrong %,d " +
                    "no-answer %,d | %,d/s | p99 %s ms%n",
                    (now - startNs) / NANOS_PER_SECOND, phase, stats.sent.sum(), answered, stats.rejected.sum(),
                    stats.backPressure.sum(), stats.wrong.sum(), stats.failed.sum(), answered - lastAnswered,
                    recent.getTotalCount() == 0 ? "-" : LoadResult.millis(recent.getValueAtPercentile(99.0)));
                progress.flush();
            }
            lastAnswered = answered;
            nextNs += NANOS_PER_SECOND;
            if (now > endNs + settings.drainNs())
            {
                return;
            }
        }
    }
}
