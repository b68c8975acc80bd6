package dev.loyalty.tools.load;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The thread of some {@link BinaryConnection}s: a loop whose work is {@code runTasks() + runTimers(now) +
 * pollConnections()}, idling with a back-off strategy when a round did nothing. Tasks come from any thread through
 * a concurrent queue; timers are kept on the thread in a priority queue (a {@link #schedule} from elsewhere goes
 * through the task queue first).
 */
final class BinaryPoller extends Thread
{
    /** The longest the loop parks when idle: a timer or an answer waits at most about this long. */
    static final long MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(20);

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<BinaryConnection> connections = new ArrayList<>();
    private final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, MAX_PARK_NS);
    private volatile boolean running = true;
    private long timerSequence;

    BinaryPoller(final String name)
    {
        super(name);
        setDaemon(true);
    }

    /** Runs {@code task} on this thread; from any thread. */
    void execute(final Runnable task)
    {
        tasks.add(task);
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
            tasks.add(() -> timers.add(new Timer(atNs, timerSequence++, task)));
        }
    }

    /** Takes a connection to poll; on this thread. */
    void add(final BinaryConnection connection)
    {
        connections.add(connection);
    }

    /** Stops the loop and waits for it. */
    void shutdown()
    {
        running = false;
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
        while (running)
        {
            try
            {
                idle.idle(doWork(System.nanoTime()));
            }
            catch (final RuntimeException ex)
            {
                // A bug of the load generator: say so, and keep the other connections going.
                ex.printStackTrace();
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
            work += connections.get(i).doWork();
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
}
