package dev.loyalty.tools.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread of some {@link BinaryConnection}s: a loop whose round is {@code runTasks() + runTimers(now) +
 * send what waits + read the sockets that have answers}, and which, when a round did nothing, <b>blocks</b> in
 * one {@link Selector} over all its sockets until an answer arrives, a task is added, or the next timer is due.
 * A load generator shares the machine with the engine it measures: the first version of this loop polled every
 * socket and parked at most 20 us, which at 8,000 flows/s on 2 cores took 77% of a core (40% of it in the
 * kernel: a read that found nothing, four a round), a core the engine under test did not get.
 * <p>
 * {@code Selector.select} waits in whole milliseconds, and an open-loop schedule sends every few tens of
 * microseconds, so the timers have their own thread, {@link Alarm}: it parks until the next timer's time and then
 * wakes the selector. An answer wakes the selector at once, so its time is taken when it arrives, not when a
 * park ends; a timer runs when the alarm's park returns (Linux's default timer slack, 50 us, is the usual
 * lateness), and a late send counts against the engine's latency, because it is measured from the intended time.
 * Tasks come from any thread through a concurrent queue; timers are kept on this thread in a priority queue (a
 * {@link #schedule} from elsewhere goes through the task queue first).
 */
final class BinaryPoller extends Thread
{
    /** The longest a blocked loop waits with nothing due, a safety net behind the alarm and the wake-ups. */
    static final long MAX_BLOCK_MILLIS = 100;
    private static final long NONE = Long.MAX_VALUE;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<BinaryConnection> connections = new ArrayList<>();
    private final Selector selector;
    private final Alarm alarm;
    private volatile boolean running = true;
    private long timerSequence;

    BinaryPoller(final String name)
    {
        super(name);
        setDaemon(true);
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector", ex);
        }
        alarm = new Alarm(name + "-alarm", selector);
    }

    public synchronized void start()
    {
        alarm.start();
        super.start();
    }

    /** Runs {@code task} on this thread; from any thread. */
    void execute(final Runnable task)
    {
        tasks.add(task);
        if (Thread.currentThread() != this)
        {
            selector.wakeup();
        }
    }

    /** Runs {@code task} on this thread {@code delayNs} from now; from any thread. */
    void schedule(final long delayNs, final Runnable task)
    {
        final long atNs = System.nanoTime() + Math.max(0, delayNs);
        if (Thread.currentThread() == this)
        {
            timers.add(new Timer(atNs, timerSequence++, task));
        }
        else
        {
            execute(() -> timers.add(new Timer(atNs, timerSequence++, task)));
        }
    }

    /** Takes a connection to poll; on this thread. */
    void add(final BinaryConnection connection)
    {
        connections.add(connection);
        connection.register(selector);
    }

    /** Stops the loop and waits for it. */
    void shutdown()
    {
        running = false;
        alarm.shutdown();
        selector.wakeup();
        try
        {
            join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public void run()
    {
        try
        {
            while (running)
            {
                try
                {
                    if (doWork(System.nanoTime()) == 0)
                    {
                        block();
                    }
                }
                catch (final RuntimeException ex)
                {
                    // A bug of the load generator: say so, and keep the other connections going.
                    ex.printStackTrace();
                }
            }
        }
        finally
        {
            try
            {
                selector.close();
            }
            catch (final IOException ignored)
            {
                // stopping: nothing left to do
            }
        }
    }

    private int doWork(final long nowNs)
    {
        int work = 0;
        for (Runnable task; (task = tasks.poll()) != null; )
        {
            task.run();
            work++;
        }
        for (Timer t; (t = timers.peek()) != null && t.atNs - nowNs <= 0; )
        {
            timers.poll();
            t.task.run();
            work++;
        }
        for (int i = 0; i < connections.size(); i++)
        {
            work += connections.get(i).sendWaiting();
        }
        work += read(selectNow());
        return work;
    }

    /** Waits in the selector until a socket has answers, a task comes, or (through the alarm) a timer is due. */
    private void block()
    {
        final Timer next = timers.peek();
        final long waitMillis;
        if (next == null)
        {
            alarm.set(NONE);
            waitMillis = MAX_BLOCK_MILLIS;
        }
        else
        {
            final long leftNs = next.atNs - System.nanoTime();
            if (leftNs <= 0)
            {
                return;
            }
            alarm.set(next.atNs);
            // whole milliseconds, rounded up: the alarm wakes the selector at the timer's time
            waitMillis = Math.min(MAX_BLOCK_MILLIS, TimeUnit.NANOSECONDS.toMillis(leftNs) + 1);
        }
        if (!tasks.isEmpty())
        {
            return;
        }
        try
        {
            read(selector.select(waitMillis));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("select failed", ex);
        }
    }

    private int selectNow()
    {
        try
        {
            return selector.selectNow();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("select failed", ex);
        }
    }

    /** Reads the connections whose keys are selected. */
    private int read(final int selected)
    {
        if (selected == 0)
        {
            return 0;
        }
        int work = 0;
        final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext())
        {
            final SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid())
            {
                work += ((BinaryConnection)key.attachment()).read();
            }
        }
        return work;
    }

    private record Timer(long atNs, long sequence, Runnable task) implements Comparable<Timer>
    {
        public int compareTo(final Timer o)
        {
            final int byTime = Long.compare(atNs - o.atNs, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }

    /**
     * Wakes the poller's selector at the time of its next timer: parks until {@link #set}'s time, then calls
     * {@link Selector#wakeup()} once for it. Setting an earlier time unparks it; a later one is seen when the
     * park for the earlier one ends.
     */
    static final class Alarm extends Thread
    {
        private final Selector selector;
        private final AtomicLong dueNs = new AtomicLong(NONE);
        private volatile boolean running = true;

        Alarm(final String name, final Selector selector)
        {
            super(name);
            setDaemon(true);
            this.selector = selector;
        }

        /** The poller's next timer's time, or {@link #NONE}; on the poller's thread. */
        void set(final long atNs)
        {
            final long before = dueNs.getAndSet(atNs);
            if (atNs != NONE && (before == NONE || atNs - before < 0))
            {
                LockSupport.unpark(this);
            }
        }

        void shutdown()
        {
            running = false;
            LockSupport.unpark(this);
        }

        public void run()
        {
            while (running)
            {
                final long due = dueNs.get();
                if (due == NONE)
                {
                    LockSupport.park(this);
                    continue;
                }
                final long leftNs = due - System.nanoTime();
                if (leftNs > 0)
                {
                    LockSupport.parkNanos(this, leftNs);
                    continue;
                }
                if (dueNs.compareAndSet(due, NONE))
                {
                    selector.wakeup();
                }
            }
        }
    }
}
