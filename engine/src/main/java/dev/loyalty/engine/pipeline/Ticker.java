package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.time.EngineClock;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Puts a {@link Commands.Tick} into the ring when time-driven work (hold timeouts, activation, expiry, tier
 * downgrades, leaderboard periods) is due by the engine clock, so that it happens, and is journaled, even when
 * no other command arrives. It publishes at most one tick at a time and none while nothing is due, so an idle
 * engine writes nothing.
 */
final class Ticker implements Runnable
{
    private static final Commands.Tick TICK = new Commands.Tick();

    private final LoyaltyEngine engine;
    private final BusinessLogic logic;
    private final EngineClock clock;
    private final long intervalMillis;
    private final AtomicBoolean tickInFlight = new AtomicBoolean();
    private final ReplyListener onTickDone = (command, reply) -> tickInFlight.set(false);
    private volatile boolean running = true;

    Ticker(final LoyaltyEngine engine, final BusinessLogic logic, final EngineClock clock, final long intervalMillis)
    {
        this.engine = engine;
        this.logic = logic;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
    }

    public void run()
    {
        while (running)
        {
            doWork();
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

    /** Publishes a tick when one is due and none is in flight; returns 1 if it published. */
    int doWork()
    {
        if (clock.currentTimeMillis() >= logic.nextDueAtMillis() && tickInFlight.compareAndSet(false, true))
        {
            if (engine.tryPublish(TICK, onTickDone))
            {
                return 1;
            }
            tickInFlight.set(false);
        }
        return 0;
    }

    void stop()
    {
        running = false;
    }
}
