/** The business logic: the single writer of all engine state. */
package dev.loyalty.engine.logic;
