package dev.loyalty.tools.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's scheduling and latency arithmetic on a simulated clock and a simulated server that answers every
 * request 100 us after it is sent, except during a stall: intended times, the correction for coordinated
 * omission, the warm-up, the closed loop.
 */
class ConnectionDriverTest
{
    private static final long MS = 1_000_000L;
    private static final long SERVICE_NS = 100_000L;
    private static final ProgramTerms PROGRAM = new ProgramTerms(100, 3000);

    private long now;

    @Test
    void shouldSendEachRequestAtItsIntendedTimeAndMeasureFromIt()
    {
        final Stats stats = new Stats();
        stats.window(0, 1000 * MS);
        final Simulation sim = new Simulation(stats, 1, Integer.MAX_VALUE);
        sim.start(new Schedule(0, 1000, 1), 1000 * MS);
        sim.runUntil(1100 * MS, Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals(1000, sim.sentAt.size());
        for (int k = 0; k < 1000; k++)
        {
            assertEquals(k * MS, sim.sentAt.get(k), "request " + k + " goes out at k ms");
        }
        final Histogram all = stats.all();
        assertEquals(1000, all.getTotalCount());
        assertEquals(SERVICE_NS, all.getMaxValue(), 100, "with no stall every latency is the service time");
        assertTrue(sim.driver.done());
    }

    @Test
    void shouldCountAStallAgainstEveryRequestPlannedDuringItEvenWhenTheyCouldNotBeSent()
    {
        // At most one request in flight: while the server stalls from 200 ms to 300 ms the client cannot send
        // the requests planned for 201..299 ms; they go out late, keeping their intended times.
        final Stats stats = new Stats();
        stats.window(0, 1000 * MS);
        final Simulation sim = new Simulation(stats, 1, 1);
        sim.start(new Schedule(0, 1000, 1), 1000 * MS);
        sim.runUntil(1100 * MS, 200 * MS, 300 * MS);

        final Histogram fromIntended = stats.all();
        final Histogram fromSend = stats.uncorrected();
        assertEquals(1000, fromIntended.getTotalCount(), "every planned request is measured");
        assertEquals(100 * MS, fromIntended.getMaxValue(), MS);
        assertTrue(fromIntended.getCountBetweenValues(10 * MS, 200 * MS) >= 85,
            "about 90 requests planned in the stall waited 10 ms or more: " +
            fromIntended.getCountBetweenValues(10 * MS, 200 * MS));
        assertEquals(1, fromSend.getCountBetweenValues(10 * MS, 200 * MS),
            "measured from the send, the stall is one slow request: coordinated omission");
        assertTrue(fromIntended.getValueAtPercentile(95) > 40 * MS);
        assertTrue(fromSend.getValueAtPercentile(99) < MS);
    }

    @Test
    void shouldLeaveTheWarmUpOutOfTheHistograms()
    {
        final Stats stats = new Stats();
        stats.window(300 * MS, 1000 * MS);
        final Simulation sim = new Simulation(stats, 1, Integer.MAX_VALUE);
        sim.start(new Schedule(0, 1000, 1), 1000 * MS);
        sim.runUntil(1100 * MS, 100 * MS, 200 * MS);

        final Histogram all = stats.all();
        assertEquals(700, all.getTotalCount(), "requests meant for 300..999 ms only");
        assertTrue(all.getMaxValue() < MS, "the stall was in the warm-up");
        assertEquals(1000, stats.answered.sum());
    }

    @Test
    void shouldKeepThePipelineFullInTheClosedLoop()
    {
        final Stats stats = new Stats();
        stats.window(0, 10 * MS);
        final Simulation sim = new Simulation(stats, 4, Integer.MAX_VALUE);
        sim.start(null, 10 * MS);
        assertEquals(4, sim.connection.inFlight.size());
        sim.runUntil(20 * MS, Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals(4 * 10 * MS / SERVICE_NS, stats.answered.sum(), 8, "four at a time, 100 us each, for 10 ms");
        assertEquals(0, sim.connection.inFlight.size());
        assertTrue(sim.driver.done());
    }

    @Test
    void shouldCaptureWhatWasAuthorizedAndCountItsLatencyFromTheAuthorizeAnswer()
    {
        final Stats stats = new Stats();
        stats.window(0, 10 * MS);
        final Simulation sim = new Simulation(stats, 1, Integer.MAX_VALUE, "authorize-capture=1");
        sim.start(new Schedule(0, 1000, 1), 10 * MS);
        sim.runUntil(20 * MS, Long.MAX_VALUE, Long.MAX_VALUE);

        final Histogram capture = stats.byType().get(RequestType.CAPTURE);
        assertEquals(10, capture.getTotalCount());
        assertEquals(SERVICE_NS, capture.getMaxValue(), 100);
        assertEquals(0, stats.wrong.sum(), stats.wrongExamples().toString());
        assertEquals(20, stats.ok.sum());
    }

    /** A driver, a connection that records what is sent, and a server that answers after the service time. */
    private final class Simulation
    {
        final FakeConnection connection = new FakeConnection();
        final List<Long> sentAt = new ArrayList<>();
        final ConnectionDriver driver;
        private long wakeAt = -1;
        private Runnable wakeTask;

        Simulation(final Stats stats, final int pipeline, final int maxOutstanding)
        {
            this(stats, pipeline, maxOutstanding, "lookup=1");
        }

        Simulation(final Stats stats, final int pipeline, final int maxOutstanding, final String mix)
        {
            final Workload workload = new Workload(Mix.parse(mix), new MemberNumbers("777", "+79"), 1, 100, 0,
                PROGRAM.pointValueMinor(), PROGRAM.maxRedeemShareBp(), "t-", 1);
            driver = new ConnectionDriver(0, workload, new Checks(PROGRAM.pointValueMinor()), stats, pipeline,
                maxOutstanding, () -> now, () -> { });
            driver.attach(connection, (delayNs, task) ->
            {
                wakeAt = now + delayNs;
                wakeTask = task;
            });
        }

        void start(final Schedule schedule, final long endNs)
        {
            now = 0;
            driver.start(schedule, endNs);
        }

        /**
         * Steps time by 10 us: wakes the driver when it asked to be woken and delivers the answers that are due;
         * the server holds every answer due in {@code [stallFromNs, stallToNs)} until the stall ends.
         */
        void runUntil(final long untilNs, final long stallFromNs, final long stallToNs)
        {
            for (now = 0; now <= untilNs; now += 10_000)
            {
                if (wakeAt >= 0 && now >= wakeAt)
                {
                    wakeAt = -1;
                    wakeTask.run();
                }
                while (!connection.inFlight.isEmpty())
                {
                    final Request head = connection.inFlight.peekFirst();
                    long answerAt = head.sentNs + SERVICE_NS;
                    if (answerAt >= stallFromNs && answerAt < stallToNs || head.sentNs >= stallFromNs &&
                        head.sentNs < stallToNs)
                    {
                        answerAt = Math.max(answerAt, stallToNs);
                    }
                    if (answerAt > now)
                    {
                        break;
                    }
                    connection.inFlight.pollFirst();
                    driver.onAnswer(head, rightAnswer(head), now);
                }
            }
        }

        private final class FakeConnection implements Connection
        {
            final ArrayDeque<Request> inFlight = new ArrayDeque<>();

            public void execute(final Runnable task)
            {
                task.run();
            }

            public void schedule(final long delayNs, final Runnable task)
            {
                throw new UnsupportedOperationException("the simulation wakes the driver itself");
            }

            public void send(final Request request)
            {
                request.sentNs = now;
                if (request.type != RequestType.CAPTURE)
                {
                    sentAt.add(now);
                }
                inFlight.addLast(request);
            }

            public void flush()
            {
            }

            public int inFlight()
            {
                return inFlight.size();
            }

            public void close()
            {
            }
        }
    }

    private static Answer rightAnswer(final Request r)
    {
        final Answer a = new Answer();
        a.status = 200;
        a.memberId = "m_1";
        switch (r.type)
        {
            case LOOKUP -> a.cards.add(r.card);
            case AUTHORIZE ->
            {
                a.txId = r.txId;
                a.purchaseStatus = "AUTHORIZED";
                a.total = r.total();
                a.lineCount = r.lines.length;
                a.lineAmountSum = r.total();
                a.discount = 0;
                a.pointsRedeemed = r.redeemPoints;
                a.payable = r.total() - r.redeemPoints * PROGRAM.pointValueMinor();
                a.pointsToEarn = 7;
            }
            case CAPTURE ->
            {
                a.txId = r.txId;
                a.purchaseStatus = "CAPTURED";
                a.pointsRedeemed = r.expectedPointsRedeemed;
                a.pointsEarned = 7;
            }
            default -> throw new IllegalArgumentException(r.type.toString());
        }
        return a;
    }
}
