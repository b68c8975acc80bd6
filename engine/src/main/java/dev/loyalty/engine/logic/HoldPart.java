package dev.loyalty.engine.logic;

/** The points one hold took from one lot, so that a release gives them back to the same lot. */
record HoldPart(Lot lot, long amount)
{
}
