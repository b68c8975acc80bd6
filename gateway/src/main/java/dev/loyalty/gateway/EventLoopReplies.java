package dev.loyalty.gateway;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;

import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One event loop's inbox of engine replies. The engine's replier thread offers each answered {@link Exchange}
 * to a lock-free queue and wakes the loop only when no drain is already pending, so a Disruptor batch of
 * replies costs one task and one selector wake-up instead of one of each per reply. The drain, on the loop,
 * renders every queued reply into its connection's outbound buffer and then flushes each connection it wrote
 * to once: one {@code write} syscall per connection per batch, however many of its pipelined answers were in
 * it. Connections of the loop share it.
 */
final class EventLoopReplies implements Runnable
{
    private static final FastThreadLocal<EventLoopReplies> OF_LOOP = new FastThreadLocal<>();

    private final EventLoop loop;
    private final Queue<Exchange> replies = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final ArrayList<HttpRequestHandler> toFlush = new ArrayList<>();

    private EventLoopReplies(final EventLoop loop)
    {
        this.loop = loop;
    }

    /** The inbox of {@code loop}; called on that loop (a handler being added), else a private inbox. */
    static EventLoopReplies of(final EventLoop loop)
    {
        if (!loop.inEventLoop())
        {
            return new EventLoopReplies(loop);
        }
        EventLoopReplies replies = OF_LOOP.get();
        if (replies == null || replies.loop != loop)
        {
            replies = new EventLoopReplies(loop);
            OF_LOOP.set(replies);
        }
        return replies;
    }

    /** On the replier thread: queue an answered exchange and make sure a drain will run. */
    void offer(final Exchange exchange)
    {
        replies.offer(exchange);
        if (!drainPending.get() && drainPending.compareAndSet(false, true))
        {
            loop.execute(this);
        }
    }

    /** On a handler that wrote answers without flushing: flush it at the end of this drain. */
    void flushLater(final HttpRequestHandler handler)
    {
        toFlush.add(handler);
    }

    /** The drain, on the loop. A reply offered after the flag is cleared schedules another drain. */
    public void run()
    {
        drainPending.set(false);
        Exchange exchange;
        while ((exchange = replies.poll()) != null)
        {
            exchange.handler.onEngineReply(exchange);
        }
        for (int i = 0, n = toFlush.size(); i < n; i++)
        {
            toFlush.get(i).flushNow();
        }
        toFlush.clear();
    }
}
