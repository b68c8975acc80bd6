package dev.loyalty.tools.load;

/**
 * The open-loop schedule: request {@code g} (0, 1, 2, ... across all connections) is meant to be sent at
 * {@code startNs + g / rate} seconds, and connection {@code c} of {@code n} sends requests {@code c, c + n,
 * c + 2n, ...}: each connection on a fixed period of {@code n / rate}, the connections staggered by
 * {@code 1 / rate}. Times are exact integer nanoseconds from the request number, so they never drift however long
 * the run. The schedule does not move when sending is late: a request sent late keeps its intended time, and its
 * latency is measured from it (the correction for coordinated omission).
 */
final class Schedule
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long startNs;
    private final long ratePerSecond;
    private final int connections;

    Schedule(final long startNs, final long ratePerSecond, final int connections)
    {
        if (ratePerSecond < 1 || connections < 1)
        {
            throw new IllegalArgumentException("rate and connections must be >= 1");
        }
        this.startNs = startNs;
        this.ratePerSecond = ratePerSecond;
        this.connections = connections;
    }

    /** When request {@code g} is meant to be sent: {@code startNs + floor(g * 1e9 / rate)}, without overflow. */
    long intendedNs(final long g)
    {
        return startNs + (g / ratePerSecond) * NANOS_PER_SECOND + (g % ratePerSecond) * NANOS_PER_SECOND / ratePerSecond;
    }

    /** The first request number of {@code connection}. */
    long first(final int connection)
    {
        return connection;
    }

    /** The request number a connection sends after {@code g}. */
    long next(final long g)
    {
        return g + connections;
    }

    /** How many requests are meant to be sent in {@code [startNs, startNs + durationNs)}. */
    long requestsWithin(final long durationNs)
    {
        long low = 0;
        long high = Math.max(1, durationNs / NANOS_PER_SECOND + 1) * ratePerSecond;
        while (low < high)
        {
            final long mid = (low + high) >>> 1;
            if (intendedNs(mid) - startNs < durationNs)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    long startNs()
    {
        return startNs;
    }
}
