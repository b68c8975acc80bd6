package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.command.TierLevel;

import java.util.List;

/**
 * The tier program of {@code PUT /v1/tiers}: the basis, the window in days, and the tiers ascending by
 * threshold (the first at 0). {@code windowSeq} is the gamification sequence from which the members' windows
 * count: purchases captured before it (under another basis) are not in any window.
 */
record TierProgram(TierBasis basis, long periodDays, List<TierLevel> tiers, long windowSeq)
{
    static TierProgram of(final GamificationCommands.PutTiers c, final long windowSeq)
    {
        return new TierProgram(c.basis(), c.periodDays(), c.tiers(), windowSeq);
    }

    /** The highest tier whose threshold is at most {@code amount}. */
    String tierFor(final long amount)
    {
        for (int i = tiers.size() - 1; i > 0; i--)
        {
            if (tiers.get(i).threshold() <= amount)
            {
                return tiers.get(i).id();
            }
        }
        return tiers.get(0).id();
    }

    /** The first UTC day still in the window on {@code today}. */
    long firstKeptDay(final long today)
    {
        return today - periodDays;
    }

    /** When the bucket of {@code day} leaves the window: the end of its day plus {@code periodDays}. */
    long leavesAt(final long day)
    {
        return Times.plus((day + 1) * Times.MILLIS_PER_DAY, periodDays, Times.MILLIS_PER_DAY);
    }
}
