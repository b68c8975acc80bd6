package dev.loyalty.engine.command;

/** What a leaderboard counts: points credited, captured purchases, or money paid net of refunds. */
public enum BoardMetric
{
    POINTS_EARNED, PURCHASES, SPEND
}
