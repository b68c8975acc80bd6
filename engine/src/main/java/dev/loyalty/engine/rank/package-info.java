/**
 * Order statistics for leaderboards: {@link dev.loyalty.engine.rank.RankedSet} keeps entries ranked by value as
 * values change, so that the top of a board and any entry's rank are answered in logarithmic time, never by
 * sorting. State of the single business-logic thread: no locks.
 */
package dev.loyalty.engine.rank;
