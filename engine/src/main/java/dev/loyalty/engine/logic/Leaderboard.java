package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.BoardPeriod;
import dev.loyalty.engine.rank.RankedSet;

import java.time.LocalDate;

/**
 * A leaderboard: what it counts, over which period, for which partner (null: all), and its members' values in
 * a {@link RankedSet} by member number. The current period runs from {@code periodStart} (the board's creation
 * or the last roll) to {@code periodEnd} (the next Monday 00:00 UTC for WEEK, the next 1st 00:00 UTC for MONTH,
 * never for ALL), when a journaled tick empties it. {@code periodStartSeq} is the gamification sequence at the
 * period's start: a refund takes spend back only from purchases captured after it.
 */
final class Leaderboard
{
    final String boardId;
    final BoardMetric metric;
    final BoardPeriod period;
    final String partnerId;
    final long createdAt;
    final RankedSet ranks = new RankedSet();
    long periodStart;
    long periodEnd;
    long periodStartSeq;
    DueWork roll;

    Leaderboard(
        final String boardId, final BoardMetric metric, final BoardPeriod period, final String partnerId,
        final long createdAt)
    {
        this.boardId = boardId;
        this.metric = metric;
        this.period = period;
        this.partnerId = partnerId;
        this.createdAt = createdAt;
    }

    /** True when a purchase or activity at a store of {@code storePartnerId} counts on this board. */
    boolean counts(final String storePartnerId)
    {
        return partnerId == null || partnerId.equals(storePartnerId);
    }

    /** Starts an empty period at {@code start} (sequence {@code seq}) that ends at the first boundary after now. */
    void startPeriod(final long start, final long now, final long seq)
    {
        ranks.clear();
        periodStart = start;
        periodStartSeq = seq;
        periodEnd = nextBoundary(period, now);
    }

    /** The start of the WEEK or MONTH period that contains {@code now}. */
    static long periodStartOf(final BoardPeriod period, final long now)
    {
        final long day = Math.floorDiv(now, Times.MILLIS_PER_DAY);
        return switch (period)
        {
            case WEEK -> (day - Math.floorMod(day + 3, 7)) * Times.MILLIS_PER_DAY;
            case MONTH -> LocalDate.ofEpochDay(day).withDayOfMonth(1).toEpochDay() * Times.MILLIS_PER_DAY;
            case ALL -> now;
        };
    }

    /** The first period boundary after {@code now}, or {@code Long.MAX_VALUE} for ALL. */
    static long nextBoundary(final BoardPeriod period, final long now)
    {
        final long day = Math.floorDiv(now, Times.MILLIS_PER_DAY);
        return switch (period)
        {
            case WEEK ->
            {
                final long mondayBased = Math.floorMod(day + 3, 7);
                yield (day - mondayBased + 7) * Times.MILLIS_PER_DAY;
            }
            case MONTH -> LocalDate.ofEpochDay(day).withDayOfMonth(1).plusMonths(1).toEpochDay() * Times.MILLIS_PER_DAY;
            case ALL -> Long.MAX_VALUE;
        };
    }
}
