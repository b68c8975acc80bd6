package dev.loyalty.engine.command;

/** What a tier qualifies on: money paid ({@code SPEND}) or points earned ({@code POINTS}) over the window. */
public enum TierBasis
{
    SPEND, POINTS
}
