package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.pipeline.ReplyListener;
import dev.loyalty.engine.reply.Reply;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The reply listener of {@link PipelineBenchmark}: counts answers and errors on the replier thread without
 * allocating, and keeps the first error for the report.
 */
final class CompletionCounter implements ReplyListener
{
    final AtomicLong completed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    volatile String firstFailure;

    public void onReply(final Command command, final Reply reply)
    {
        if (reply.errorCode() != null || reply.httpStatus() != 200)
        {
            if (failed.getAndIncrement() == 0)
            {
                firstFailure = command + " answered " + EngineLoader.describe(reply);
            }
        }
        completed.lazySet(completed.get() + 1);
    }
}
