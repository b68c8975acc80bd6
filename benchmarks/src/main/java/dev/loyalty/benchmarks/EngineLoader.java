package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.ReplyListener;
import dev.loyalty.engine.reply.Reply;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Sends a {@link Workload}'s seed commands through a running engine's ring and waits until all succeeded. */
final class EngineLoader
{
    private EngineLoader()
    {
    }

    /** Publishes every command (retrying while the ring is full) and waits for every answer; any error throws. */
    static void load(final LoyaltyEngine engine, final List<Command> commands, final long timeoutSeconds)
    {
        final AtomicLong answered = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final ReplyListener listener = (command, reply) ->
        {
            if (reply.errorCode() != null)
            {
                firstError.compareAndSet(null, command + " was rejected: " + ReplyFields.of(reply));
            }
            answered.incrementAndGet();
        };
        for (int i = 0, size = commands.size(); i < size; i++)
        {
            while (!engine.tryPublish(commands.get(i), listener))
            {
                if (engine.isHalted())
                {
                    throw new IllegalStateException("the engine halted while seeding", engine.haltCause());
                }
                Thread.yield();
            }
        }
        awaitCount(answered, commands.size(), timeoutSeconds, "seed answers");
        if (firstError.get() != null)
        {
            throw new IllegalStateException(firstError.get());
        }
    }

    /** Waits until {@code counter} reaches {@code expected}, yielding; throws after the timeout. */
    static void awaitCount(final AtomicLong counter, final long expected, final long timeoutSeconds, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (counter.get() < expected)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException(
                    "only " + counter.get() + " of " + expected + " " + what + " after " + timeoutSeconds + " s");
            }
            Thread.yield();
        }
    }

    /** A short rendering of a reply for an error message. */
    static String describe(final Reply reply)
    {
        return reply.httpStatus() + " " + ReplyFields.of(reply);
    }
}
