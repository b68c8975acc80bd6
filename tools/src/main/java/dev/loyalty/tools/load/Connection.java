package dev.loyalty.tools.load;

/**
 * One connection of a {@link Transport}. It has one thread (a Netty event loop for HTTP; a polling thread for a
 * client that owns none, such as the binary protocol's): {@link #send}, {@link #flush}, {@link #inFlight} and
 * {@link #close} are called on it, tasks given to {@link #execute} and {@link #schedule} run on it, and so do the
 * {@link ConnectionListener}'s calls. Requests may be pipelined: {@link #send} does not wait for the answer, and
 * the answers come back to the listener, each with its request.
 */
public interface Connection
{
    /** Runs {@code task} on the connection's thread; may be called from any thread. */
    void execute(Runnable task);

    /** Runs {@code task} on the connection's thread {@code delayNs} from now; may be called from any thread. */
    void schedule(long delayNs, Runnable task);

    /** Encodes and queues the request, and stamps its {@link Request#sentNs}; {@link #flush} writes it out. */
    void send(Request request);

    /** Writes out what {@link #send} queued. */
    void flush();

    /** Requests sent and not yet answered. */
    int inFlight();

    /** Closes the connection; requests in flight are reported to the listener as failed. */
    void close();
}
