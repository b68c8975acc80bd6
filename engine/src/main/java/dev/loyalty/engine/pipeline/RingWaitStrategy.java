package dev.loyalty.engine.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the ring's stages wait for work. {@code BLOCKING} is the default: it waits for new commands on a monitor
 * and backs off (spin, yield, short parks) while a stage it depends on finishes a batch, so it burns no core
 * while idle and none while waiting for another stage, which is right when there are fewer cores than stages
 * (the 2-core machine we test on); see {@link BlockingBackoffWaitStrategy}. {@code SLEEPING} always polls with
 * short sleeps. {@code YIELDING} and {@code BUSY_SPIN} trade cores for latency on machines with a core per stage
 * to spare.
 */
public enum RingWaitStrategy
{
    BLOCKING, SLEEPING, YIELDING, BUSY_SPIN;

    WaitStrategy newWaitStrategy()
    {
        return switch (this)
        {
            case BLOCKING -> new BlockingBackoffWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
