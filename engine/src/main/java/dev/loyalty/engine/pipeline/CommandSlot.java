package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.reply.Reply;

/**
 * One preallocated slot of the ring. Fields, and the stage that writes each:
 * <pre>
 *   field             written by            read by
 *   command           publisher             journaler, business logic, replier
 *   stampMillis       publisher             journaler, business logic
 *   listener          publisher             replier
 *   refusal           publisher             journaler, business logic, replier
 *   reply             business logic        replier
 *   journalSequence   journaler             (metrics, tests)
 * </pre>
 * A slot with a {@code refusal} (a journaled command published while the journal cannot take it) is neither
 * journaled nor applied: the replier answers the refusal, so the command leaves no trace.
 * The replier calls {@link #reset()} after answering so that a slot never keeps a command or a reply alive.
 */
final class CommandSlot
{
    Command command;
    long stampMillis;
    ReplyListener listener;
    Reply refusal;
    Reply reply;
    long journalSequence;

    void set(final Command command, final long stampMillis, final ReplyListener listener, final Reply refusal)
    {
        this.command = command;
        this.stampMillis = stampMillis;
        this.listener = listener;
        this.refusal = refusal;
        this.reply = null;
        this.journalSequence = 0;
    }

    void reset()
    {
        command = null;
        stampMillis = 0;
        listener = null;
        refusal = null;
        reply = null;
        journalSequence = 0;
    }
}
