package dev.loyalty.engine.command;

/** How long a leaderboard counts before it starts again: an ISO week, a calendar month (UTC), or for ever. */
public enum BoardPeriod
{
    WEEK, MONTH, ALL
}
