package dev.loyalty.engine.command;

/** One tier of {@code PUT /v1/tiers}: its id and the qualifying amount from which a member is in it. */
public record TierLevel(String id, long threshold)
{
}
