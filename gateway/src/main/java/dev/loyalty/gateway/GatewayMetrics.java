package dev.loyalty.gateway;

import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.reply.ErrorCode;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 *       recovery, open connections;</li>
 *   <li>the binary protocol's own: {@code loyalty_binary_commands_total{type,result}},
 *       {@code loyalty_binary_rejected_total{code}} (frames the gateway answered itself: malformed, auth,
 *       overload), {@code loyalty_binary_command_latency_seconds{type}} (the whole frame read to its answer
 *       written), {@code loyalty_binary_internal_errors_total} and the gauge {@code loyalty_binary_connections}.
 *       The HTTP families count HTTP only.</li>
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
    private final AtomicLongArray binaryCommands = new AtomicLongArray(TYPES.length * RESULTS);
    private final AtomicLongArray binaryRejected = new AtomicLongArray(CODES.length);
    private final AtomicLongArray binaryLatencyBuckets = new AtomicLongArray(TYPES.length * BUCKETS);
    private final AtomicLongArray binaryLatencySumNs = new AtomicLongArray(TYPES.length);
    private final AtomicLong binaryInternalErrors = new AtomicLong();
    private final AtomicInteger binaryConnections = new AtomicInteger();

    GatewayMetrics(final LoyaltyEngine engine)
    {
        this.engine = engine;
    }

    /** Counts an engine answer and records its latency. */
    void recordCommand(final CommandType type, final ErrorCode error, final long latencyNs)
    {
        record(commands, latencyBuckets, latencySumNs, type, error, latencyNs);
    }

    /** Counts an engine answer on the binary protocol and records its latency. */
    public void recordBinaryCommand(final CommandType type, final ErrorCode error, final long latencyNs)
    {
        record(binaryCommands, binaryLatencyBuckets, binaryLatencySumNs, type, error, latencyNs);
    }

    private static void record(
        final AtomicLongArray counts, final AtomicLongArray buckets, final AtomicLongArray sums,
        final CommandType type, final ErrorCode error, final long latencyNs)
    {
        final int t = type.ordinal();
        counts.incrementAndGet(t * RESULTS + (error == null ? 0 : error.ordinal() + 1));
        int bucket = 0;
        while (bucket < BUCKET_BOUNDS_NS.length && latencyNs > BUCKET_BOUNDS_NS[bucket])
        {
            bucket++;
        }
        buckets.incrementAndGet(t * BUCKETS + bucket);
        sums.addAndGet(t, latencyNs);
    }

    /** Counts a binary frame the gateway answered itself with this code. */
    public void recordBinaryRejected(final ErrorCode code)
    {
        binaryRejected.incrementAndGet(code.ordinal());
    }

    /**
     * Counts a bug the binary protocol met: an answer it could not encode (its connection is closed) or a frame
     * whose decoding failed other than by the rules (answered INVALID_REQUEST).
     */
    public void recordBinaryInternalError()
    {
        binaryInternalErrors.incrementAndGet();
    }

    /** Bugs the binary protocol met so far ({@link #recordBinaryInternalError}). */
    public long binaryInternalErrors()
    {
        return binaryInternalErrors.get();
    }

    /** Counts a binary connection opening; returns how many are open with it. */
    public int binaryConnectionOpened()
    {
        return binaryConnections.incrementAndGet();
    }

    /** Counts a binary connection closing. */
    public void binaryConnectionClosed()
    {
        binaryConnections.decrementAndGet();
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

    /** Binary commands of this type answered by the engine with this result (null: OK) so far. */
    public long binaryCommandCount(final CommandType type, final ErrorCode error)
    {
        return binaryCommands.get(type.ordinal() * RESULTS + (error == null ? 0 : error.ordinal() + 1));
    }

    /** Binary frames the gateway answered itself with this code so far. */
    public long binaryRejectedCount(final ErrorCode code)
    {
        return binaryRejected.get(code.ordinal());
    }

    /** Open binary connections. */
    public int binaryConnections()
    {
        return binaryConnections.get();
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String render()
    {
        final StringBuilder sb = new StringBuilder(4096);
        commands(sb, "loyalty_commands_total", "Commands answered by the engine, by type and result.", commands);
        rejected(sb, "loyalty_http_rejected_total", "Requests answered by the gateway before the engine, by code.",
            rejected);
        latency(sb, "loyalty_command_latency_seconds", "Request fully received to answer written, by command type.",
            latencyBuckets, latencySumNs);

        gauge(sb, "loyalty_ring_capacity", "Slots in the engine's ring.", engine.ringCapacity());
        gauge(sb, "loyalty_ring_in_use", "Ring slots published and not yet answered.", engine.ringInUse());
        gauge(sb, "loyalty_journal_sequence", "Sequence number of the last journaled command.",
            engine.journalSequence());
        gauge(sb, "loyalty_engine_ready", "1 when the engine takes commands.", engine.isReady() ? 1 : 0);
        gauge(sb, "loyalty_engine_halted", "1 when the engine stopped on an internal error.", engine.isHalted() ? 1 : 0);
        gauge(sb, "loyalty_recovered_records", "Journal records replayed at start.", engine.recoveredRecords());
        gauge(sb, "loyalty_recovery_milliseconds", "How long recovery took at start.", engine.recoveryMillis());
        gauge(sb, "loyalty_http_connections", "Open HTTP connections.", connections.get());

        commands(sb, "loyalty_binary_commands_total", "Binary protocol commands answered by the engine, by type " +
            "and result.", binaryCommands);
        rejected(sb, "loyalty_binary_rejected_total", "Binary frames answered by the gateway before the engine, " +
            "by code.", binaryRejected);
        latency(sb, "loyalty_binary_command_latency_seconds", "Binary frame fully received to answer written, by " +
            "command type.", binaryLatencyBuckets, binaryLatencySumNs);
        sb.append("# HELP loyalty_binary_internal_errors_total Binary frames or answers that met a bug.\n");
        sb.append("# TYPE loyalty_binary_internal_errors_total counter\n");
        sb.append("loyalty_binary_internal_errors_total ").append(binaryInternalErrors.get()).append('\n');
        gauge(sb, "loyalty_binary_connections", "Open binary protocol connections.", binaryConnections.get());
        return sb.toString();
    }

    private static void commands(
        final StringBuilder sb, final String name, final String help, final AtomicLongArray counts)
    {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        for (final CommandType type : TYPES)
        {
            for (int r = 0; r < RESULTS; r++)
            {
                final long n = counts.get(type.ordinal() * RESULTS + r);
                if (n != 0 || r == 0)
                {
                    sb.append(name).append("{type=\"").append(type.name()).append("\",result=\"")
                        .append(r == 0 ? "OK" : CODES[r - 1].name()).append("\"} ").append(n).append('\n');
                }
            }
        }
    }

    private static void rejected(
        final StringBuilder sb, final String name, final String help, final AtomicLongArray counts)
    {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        for (final ErrorCode code : CODES)
        {
            final long n = counts.get(code.ordinal());
            if (n != 0)
            {
                sb.append(name).append("{code=\"").append(code.name()).append("\"} ").append(n).append('\n');
            }
        }
    }

    private static void latency(
        final StringBuilder sb, final String name, final String help, final AtomicLongArray buckets,
        final AtomicLongArray sums)
    {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" histogram\n");
        for (final CommandType type : TYPES)
        {
            final int base = type.ordinal() * BUCKETS;
            long cumulative = 0;
            for (int b = 0; b < BUCKETS; b++)
            {
                cumulative += buckets.get(base + b);
            }
            if (cumulative == 0)
            {
                continue;
            }
            cumulative = 0;
            for (int b = 0; b < BUCKETS; b++)
            {
                cumulative += buckets.get(base + b);
                sb.append(name).append("_bucket{type=\"").append(type.name()).append("\",le=\"")
                    .append(b < BUCKET_BOUNDS_NS.length ? seconds(BUCKET_BOUNDS_NS[b]) : "+Inf").append("\"} ")
                    .append(cumulative).append('\n');
            }
            sb.append(name).append("_sum{type=\"").append(type.name()).append("\"} ")
                .append(seconds(sums.get(type.ordinal()))).append('\n');
            sb.append(name).append("_count{type=\"").append(type.name()).append("\"} ")
                .append(cumulative).append('\n');
        }
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
