package dev.loyalty.tools.load;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Seeds a running engine over HTTP: {@code POST /v1/members} with the member's card and phone, then, with a
 * starting balance, {@code POST /v1/members/{memberId}/adjustments}. Each connection keeps {@code pipeline}
 * members in flight (pipelined keep-alive requests); the members are handed out from one counter. An
 * {@code OVERLOADED} answer is sent again 10 ms later; any other error is counted by code and the member is
 * skipped. The keys are those of {@link SeedRequests}, so seeding again is a replay.
 */
final class OnlineSeeder
{
    private static final long RETRY_DELAY_MS = 10;

    private final Transport transport;
    private final MemberNumbers numbers;
    private final PrintStream progress;
    private final LongAdder seeded = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();

    OnlineSeeder(final Transport transport, final MemberNumbers numbers, final PrintStream progress)
    {
        this.transport = transport;
        this.numbers = numbers;
        this.progress = progress;
    }

    /** Seeds members {@code first} to {@code first + count - 1}; returns the errors by code (empty: all seeded). */
    Map<String, Long> seed(
        final long first, final long count, final long points, final int connections, final int pipeline)
        throws Exception
    {
        final AtomicLong next = new AtomicLong(first);
        final long end = first + count;
        final CountDownLatch done = new CountDownLatch(connections);
        final long startNs = System.nanoTime();
        for (int c = 0; c < connections; c++)
        {
            final Driver driver = new Driver(next, end, points, done);
            final Connection connection = transport.open(driver);
            driver.connection = connection;
            connection.execute(() -> driver.start(pipeline));
        }
        long last = 0;
        while (!done.await(1, TimeUnit.SECONDS))
        {
            final long now = seeded.sum();
            progress.printf("  %,d of %,d members, %,d/s%n", now, count, now - last);
            progress.flush();
            last = now;
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        progress.printf("  %,d of %,d members, %,.0f members/s on average%n", seeded.sum(), count,
            seeded.sum() / seconds);
        final Map<String, Long> result = new TreeMap<>();
        errors.forEach((k, v) -> result.put(k, v.sum()));
        return result;
    }

    long seeded()
    {
        return seeded.sum();
    }

    /** One connection's members. */
    private final class Driver implements ConnectionListener
    {
        private final AtomicLong next;
        private final long end;
        private final long points;
        private final CountDownLatch done;
        private Connection connection;
        private boolean finished;
        private int retrying;

        Driver(final AtomicLong next, final long end, final long points, final CountDownLatch done)
        {
            this.next = next;
            this.end = end;
            this.points = points;
            this.done = done;
        }

        void start(final int pipeline)
        {
            for (int i = 0; i < pipeline; i++)
            {
                nextMember();
            }
            connection.flush();
            checkDone();
        }

        private void nextMember()
        {
            final long index = next.getAndIncrement();
            if (index >= end)
            {
                return;
            }
            final Request r = new Request(RequestType.CREATE_MEMBER);
            r.card = numbers.card(index);
            r.phone = numbers.phone(index);
            r.requestId = SeedRequests.createId(r.card);
            send(r);
        }

        private void send(final Request r)
        {
            r.intendedNs = System.nanoTime();
            connection.send(r);
        }

        public void onAnswer(final Request r, final Answer a, final long answeredNs)
        {
            if (a.status == 503 && "OVERLOADED".equals(a.errorCode))
            {
                retrying++;
                connection.schedule(TimeUnit.MILLISECONDS.toNanos(RETRY_DELAY_MS), () ->
                {
                    retrying--;
                    send(r);
                    connection.flush();
                });
                return;
            }
            final boolean good = r.type == RequestType.CREATE_MEMBER ?
                a.status == 201 && a.memberId != null : a.status == 200 && r.memberId.equals(a.memberId);
            if (!good)
            {
                error(r, a.status + " " + (a.errorCode != null ? a.errorCode : "unexpected answer"));
                nextMember();
            }
            else if (r.type == RequestType.CREATE_MEMBER && points > 0)
            {
                final Request adjust = new Request(RequestType.ADJUST);
                adjust.card = r.card;
                adjust.memberId = a.memberId;
                adjust.points = points;
                adjust.requestId = SeedRequests.adjustId(r.card);
                send(adjust);
            }
            else
            {
                seeded.increment();
                nextMember();
            }
            checkDone();
        }

        public void onFailed(final Request r, final Throwable cause)
        {
            error(r, "no answer: " + cause.getMessage());
        }

        public void onClosed(final Throwable cause)
        {
            if (!finished)
            {
                finished = true;
                error(null, "connection closed: " + cause.getMessage() + " (the members it had not reached " +
                    "are left out)");
                done.countDown();
            }
        }

        private void error(final Request r, final String what)
        {
            final String key = (r == null ? "" : r.type.label() + " ") + what;
            errors.computeIfAbsent(key, k -> new LongAdder()).increment();
        }

        private void checkDone()
        {
            if (!finished && retrying == 0 && connection.inFlight() == 0 && next.get() >= end)
            {
                finished = true;
                done.countDown();
                connection.execute(connection::close);
            }
        }
    }
}
