package dev.loyalty.tools.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The open-loop schedule's arithmetic: exact intended times, connections interleaved, no drift. */
class ScheduleTest
{
    @Test
    void shouldSpaceRequestsEvenlyAtTheRate()
    {
        final Schedule schedule = new Schedule(1_000, 4, 1);

        assertEquals(1_000, schedule.intendedNs(0));
        assertEquals(1_000 + 250_000_000, schedule.intendedNs(1));
        assertEquals(1_000 + 750_000_000, schedule.intendedNs(3));
        assertEquals(1_000 + 1_000_000_000, schedule.intendedNs(4));
    }

    @Test
    void shouldGiveEachConnectionEveryNthRequestSoConnectionsAreStaggered()
    {
        final Schedule schedule = new Schedule(0, 1000, 4);

        long g = schedule.first(1);
        assertEquals(1_000_000, schedule.intendedNs(g));
        g = schedule.next(g);
        assertEquals(5, g);
        assertEquals(5_000_000, schedule.intendedNs(g));
        assertEquals(4_000_000, schedule.intendedNs(schedule.next(schedule.first(0))) -
            schedule.intendedNs(schedule.first(0)), "each connection's period is connections / rate");
    }

    @Test
    void shouldNotDriftOrOverflowOverLongRunsAtRatesThatDoNotDivideASecond()
    {
        final Schedule schedule = new Schedule(0, 3, 1);

        assertEquals(333_333_333, schedule.intendedNs(1));
        assertEquals(666_666_666, schedule.intendedNs(2));
        assertEquals(1_000_000_000, schedule.intendedNs(3));
        final long tenDays = 10L * 24 * 3600 * 3;
        assertEquals(10L * 24 * 3600 * 1_000_000_000L, schedule.intendedNs(tenDays));

        final Schedule fast = new Schedule(0, 7_000_000, 1);
        final long g = 7_000_000L * 3600 * 24 * 30;
        assertEquals(3600L * 24 * 30 * 1_000_000_000L, fast.intendedNs(g), "a month at 7M/s, exact");
        assertEquals(3600L * 24 * 30 * 1_000_000_000L + 142, fast.intendedNs(g + 1));
    }

    @Test
    void shouldCountTheRequestsMeantForAWindow()
    {
        final Schedule schedule = new Schedule(0, 1000, 3);

        assertEquals(1000, schedule.requestsWithin(1_000_000_000L));
        assertEquals(1, schedule.requestsWithin(1));
        assertEquals(2, schedule.requestsWithin(1_000_001));
    }

    @Test
    void shouldRefuseARateBelowOne()
    {
        assertThrows(IllegalArgumentException.class, () -> new Schedule(0, 0, 1));
    }
}
