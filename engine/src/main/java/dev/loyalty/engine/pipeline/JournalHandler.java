package dev.loyalty.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.loyalty.engine.journal.Journal;

/**
 * Stage 1a: appends every state-changing command to the journal, in ring order, and ends each Disruptor batch
 * with {@link Journal#endOfBatch()} (a group commit in {@code SYNC} mode). Reads and commands refused before the
 * ring ({@link CommandSlot#refusal}) are skipped. A failed write halts the engine from the first slot whose
 * record may not be durable; later slots are not appended. {@link #durableSequence()} is the last record that
 * survives what the durability mode promises: appended ({@code ASYNC}) or forced ({@code SYNC}).
 */
final class JournalHandler implements EventHandler<CommandSlot>
{
    private final Journal journal;
    private final HaltState haltState;
    private final boolean syncEachBatch;
    private long firstUnsyncedSequence = -1;
    private volatile long lastJournalSequence;
    private volatile long durableSequence;

    JournalHandler(final Journal journal, final HaltState haltState, final boolean syncEachBatch)
    {
        this.journal = journal;
        this.haltState = haltState;
        this.syncEachBatch = syncEachBatch;
        this.lastJournalSequence = journal.lastSequence();
        this.durableSequence = journal.lastSequence();
    }

    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (haltState.isHalted())
        {
            return;
        }
        try
        {
            if (slot.refusal == null && slot.command.type().journaled())
            {
                if (firstUnsyncedSequence < 0)
                {
                    firstUnsyncedSequence = sequence;
                }
                slot.journalSequence = journal.append(slot.command, slot.stampMillis);
                lastJournalSequence = slot.journalSequence;
                if (!syncEachBatch)
                {
                    durableSequence = slot.journalSequence;
                }
            }
            if (endOfBatch && firstUnsyncedSequence >= 0)
            {
                journal.endOfBatch();
                firstUnsyncedSequence = -1;
                durableSequence = lastJournalSequence;
            }
        }
        catch (final Throwable t)
        {
            final long from = syncEachBatch && firstUnsyncedSequence >= 0 ? firstUnsyncedSequence : sequence;
            haltState.halt(from, new IllegalStateException("journal write failed at ring sequence " + sequence, t));
        }
    }

    long lastJournalSequence()
    {
        return lastJournalSequence;
    }

    /** The last record that survives what the durability mode promises. */
    long durableSequence()
    {
        return durableSequence;
    }
}
