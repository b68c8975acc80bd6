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
 *   reply             business logic        replier
 *   journalSequence   journaler             (metrics, tests)
 * </pre>
 * The replier calls {@link #reset()} after answering so that a slot never keeps a command or a reply alive.
 */
final class CommandSlot
{
    Command command;
    long stampMillis;
    ReplyListener listener;
    Reply reply;
    long journalSequence;

    void set(final Command command, final long stampMillis, final ReplyListener listener)
    {
        this.command = command;
        this.stampMillis = stampMillis;
        this.listener = listener;
        this.reply = null;
        this.journalSequence = 0;
    }

    void reset()
    {
        command = null;
        stampMillis = 0;
        listener = null;
        reply = null;
        journalSequence = 0;
    }
}
