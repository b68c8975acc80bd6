package dev.loyalty.engine.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Records that the engine stopped on purpose: the first ring sequence whose outcome cannot be trusted (an
 * exception in the business logic, or a journal write that failed), and why. Every slot at or after that
 * sequence is answered {@code ENGINE_HALTED}; slots before it are answered normally. Nothing else is applied.
 */
final class HaltState
{
    private final AtomicLong haltSequence = new AtomicLong(Long.MAX_VALUE);
    private final AtomicReference<Throwable> cause = new AtomicReference<>();
    private final Consumer<Throwable> onHalt;

    HaltState(final Consumer<Throwable> onHalt)
    {
        this.onHalt = onHalt;
    }

    /** Marks the engine halted from ring sequence {@code sequence} on; the first cause wins. */
    void halt(final long sequence, final Throwable why)
    {
        haltSequence.accumulateAndGet(sequence, Math::min);
        if (cause.compareAndSet(null, why))
        {
            final Thread notifier = new Thread(() -> onHalt.accept(why), "loyalty-halt");
            notifier.setDaemon(true);
            notifier.start();
        }
    }

    boolean isHalted()
    {
        return cause.get() != null;
    }

    /** True when the slot at {@code sequence} must not be answered as applied. */
    boolean covers(final long sequence)
    {
        return sequence >= haltSequence.get();
    }

    Throwable cause()
    {
        return cause.get();
    }
}
