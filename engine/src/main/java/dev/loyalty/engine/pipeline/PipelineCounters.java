package dev.loyalty.engine.pipeline;

/** Counters written by the replier thread only; read racily by metrics. */
final class PipelineCounters
{
    volatile long replied;
    volatile long listenerErrors;
}
