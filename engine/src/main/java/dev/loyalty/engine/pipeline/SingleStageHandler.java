package dev.loyalty.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

/**
 * {@link PipelineStages#SINGLE}: the journaler, the business logic and the replier of a slot on one thread, in
 * that order, so that an answer still leaves only once its command is in the journal. With a {@code SYNC}
 * journal the force comes at the end of a batch ({@link JournalHandler}), so the batch's answers are handed on
 * after it, read back from the ring: the slots stay this handler's until it returns from the batch's last one.
 * A halt works as with the parallel stages: nothing after the failed slot is applied, and the replier answers
 * {@code ENGINE_HALTED} from it on.
 */
final class SingleStageHandler implements EventHandler<CommandSlot>
{
    private final JournalHandler journal;
    private final BusinessLogicHandler logic;
    private final ReplyHandler replier;
    private final RingBuffer<CommandSlot> ring;
    private final boolean repliesAfterBatch;
    private long batchStart = -1;

    SingleStageHandler(
        final JournalHandler journal, final BusinessLogicHandler logic, final ReplyHandler replier,
        final RingBuffer<CommandSlot> ring, final boolean sync)
    {
        this.journal = journal;
        this.logic = logic;
        this.replier = replier;
        this.ring = ring;
        this.repliesAfterBatch = sync;
    }

    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        journal.onEvent(slot, sequence, endOfBatch);
        logic.onEvent(slot, sequence, endOfBatch);
        if (!repliesAfterBatch)
        {
            replier.onEvent(slot, sequence, endOfBatch);
            return;
        }
        if (batchStart < 0)
        {
            batchStart = sequence;
        }
        if (endOfBatch)
        {
            for (long s = batchStart; s <= sequence; s++)
            {
                replier.onEvent(ring.get(s), s, s == sequence);
            }
            batchStart = -1;
        }
    }
}
