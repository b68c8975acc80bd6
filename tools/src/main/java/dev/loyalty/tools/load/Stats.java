package dev.loyalty.tools.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a run counted and measured, written by every connection's thread. Latency, in nanoseconds, is from a
 * request's intended send time ({@link Request#intendedNs}) to its answer, into one HdrHistogram
 * {@link Recorder} per request type and one for all; only requests meant to be sent in the measured window
 * (after the warm-up) go in. {@link #uncorrected} records the same answers from the actual send time, to show
 * how much of the latency was waiting to be sent. {@link #recent} records every answer, warm-up included, for the
 * progress line.
 */
final class Stats
{
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int MAX_EXAMPLES = 10;

    private final Recorder[] byType = new Recorder[RequestType.values().length];
    private final Recorder all = new Recorder(SIGNIFICANT_DIGITS);
    private final Recorder uncorrected = new Recorder(SIGNIFICANT_DIGITS);
    private final Recorder recent = new Recorder(SIGNIFICANT_DIGITS);

    final LongAdder sent = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder answeredInWindow = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder backPressure = new LongAdder();
    final LongAdder wrong = new LongAdder();
    final LongAdder failed = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byCode = new ConcurrentHashMap<>();
    private final List<String> wrongExamples = new ArrayList<>();
    private volatile long windowStartNs = Long.MAX_VALUE;
    private volatile long windowEndNs = Long.MAX_VALUE;

    Stats()
    {
        for (int i = 0; i < byType.length; i++)
        {
            byType[i] = new Recorder(SIGNIFICANT_DIGITS);
        }
    }

    /**
     * The measured window, set before anything is sent: requests meant to be sent in it are measured, answers
     * that arrive in it count towards the throughput.
     */
    void window(final long startNs, final long endNs)
    {
        windowStartNs = startNs;
        windowEndNs = endNs;
    }

    /** Whether a request meant to be sent at {@code intendedNs} is measured. */
    boolean measured(final long intendedNs)
    {
        return intendedNs >= windowStartNs && intendedNs < windowEndNs;
    }

    void onSent()
    {
        sent.increment();
    }

    /** Records an answer, sorted by {@link Checks}; {@code problem} says why a wrong one is wrong. */
    void onAnswer(
        final Request r, final Answer a, final long answeredNs, final Checks.Outcome outcome, final String problem)
    {
        answered.increment();
        if (answeredNs >= windowStartNs && answeredNs < windowEndNs)
        {
            answeredInWindow.increment();
        }
        final long latencyNs = Math.max(0, answeredNs - r.intendedNs);
        recent.recordValue(latencyNs);
        if (r.measured)
        {
            byType[r.type.ordinal()].recordValue(latencyNs);
            all.recordValue(latencyNs);
            uncorrected.recordValue(Math.max(0, answeredNs - r.sentNs));
        }
        switch (outcome)
        {
            case OK -> ok.increment();
            case REJECTED -> rejected.increment();
            case BACK_PRESSURE -> backPressure.increment();
            case WRONG ->
            {
                wrong.increment();
                synchronized (wrongExamples)
                {
                    if (wrongExamples.size() < MAX_EXAMPLES)
                    {
                        wrongExamples.add(r + ": " + problem);
                    }
                }
            }
        }
        if (!a.ok() || outcome == Checks.Outcome.WRONG)
        {
            final String key = r.type.label() + " " + (outcome == Checks.Outcome.WRONG ? "WRONG ANSWER" :
                a.status + " " + a.errorCode);
            byCode.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    /** The request got no answer. */
    void onFailed(final Request r, final Throwable cause)
    {
        failed.increment();
        byCode.computeIfAbsent(r.type.label() + " NO ANSWER (" + cause.getMessage() + ")", k -> new LongAdder())
            .increment();
    }

    /** The latency of the answers since the last call, warm-up included. */
    Histogram recentInterval()
    {
        return recent.getIntervalHistogram();
    }

    /** Everything measured so far, by type; empty types are left out. Call once, at the end. */
    Map<RequestType, Histogram> byType()
    {
        final Map<RequestType, Histogram> result = new TreeMap<>();
        for (final RequestType type : RequestType.values())
        {
            final Histogram h = byType[type.ordinal()].getIntervalHistogram();
            if (h.getTotalCount() > 0)
            {
                result.put(type, h);
            }
        }
        return result;
    }

    /** Every measured answer. Call once, at the end. */
    Histogram all()
    {
        return all.getIntervalHistogram();
    }

    /** Every measured answer from its actual send time. Call once, at the end. */
    Histogram uncorrected()
    {
        return uncorrected.getIntervalHistogram();
    }

    /** Answers that were not OK, by request type and code (and wrong answers), sorted. */
    Map<String, Long> byCode()
    {
        final Map<String, Long> result = new TreeMap<>();
        byCode.forEach((k, v) -> result.put(k, v.sum()));
        return result;
    }

    /** The first wrong answers, with what was wrong. */
    List<String> wrongExamples()
    {
        synchronized (wrongExamples)
        {
            return List.copyOf(wrongExamples);
        }
    }
}
