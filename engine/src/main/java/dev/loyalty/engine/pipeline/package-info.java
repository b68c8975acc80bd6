/** The pipeline: Disruptor ring, journaler, business logic stage, replier, ticker, recovery. */
package dev.loyalty.engine.pipeline;
