package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.ErrorReply;
import dev.loyalty.engine.reply.Reply;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Keeps the journal off a full disk. Chronicle Queue writes through memory-mapped files, and a write into a
 * mapped page the file system has no block for kills the process with SIGBUS, so the engine must stop writing
 * before the disk is full rather than after. A timer thread (not every command) asks the file store how much
 * it can still take; below {@code minFreeBytes}, {@link #refusal()} is the answer that {@link LoyaltyEngine#tryPublish}
 * puts on every journaled command instead of journaling and applying it (503 {@code JOURNAL_UNAVAILABLE}:
 * nothing of it is applied), while reads keep their answers. When space returns, so do writes. Each change is
 * reported once as a warning. A threshold of 0 turns the guard off.
 */
final class DiskSpaceGuard implements Runnable
{
    private final Path dir;
    private final long minFreeBytes;
    private final long intervalMillis;
    private final FreeSpaceProbe probe;
    private final Consumer<String> warnings;
    private volatile Reply refusal;
    private volatile long usableBytes = Long.MAX_VALUE;
    private volatile boolean running = true;
    private boolean probeFailed;

    DiskSpaceGuard(
        final Path dir, final long minFreeBytes, final long intervalMillis, final FreeSpaceProbe probe,
        final Consumer<String> warnings)
    {
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
        this.intervalMillis = intervalMillis;
        this.probe = probe;
        this.warnings = warnings;
    }

    /** The answer for a journaled command while the disk is below the minimum, else null. */
    Reply refusal()
    {
        return refusal;
    }

    /** What the file store could take at the last check. */
    long usableBytes()
    {
        return usableBytes;
    }

    /** Asks the file store now and updates {@link #refusal()}; returns 1 when that changed, else 0. */
    int check()
    {
        if (minFreeBytes <= 0)
        {
            return 0;
        }
        final long usable;
        try
        {
            usable = probe.usableBytes(dir);
            probeFailed = false;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (!probeFailed)
            {
                probeFailed = true;
                warnings.accept("journal: cannot ask how much space " + dir + " has left (" + ex +
                    "); the free-space guard keeps its last decision");
            }
            return 0;
        }
        usableBytes = usable;
        final boolean low = usable < minFreeBytes;
        if (low == (refusal != null))
        {
            return 0;
        }
        // The warning goes out before the state turns, so that whoever sees the new state also sees why.
        if (low)
        {
            warnings.accept("journal: the disk of " + dir + " has " + usable + " bytes free, under the minimum of " +
                minFreeBytes + " (--min-free-disk-bytes): journaled commands are refused with 503 " +
                "JOURNAL_UNAVAILABLE until space is freed");
            refusal = ErrorReply.of(ErrorCode.JOURNAL_UNAVAILABLE, "the journal's disk has " + usable +
                " bytes free, under the minimum of " + minFreeBytes + ": changes are refused until space is " +
                "freed, reads still answer; retry later");
        }
        else
        {
            warnings.accept("journal: the disk of " + dir + " has " + usable + " bytes free again: journaled " +
                "commands are accepted");
            refusal = null;
        }
        return 1;
    }

    public void run()
    {
        while (running)
        {
            check();
            try
            {
                Thread.sleep(intervalMillis);
            }
            catch (final InterruptedException e)
            {
                return;
            }
        }
    }

    void stop()
    {
        running = false;
    }
}
