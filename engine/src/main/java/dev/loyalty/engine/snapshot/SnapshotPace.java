package dev.loyalty.engine.snapshot;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a {@link SnapshotWriter} to a budget of bytes a second, for a snapshot written beside the live pipeline.
 * The writer hands what it buffered to the file every {@value #SLICE} bytes (about a millisecond of encoding) and
 * calls {@link #afterFlush}, which parks while the bytes written are ahead of the budget: on a machine with fewer
 * cores than runnable threads the writer then takes slices of a core rather than the whole of one for the whole
 * write. (Forcing the file every 8 MB as it goes, so that its dirty pages do not pile up for the final force,
 * was tried and not kept: in the one pair measured, heap settled and the members written without garbage, the live
 * p99 during the write was 11.2 ms with it and 6.4 ms without; docs/BENCHMARKS.md, SnapshotPauseHarness.) Credit does not
 * accumulate: a writer that fell behind by more than a slice's time (a slow disk, a collection) starts the
 * budget again from then rather than bursting to catch up.
 */
final class SnapshotPace
{
    static final int SLICE = 64 << 10;

    private final double nanosPerByte;
    private final long sliceNanos;
    private long fromNs;
    private long fromBytes;
    private long parks;
    private long parkedNanos;

    SnapshotPace(final long bytesPerSecond)
    {
        if (bytesPerSecond <= 0)
        {
            throw new IllegalArgumentException("bytesPerSecond must be > 0: " + bytesPerSecond);
        }
        this.nanosPerByte = (double)TimeUnit.SECONDS.toNanos(1) / bytesPerSecond;
        this.sliceNanos = (long)(SLICE * nanosPerByte);
        this.fromNs = System.nanoTime();
    }

    /** Called by the writer after each flush, with the bytes it has written to the file so far. */
    void afterFlush(final long written)
    {
        final long now = System.nanoTime();
        final long due = fromNs + (long)((written - fromBytes) * nanosPerByte);
        final long ahead = due - now;
        if (ahead > 0)
        {
            // parkNanos may return early (spuriously, or on an interrupt): park again until the budget is kept
            long left = ahead;
            do
            {
                LockSupport.parkNanos(left);
                left = due - System.nanoTime();
            }
            while (left > 0 && !Thread.currentThread().isInterrupted());
            parks++;
            parkedNanos += System.nanoTime() - now;
        }
        else if (-ahead > sliceNanos)
        {
            fromNs = now;
            fromBytes = written;
        }
    }

    long parks()
    {
        return parks;
    }

    long parkedNanos()
    {
        return parkedNanos;
    }
}
