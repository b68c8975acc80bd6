package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.reply.Reply;

/**
 * Receives a command's answer once the business logic has applied it and (for state-changing commands) the
 * journal holds it. Called on the replier thread: implementations hand off to their own I/O thread and
 * return quickly.
 */
@FunctionalInterface
public interface ReplyListener
{
    void onReply(Command command, Reply reply);
}
