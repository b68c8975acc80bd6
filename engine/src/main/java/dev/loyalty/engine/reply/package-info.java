/** Answers of the engine: immutable, self-rendering through {@link dev.loyalty.engine.reply.ReplyWriter}. */
package dev.loyalty.engine.reply;
