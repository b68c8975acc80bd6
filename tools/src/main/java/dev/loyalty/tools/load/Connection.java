package dev.loyalty.tools.load;

import java.util.concurrent.ScheduledExecutorService;

/**
 * One connection of a {@link Transport}. Every method is called on {@link #executor()}, the connection's one
 * thread, which also calls its {@link ConnectionListener}. Requests may be pipelined: {@link #send} does not wait
 * for the answer, and the answers come back to the listener, each with its request.
 */
public interface Connection
{
    /** The connection's thread: sends, timers and the listener's calls all run on it. */
    ScheduledExecutorService executor();

    /** Encodes and queues the request, and stamps its {@link Request#sentNs}; {@link #flush} writes it out. */
    void send(Request request);

    /** Writes out what {@link #send} queued. */
    void flush();

    /** Requests sent and not yet answered. */
    int inFlight();

    /** Closes the connection; requests in flight are reported to the listener as failed. */
    void close();
}
