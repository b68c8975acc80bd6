package dev.loyalty.engine.time;

/**
 * Where the engine's entry stamp comes from. Only the pipeline's publisher reads it; the business logic reads
 * time only from a command's stamp, so that replay is deterministic. Tests inject {@link ManualClock}.
 */
@FunctionalInterface
public interface EngineClock
{
    /** Milliseconds since the epoch. */
    long currentTimeMillis();

    /** The system wall clock. */
    EngineClock SYSTEM = System::currentTimeMillis;
}
