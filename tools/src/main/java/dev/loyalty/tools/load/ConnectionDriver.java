package dev.loyalty.tools.load;

import java.util.function.LongSupplier;

/**
 * Drives one connection, on its thread, in one of two modes.
 * <ul>
 *   <li><b>Open loop</b> (a {@link Schedule}): new flows start at the schedule's intended times whatever the
 *       answers do. {@link #sendDue} sends every request whose time has come (a burst when the thread woke late),
 *       then the driver sleeps until the next one. When {@code maxOutstanding} requests are unanswered it waits
 *       for answers, and the requests it could not send go out later with their intended times unchanged, so
 *       their latency includes the wait.</li>
 *   <li><b>Closed loop</b> (no schedule): {@code pipeline} flows are kept in flight; each answer that ends a
 *       flow starts the next. Latency is from the send, as there is no schedule to be late against.</li>
 * </ul>
 * A flow's follow-up (the capture after an authorize) goes out as soon as the answer it follows comes, with that
 * moment as its intended time. New flows stop at {@code endNs}; follow-ups still go, and the driver is done once
 * nothing is in flight.
 */
final class ConnectionDriver implements ConnectionListener
{
    /** {@link #sendDue}: nothing more will be scheduled. */
    static final long DONE = -1;
    /** {@link #sendDue}: blocked until answers come. */
    static final long WAITING = -2;

    private final Workload workload;
    private final Checks checks;
    private final Stats stats;
    private final int index;
    private final int pipeline;
    private final int maxOutstanding;
    private final LongSupplier clock;
    private final Runnable onDone;
    private final Runnable tick = this::tick;
    private Schedule schedule;
    private long endNs;
    private Connection connection;
    private Wakeup wakeup;
    private long g;
    private boolean waiting;
    private boolean over;
    private boolean done;

    /**
     * @param index          the connection's number, 0 to n - 1: its place in the open-loop schedule.
     * @param pipeline       closed loop: flows kept in flight.
     * @param maxOutstanding open loop: requests in flight beyond which sending waits.
     * @param onDone         called once, on this connection's thread, when the driver is done.
     */
    ConnectionDriver(
        final int index, final Workload workload, final Checks checks, final Stats stats, final int pipeline,
        final int maxOutstanding, final LongSupplier clock, final Runnable onDone)
    {
        this.index = index;
        this.workload = workload;
        this.checks = checks;
        this.stats = stats;
        this.pipeline = pipeline;
        this.maxOutstanding = maxOutstanding;
        this.clock = clock;
        this.onDone = onDone;
    }

    /** How the driver asks to be woken {@code delayNs} from now, on its connection's thread ({@link Connection#schedule}). */
    @FunctionalInterface
    interface Wakeup
    {
        void after(long delayNs, Runnable task);
    }

    /** Gives the driver its connection and the way to wake it up (normally a timer of the connection's thread). */
    void attach(final Connection connection, final Wakeup wakeup)
    {
        this.connection = connection;
        this.wakeup = wakeup;
    }

    /**
     * Starts sending; runs on the connection's thread.
     *
     * @param schedule the open-loop schedule, or null for the closed loop.
     * @param endNs    no new flow is meant to start at or after this time.
     */
    void start(final Schedule schedule, final long endNs)
    {
        this.schedule = schedule;
        this.endNs = endNs;
        if (schedule != null)
        {
            g = schedule.first(index);
            tick();
            return;
        }
        final long now = clock.getAsLong();
        for (int i = 0; i < pipeline && now < endNs; i++)
        {
            send(workload.next(), now);
        }
        connection.flush();
        over = now >= endNs;
        checkDone();
    }

    /**
     * Open loop: sends every new flow meant to start by {@code nowNs}.
     *
     * @return the intended time of the next one, {@link #WAITING} when too many are in flight, or {@link #DONE}.
     */
    long sendDue(final long nowNs)
    {
        long next = DONE;
        while (!over)
        {
            final long intendedNs = schedule.intendedNs(g);
            if (intendedNs >= endNs)
            {
                over = true;
                break;
            }
            if (intendedNs > nowNs)
            {
                next = intendedNs;
                break;
            }
            if (connection.inFlight() >= maxOutstanding)
            {
                next = WAITING;
                break;
            }
            send(workload.next(), intendedNs);
            g = schedule.next(g);
        }
        connection.flush();
        waiting = next == WAITING;
        return next;
    }

    private void tick()
    {
        final long next = sendDue(clock.getAsLong());
        if (next >= 0)
        {
            wakeup.after(Math.max(0, next - clock.getAsLong()), tick);
        }
        checkDone();
    }

    public void onAnswer(final Request request, final Answer answer, final long answeredNs)
    {
        final String problem = checks.problem(request, answer);
        final Checks.Outcome outcome = checks.sort(request, answer, problem);
        stats.onAnswer(request, answer, answeredNs, outcome, problem);
        final Request followUp = workload.followUp(request, answer, problem == null);
        if (followUp != null)
        {
            send(followUp, answeredNs);
        }
        else if (schedule == null)
        {
            if (answeredNs < endNs && !over)
            {
                send(workload.next(), answeredNs);
            }
            else
            {
                over = true;
            }
        }
        if (waiting && connection.inFlight() < maxOutstanding)
        {
            tick();
        }
        checkDone();
    }

    public void onFailed(final Request request, final Throwable cause)
    {
        stats.onFailed(request, cause);
    }

    public void onClosed(final Throwable cause)
    {
        over = true;
        waiting = false;
        checkDone();
    }

    /** True once no new flow will start and nothing is in flight. */
    boolean done()
    {
        return done;
    }

    private void send(final Request request, final long intendedNs)
    {
        request.intendedNs = intendedNs;
        request.measured = stats.measured(intendedNs);
        stats.onSent();
        connection.send(request);
    }

    private void checkDone()
    {
        if (!done && over && connection.inFlight() == 0)
        {
            done = true;
            onDone.run();
        }
    }
}
