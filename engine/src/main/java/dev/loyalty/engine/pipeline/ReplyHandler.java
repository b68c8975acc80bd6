package dev.loyalty.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.ErrorReply;
import dev.loyalty.engine.reply.Reply;

/**
 * Stage 2: runs after both the journaler and the business logic have passed a slot, so an answer leaves only
 * once its command is in the journal. Hands the reply to the slot's listener and clears the slot.
 */
final class ReplyHandler implements EventHandler<CommandSlot>
{
    static final Reply HALTED = ErrorReply.of(ErrorCode.ENGINE_HALTED,
        "the engine stopped on an internal error; the outcome of this call is unknown: retry it with the same " +
        "idempotency key once the engine is back");

    private final HaltState haltState;
    private final PipelineCounters counters;

    ReplyHandler(final HaltState haltState, final PipelineCounters counters)
    {
        this.haltState = haltState;
        this.counters = counters;
    }

    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        final Reply reply = slot.refusal != null ? slot.refusal :
            haltState.covers(sequence) || slot.reply == null ? HALTED : slot.reply;
        final ReplyListener listener = slot.listener;
        final var command = slot.command;
        slot.reset();
        counters.replied++;
        if (listener != null)
        {
            try
            {
                listener.onReply(command, reply);
            }
            catch (final Throwable t)
            {
                counters.listenerErrors++;
            }
        }
    }
}
