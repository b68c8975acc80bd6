package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.journal.Durability;

/**
 * How many threads carry a command through the ring. Both keep DESIGN.md's order and promises: a command is in
 * the journal before its answer leaves (forced first with {@code SYNC}), the business logic applies the commands
 * in ring order on one thread, and a failure halts the engine from the failed slot on.
 * <ul>
 *   <li>{@code PARALLEL}: the journaler and the business logic on two threads, side by side, and a replier after
 *       both: a {@code SYNC} journal forces a batch while the logic applies the next. Three hand-offs a
 *       command (into the ring, to the replier, to the event loop).</li>
 *   <li>{@code SINGLE}: one thread journals a slot, applies it and hands its answer on ({@code SYNC}: the batch's
 *       answers after its force). On a machine where the event loop, the load and these stages share 2 cores,
 *       the parallel stages only take turns, and each hand-off is a wake-up (a futex, a context switch): over
 *       the binary protocol at 8,000 flows/s the single stage had a 2x lower p99 and a 2.6x lower p50, and the
 *       same closed-loop maximum (12-22% more with snapshots off); docs/BENCHMARKS.md.</li>
 *   <li>{@code AUTO} (the default): {@code SINGLE} for an {@code ASYNC} journal on a machine of at most
 *       {@value #SINGLE_UP_TO_CORES} cores, else {@code PARALLEL}.</li>
 * </ul>
 */
public enum PipelineStages
{
    AUTO, PARALLEL, SINGLE;

    /** {@code AUTO} runs one stage on machines with at most this many cores (the only size measured). */
    public static final int SINGLE_UP_TO_CORES = 2;

    /** What runs: {@code PARALLEL} or {@code SINGLE}. */
    public PipelineStages resolve(final Durability durability, final int cores)
    {
        if (this != AUTO)
        {
            return this;
        }
        return durability == Durability.ASYNC && cores <= SINGLE_UP_TO_CORES ? SINGLE : PARALLEL;
    }
}
