package dev.loyalty.engine.journal;

/**
 * {@code ASYNC}: records are written to the memory-mapped journal before the answer leaves; they survive a
 * killed process. {@code SYNC}: the journal is also forced to disk at the end of each batch (group commit);
 * records survive power loss.
 */
public enum Durability
{
    ASYNC, SYNC
}
