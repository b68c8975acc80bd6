package dev.loyalty.gateway;

import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.reply.ErrorCode;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The gateway's counters and latency histograms, rendered as Prometheus text by {@code GET /metrics}:
 * <ul>
 *   <li>{@code loyalty_commands_total{type,result}}: commands the engine answered, by type and result
 *       ({@code OK} or the error code);</li>
 *   <li>{@code loyalty_http_rejected_total{code}}: requests answered by the gateway itself before the engine
 *       (bad body, auth, overload, unknown route);</li>
 *   <li>{@code loyalty_command_latency_seconds{type}}: a histogram of the time from the whole request having
 *       arrived to its answer being written, engine and journal included;</li>
 *   <li>gauges: ring capacity and slots in use, journal sequence (the last journaled record), readiness,
 *       recovery, open connections.</li>
 * </ul>
 * Updated from every event loop with atomic arrays; reading races harmlessly with updates.
 */
public final class GatewayMetrics
{
    /** Upper bounds of the latency buckets, in nanoseconds (the last bucket, +Inf, is implicit). */
    static final long[] BUCKET_BOUNDS_NS = {
        25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000,
        50_000_000, 100_000_000, 250_000_000, 1_000_000_000};

    private static final CommandType[] TYPES = CommandType.values();
    private static final ErrorCode[] CODES = ErrorCode.values();
    private static final int RESULTS = CODES.length + 1;
    private static final int BUCKETS = BUCKET_BOUNDS_NS.length + 1;

    private final LoyaltyEngine engine;
    private final AtomicLongArray commands = new AtomicLongArray(TYPES.length * RESULTS);
    private final AtomicLongArray rejected = new AtomicLongArray(CODES.length);
    private final AtomicLongArray latencyBuckets = new AtomicLongArray(TYPES.length * BUCKETS);
    private final AtomicLongArray latencySumNs = new AtomicLongArray(TYPES.length);
    private final AtomicInteger connections = new AtomicInteger();

    GatewayMetrics(final LoyaltyEngine engine)
    {
        this.engine = engine;
    }

    /** Counts an engine answer and records its latency. */
    void recordCommand(final CommandType type, final ErrorCode error, final long latencyNs)
    {
        final int t = type.ordinal();
        commands.incrementAndGet(t * RESULTS + (error == null ? 0 : error.ordinal() + 1));
        int bucket = 0;
        while (bucket < BUCKET_BOUNDS_NS.length && latencyNs > BUCKET_BOUNDS_NS[bucket])
        {
            bucket++;
        }
        latencyBuckets.incrementAndGet(t * BUCKETS + bucket);
        latencySumNs.addAndGet(t, latencyNs);
    }

    /** Counts a request the gateway answered itself. */
    void recordRejected(final ErrorCode code)
    {
        rejected.incrementAndGet(code.ordinal());
    }

    int connectionOpened()
    {
        return connections.incrementAndGet();
    }

    void connectionClosed()
    {
        connections.decrementAndGet();
    }

    /** Commands of this type answered with this result (null: OK) so far. */
    public long commandCount(final CommandType type, final ErrorCode error)
    {
        return commands.get(type.ordinal() * RESULTS + (error == null ? 0 : error.ordinal() + 1));
    }

    /** Requests the gateway answered itself with this code so far. */
    public long rejectedCount(final ErrorCode code)
    {
        return rejected.get(code.ordinal());
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String render()
    {
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP loyalty_commands_total Commands answered by the engine, by type and result.\n");
        sb.append("# TYPE loyalty_commands_total counter\n");
        for (final CommandType type : TYPES)
        {
            for (int r = 0; r < RESULTS; r++)
            {
                final long n = commands.get(type.ordinal() * RESULTS + r);
                if (n != 0 || r == 0)
                {
                    sb.append("loyalty_commands_total{type=\"").append(type.name()).append("\",result=\"")
                        .append(r == 0 ? "OK" : CODES[r - 1].name()).append("\"} ").append(n).append('\n');
                }
            }
        }

        sb.append("# HELP loyalty_http_rejected_total Requests answered by the gateway before the engine, by code.\n");
        sb.append("# TYPE loyalty_http_rejected_total counter\n");
        for (final ErrorCode code : CODES)
        {
            final long n = rejected.get(code.ordinal());
            if (n != 0)
            {
                sb.append("loyalty_http_rejected_total{code=\"").append(code.name()).append("\"} ").append(n)
                    .append('\n');
            }
        }

        sb.append("# HELP loyalty_command_latency_seconds Request fully received to answer written, by command type.\n");
        sb.append("# TYPE loyalty_command_latency_seconds histogram\n");
        for (final CommandType type : TYPES)
        {
            final int base = type.ordinal() * BUCKETS;
            long cumulative = 0;
            for (int b = 0; b < BUCKETS; b++)
            {
                cumulative += latencyBuckets.get(base + b);
            }
            if (cumulative == 0)
            {
                continue;
            }
            cumulative = 0;
            for (int b = 0; b < BUCKETS; b++)
            {
                cumulative += latencyBuckets.get(base + b);
                sb.append("loyalty_command_latency_seconds_bucket{type=\"").append(type.name()).append("\",le=\"")
                    .append(b < BUCKET_BOUNDS_NS.length ? seconds(BUCKET_BOUNDS_NS[b]) : "+Inf").append("\"} ")
                    .append(cumulative).append('\n');
            }
            sb.append("loyalty_command_latency_seconds_sum{type=\"").append(type.name()).append("\"} ")
                .append(seconds(latencySumNs.get(type.ordinal()))).append('\n');
            sb.append("loyalty_command_latency_seconds_count{type=\"").append(type.name()).append("\"} ")
                .append(cumulative).append('\n');
        }

        gauge(sb, "loyalty_ring_capacity", "Slots in the engine's ring.", engine.ringCapacity());
        gauge(sb, "loyalty_ring_in_use", "Ring slots published and not yet answered.", engine.ringInUse());
        gauge(sb, "loyalty_journal_sequence", "Sequence number of the last journaled command.",
            engine.journalSequence());
        gauge(sb, "loyalty_engine_ready", "1 when the engine takes commands.", engine.isReady() ? 1 : 0);
        gauge(sb, "loyalty_engine_halted", "1 when the engine stopped on an internal error.", engine.isHalted() ? 1 : 0);
        gauge(sb, "loyalty_recovered_records", "Journal records replayed at start.", engine.recoveredRecords());
        gauge(sb, "loyalty_recovery_milliseconds", "How long recovery took at start.", engine.recoveryMillis());
        gauge(sb, "loyalty_http_connections", "Open HTTP connections.", connections.get());
        return sb.toString();
    }

    private static void gauge(final StringBuilder sb, final String name, final String help, final long value)
    {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(value).append('\n');
    }

    private static String seconds(final long nanos)
    {
        return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
