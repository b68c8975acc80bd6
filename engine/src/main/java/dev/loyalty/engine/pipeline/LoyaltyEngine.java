package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.logic.BusinessLogic;

/**
 * The running engine: recovery, then the Disruptor pipeline (journaler in parallel with the business logic,
 * then the replier) and the ticker. Front ends call {@link #tryPublish} from any thread.
 */
public final class LoyaltyEngine implements AutoCloseable
{
    /** Replays the journal in {@code ctx.dataDir()/journal} into a fresh business logic, then starts the pipeline. */
    public static LoyaltyEngine start(final EngineContext ctx)
    {
        throw new UnsupportedOperationException("pipeline: being written");
    }

    /**
     * Stamps the command with engine time and puts it in the ring, or returns false at once when the ring is
     * full (the caller answers 503 OVERLOADED with Retry-After). Never blocks.
     */
    public boolean tryPublish(final Command command, final ReplyListener listener)
    {
        throw new UnsupportedOperationException();
    }

    /** The live API keys, for authentication. */
    public ApiKeys apiKeys()
    {
        throw new UnsupportedOperationException();
    }

    /** True once recovery is done and the pipeline runs, false after a halt or close. */
    public boolean isReady()
    {
        throw new UnsupportedOperationException();
    }

    /** Slots in the ring. */
    public long ringCapacity()
    {
        throw new UnsupportedOperationException();
    }

    /** Slots taken: published but not yet answered. */
    public long ringInUse()
    {
        throw new UnsupportedOperationException();
    }

    /** The sequence of the last journaled command. */
    public long journalSequence()
    {
        throw new UnsupportedOperationException();
    }

    /** Records replayed at start and how long recovery took. */
    public long recoveredRecords()
    {
        throw new UnsupportedOperationException();
    }

    public long recoveryMillis()
    {
        throw new UnsupportedOperationException();
    }

    /** The business logic; read it only after {@link #close()} (tests digest it). */
    public BusinessLogic businessLogic()
    {
        throw new UnsupportedOperationException();
    }

    /** Drains the ring, stops the threads and closes the journal. */
    public void close()
    {
    }
}
