package dev.loyalty.tools.load;

/**
 * The idempotency keys of seeding, the same online and offline, so that seeding a member again (either way)
 * is a replay that changes nothing: {@code seed-<card>} for its creation, {@code seed-adj-<card>} for its
 * starting balance.
 */
final class SeedRequests
{
    private SeedRequests()
    {
    }

    static String createId(final String card)
    {
        return "seed-" + card;
    }

    static String adjustId(final String card)
    {
        return "seed-adj-" + card;
    }
}
