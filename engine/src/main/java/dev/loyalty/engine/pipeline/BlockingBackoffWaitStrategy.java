package dev.loyalty.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the ring's cursor under a monitor, like Disruptor's {@code BlockingWaitStrategy}, and for the stages a
 * handler depends on with a spin, then yields, then short parks — never an unbounded spin. Disruptor's own
 * blocking strategy spins on dependent stages without end, so the replier (which waits for both the journaler
 * and the business logic) burned a whole core while the business logic worked: on a 2-core machine that halves
 * what the engine can do. A dependent stage only lags by the time it takes to handle a batch, so the backoff
 * is short: at most {@value #MAX_PARK_NANOS} ns a park.
 */
final class BlockingBackoffWaitStrategy implements WaitStrategy
{
    static final int SPINS = 200;
    static final int YIELDS = 50;
    static final long MAX_PARK_NANOS = 50_000;

    private final Object mutex = new Object();

    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        if (cursor.get() < sequence)
        {
            synchronized (mutex)
            {
                while (cursor.get() < sequence)
                {
                    barrier.checkAlert();
                    mutex.wait();
                }
            }
        }

        long available;
        int attempt = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (attempt < SPINS)
            {
                Thread.onSpinWait();
            }
            else if (attempt < SPINS + YIELDS)
            {
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, 1_000L << Math.min(6, attempt - SPINS - YIELDS)));
            }
            attempt++;
        }
        return available;
    }

    public void signalAllWhenBlocking()
    {
        synchronized (mutex)
        {
            mutex.notifyAll();
        }
    }
}
