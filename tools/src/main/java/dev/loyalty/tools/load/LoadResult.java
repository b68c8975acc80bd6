package dev.loyalty.tools.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load run measured and counted, and how it is shown: the summary printed at the end (counts, throughput,
 * latency percentiles per request type and overall, answers by error code, the first wrong answers), the
 * HdrHistogram percentile distributions ({@code .hgrm}, milliseconds) and the percentile plot
 * ({@code latency.png}) in the report directory. {@link #passed()}: no wrong answer, every request answered.
 */
final class LoadResult
{
    private static final double NANOS_PER_MILLI = 1e6;

    private final LoadSettings settings;
    private final ProgramTerms program;
    private final Stats stats;
    private final Map<RequestType, Histogram> byType;
    private final Histogram all;
    private final Histogram uncorrected;
    private final double seconds;
    private final boolean drained;

    LoadResult(
        final LoadSettings settings, final ProgramTerms program, final Stats stats,
        final Map<RequestType, Histogram> byType, final Histogram all, final Histogram uncorrected,
        final double seconds, final boolean drained)
    {
        this.settings = settings;
        this.program = program;
        this.stats = stats;
        this.byType = byType;
        this.all = all;
        this.uncorrected = uncorrected;
        this.seconds = seconds;
        this.drained = drained;
    }

    /** True when every answer was right and every request was answered. */
    boolean passed()
    {
        return stats.wrong.sum() == 0 && stats.failed.sum() == 0 && drained;
    }

    long wrong()
    {
        return stats.wrong.sum();
    }

    long ok()
    {
        return stats.ok.sum();
    }

    long answered()
    {
        return stats.answered.sum();
    }

    long rejected()
    {
        return stats.rejected.sum();
    }

    long failed()
    {
        return stats.failed.sum();
    }

    /** Measured answers, by request type. */
    Map<RequestType, Histogram> byType()
    {
        return byType;
    }

    Histogram all()
    {
        return all;
    }

    /** Answers that arrived in the measured window, per second of it. */
    double throughput()
    {
        return stats.answeredInWindow.sum() / seconds;
    }

    Map<String, Long> byCode()
    {
        return stats.byCode();
    }

    /** A one-line description of the run, for the plot and the summary. */
    String describe(final String target)
    {
        final String mode = settings.rate() > 0 ?
            String.format(Locale.ROOT, "open loop at %,d/s", settings.rate()) :
            "closed loop, " + settings.pipeline() + " in flight per connection";
        return String.format(Locale.ROOT, "%s, %s, %d connections, %ds measured after %ds warm-up, %,d members, %s",
            target, mode, settings.connections(), settings.durationNs() / 1_000_000_000L,
            settings.warmupNs() / 1_000_000_000L, settings.members(), settings.mix());
    }

    /** Prints the summary. */
    void print(final PrintStream out, final String target)
    {
        out.println();
        out.println("loadgen: " + describe(target));
        out.printf(Locale.ROOT, "requests: sent %,d, answered %,d: ok %,d, rejected (business) %,d, overloaded %,d, " +
            "wrong %,d; no answer %,d%n", stats.sent.sum(), stats.answered.sum(), stats.ok.sum(),
            stats.rejected.sum(), stats.backPressure.sum(), stats.wrong.sum(), stats.failed.sum());
        out.printf(Locale.ROOT, "throughput: %,.0f answers/s in the %.0f s measured%s%n", throughput(), seconds,
            settings.rate() > 0 ? String.format(Locale.ROOT, " (new flows asked: %,d/s; captures come on top)",
            settings.rate()) : "");
        out.println("latency (ms) from the intended send time" +
            (settings.rate() > 0 ? " (open loop: a late send counts its wait)" : " (closed loop: from the send)") +
            ", measured requests only:");
        out.printf(Locale.ROOT, "  %-14s %10s %9s %9s %9s %9s %9s%n",
            "request", "count", "p50", "p90", "p99", "p99.9", "max");
        for (final Map.Entry<RequestType, Histogram> e : byType.entrySet())
        {
            row(out, e.getKey().label(), e.getValue());
        }
        row(out, "all", all);
        row(out, "all, from send", uncorrected);
        final Map<String, Long> codes = stats.byCode();
        if (!codes.isEmpty())
        {
            out.println("answers other than success, by request and code:");
            codes.forEach((code, count) -> out.printf(Locale.ROOT, "  %-60s %,12d%n", code, count));
        }
        final List<String> examples = stats.wrongExamples();
        if (!examples.isEmpty())
        {
            out.println("first wrong answers:");
            examples.forEach(e -> out.println("  " + e));
        }
        if (!drained)
        {
            out.println("not every request was answered within the drain time; the connections were closed");
        }
        out.println(passed() ? "result: every answer checked and right" :
            "result: FAILED (" + stats.wrong.sum() + " wrong answers, " + stats.failed.sum() + " unanswered)");
        out.flush();
    }

    private static void row(final PrintStream out, final String name, final Histogram h)
    {
        out.printf(Locale.ROOT, "  %-14s %,10d %9s %9s %9s %9s %9s%n", name, h.getTotalCount(),
            millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(90)),
            millis(h.getValueAtPercentile(99)), millis(h.getValueAtPercentile(99.9)), millis(h.getMaxValue()));
    }

    /** Writes {@code <request>.hgrm}, {@code all.hgrm}, {@code all-from-send.hgrm}, {@code latency.png}, {@code summary.txt}. */
    List<Path> write(final Path dir, final String target) throws IOException
    {
        Files.createDirectories(dir);
        final Map<String, Histogram> series = new LinkedHashMap<>();
        series.put("all", all);
        byType.forEach((type, h) -> series.put(type.label(), h));
        for (final Map.Entry<String, Histogram> e : series.entrySet())
        {
            hgrm(dir.resolve(e.getKey() + ".hgrm"), e.getValue());
        }
        hgrm(dir.resolve("all-from-send.hgrm"), uncorrected);
        final Path png = dir.resolve("latency.png");
        PercentilePlot.write(png, String.format(Locale.ROOT, "loyalty loadgen: %,.0f answers/s, p99 %s ms",
            throughput(), millis(all.getValueAtPercentile(99))), describe(target), series);
        final Path summary = dir.resolve("summary.txt");
        try (PrintStream out = new PrintStream(Files.newOutputStream(summary), false, StandardCharsets.UTF_8))
        {
            print(out, target);
        }
        return List.of(dir.resolve("all.hgrm"), png, summary);
    }

    private static void hgrm(final Path file, final Histogram h) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            h.outputPercentileDistribution(out, 5, NANOS_PER_MILLI);
        }
    }

    /** Nanoseconds as milliseconds with three decimals. */
    static String millis(final long nanos)
    {
        return String.format(Locale.ROOT, "%.3f", nanos / NANOS_PER_MILLI);
    }
}
