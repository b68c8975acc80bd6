package dev.loyalty.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.loyalty.engine.logic.BusinessLogic;

/**
 * Stage 1b: the single writer. Applies each command to the business logic, in parallel with the journaler.
 * An exception is a bug: the engine halts on purpose from this slot on (nothing after it is applied) so that
 * recovery can replay the journal, rather than skipping the command or wedging the ring.
 */
final class BusinessLogicHandler implements EventHandler<CommandSlot>
{
    private final BusinessLogic logic;
    private final HaltState haltState;

    BusinessLogicHandler(final BusinessLogic logic, final HaltState haltState)
    {
        this.logic = logic;
        this.haltState = haltState;
    }

    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (haltState.isHalted() || slot.refusal != null)
        {
            return;
        }
        try
        {
            slot.reply = logic.apply(slot.command, slot.stampMillis);
        }
        catch (final Throwable t)
        {
            haltState.halt(sequence, new IllegalStateException(
                "business logic failed on " + slot.command.type() + " at ring sequence " + sequence, t));
        }
    }
}
