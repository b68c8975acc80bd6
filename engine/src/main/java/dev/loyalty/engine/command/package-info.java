/** The commands the engine accepts: immutable values built by the gateway, journaled and replayed. */
package dev.loyalty.engine.command;
