package dev.loyalty.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the ring's stages wait for work. {@code BLOCKING} is the default: it burns no core while idle, which is
 * right when there are fewer cores than stages (the 2-core machine we test on). {@code YIELDING} and
 * {@code BUSY_SPIN} trade cores for latency on machines with a core per stage to spare.
 */
public enum RingWaitStrategy
{
    BLOCKING, SLEEPING, YIELDING, BUSY_SPIN;

    WaitStrategy newWaitStrategy()
    {
        return switch (this)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
