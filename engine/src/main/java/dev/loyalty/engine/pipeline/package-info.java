/**
 * The pipeline: Disruptor ring, journaler, business logic stage, replier, ticker, and around it recovery (the
 * newest usable snapshot plus the journal after it), the snapshot follower (a second business logic fed by the
 * journal that writes snapshots without stopping the pipeline), the offline snapshot builder and the journal
 * disk's free-space guard.
 */
package dev.loyalty.engine.pipeline;
