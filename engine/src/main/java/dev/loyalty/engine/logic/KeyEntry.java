package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.reply.Reply;

/** A claimed idempotency key: the first command that used it and the first answer. */
record KeyEntry(Command command, Reply reply)
{
}
