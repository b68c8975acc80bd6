package dev.loyalty.engine.time;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: for tests of holds, activation and expiry without sleeping. */
public final class ManualClock implements EngineClock
{
    private final AtomicLong nowMillis;

    public ManualClock(final long startMillis)
    {
        nowMillis = new AtomicLong(startMillis);
    }

    public long currentTimeMillis()
    {
        return nowMillis.get();
    }

    public void advanceMillis(final long millis)
    {
        nowMillis.addAndGet(millis);
    }

    public void setMillis(final long millis)
    {
        nowMillis.set(millis);
    }
}
