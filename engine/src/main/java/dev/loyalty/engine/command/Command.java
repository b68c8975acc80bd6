package dev.loyalty.engine.command;

/**
 * A validated request to the engine. Commands are immutable values built by the gateway (or decoded from the
 * journal) and applied by the single business-logic thread. Equality is value equality: the business logic
 * compares a repeated idempotency key's command with the first one through {@link #sameBody(Command)}.
 */
public interface Command
{
    /** The kind of command, used to dispatch, journal and count it. */
    CommandType type();

    /**
     * True when {@code other} carries the same request as this one, so that a repeated idempotency key is a
     * replay rather than a conflict. Fields the gateway generates (such as a new key's secret) are not part
     * of the body and are left out by the commands that have them.
     */
    default boolean sameBody(final Command other)
    {
        return equals(other);
    }
}
