package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;

/** Receives the journal's records in order during replay. */
@FunctionalInterface
public interface JournalListener
{
    void onRecord(long sequence, long stampMillis, Command command);
}
