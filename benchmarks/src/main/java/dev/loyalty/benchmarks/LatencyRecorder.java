package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.pipeline.ReplyListener;
import dev.loyalty.engine.reply.Reply;
import org.HdrHistogram.Histogram;

/**
 * The reply listener of {@link PipelineLatencyHarness}, on the replier thread. One publisher sends command
 * {@code k} of a schedule no earlier than its intended time {@code startNs + k * 1e9 / rate}, and the replier
 * answers in ring order, so the {@code k}-th answer this listener gets is command {@code k}'s (it checks that
 * the command is the one expected). It records {@code now - intended time} into the histogram for every
 * command after the warm-up, so a stall delays every command planned during it (no coordinated omission), and
 * keeps each reply for checking after the run. It allocates nothing.
 */
final class LatencyRecorder implements ReplyListener
{
    private final Command[] expected;
    private final Reply[] replies;
    private final long startNs;
    private final long ratePerSecond;
    private final int warmupCount;
    private final Histogram histogram;
    private long answered;
    private long wrongOrder;
    private volatile long answeredVolatile;

    LatencyRecorder(
        final Command[] expected, final long startNs, final long ratePerSecond, final int warmupCount,
        final Histogram histogram)
    {
        this.expected = expected;
        this.replies = new Reply[expected.length];
        this.startNs = startNs;
        this.ratePerSecond = ratePerSecond;
        this.warmupCount = warmupCount;
        this.histogram = histogram;
    }

    /** When command {@code k} is planned to be sent, in {@link System#nanoTime()} terms. */
    static long intendedNs(final long startNs, final long ratePerSecond, final long k)
    {
        return startNs + k * 1_000_000_000L / ratePerSecond;
    }

    public void onReply(final Command command, final Reply reply)
    {
        final long nowNs = System.nanoTime();
        final int k = (int)answered;
        if (command != expected[k])
        {
            wrongOrder++;
        }
        replies[k] = reply;
        if (k >= warmupCount)
        {
            final long latencyNs = nowNs - intendedNs(startNs, ratePerSecond, k);
            histogram.recordValue(Math.min(Math.max(latencyNs, 0), histogram.getHighestTrackableValue()));
        }
        answered = k + 1;
        answeredVolatile = answered;
    }

    /** Answers so far; safe from any thread. */
    long answered()
    {
        return answeredVolatile;
    }

    /** Answers that did not come for the command expected next; read once the engine is closed. */
    long wrongOrder()
    {
        return wrongOrder;
    }

    /** The reply to command {@code k}, or null; read once the engine is closed. */
    Reply reply(final int k)
    {
        return replies[k];
    }
}
