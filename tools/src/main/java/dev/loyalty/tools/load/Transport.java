package dev.loyalty.tools.load;

/**
 * A protocol the load generator speaks: opens connections that carry {@link Request}s and deliver decoded
 * {@link Answer}s. {@link HttpTransport} speaks HTTP/1.1 JSON (API.md); {@link BinaryTransport} the binary protocol,
 * encoding the same requests as binary frames and decoding its answers into the same {@link Answer} fields, so
 * that the schedule, the checks and the histograms do not know which protocol ran.
 */
public interface Transport extends AutoCloseable
{
    /**
     * Opens one connection (and authenticates it, where the protocol does that per connection); blocks until it
     * can send. Its listener is called on the connection's own thread.
     */
    Connection open(ConnectionListener listener) throws Exception;

    /** Closes every connection this transport opened and its threads. */
    void close();
}
