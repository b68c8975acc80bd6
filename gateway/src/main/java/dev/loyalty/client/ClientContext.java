package dev.loyalty.client;

import java.util.Objects;

/** The client's settings, set fluently and validated once by {@link LoyaltyClient#connect}. */
public final class ClientContext
{
    private String host = "127.0.0.1";
    private int port = Protocol.DEFAULT_PORT;
    private String key;
    private long connectTimeoutMillis = 5_000;
    private long callTimeoutMillis = 10_000;
    private int maxInFlight = 4096;
    private int sendBufferBytes = 256 * 1024;
    private int receiveBufferBytes = 256 * 1024;
    private AnswerListener connectionListener;

    public String host()
    {
        return host;
    }

    public ClientContext host(final String host)
    {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    public int port()
    {
        return port;
    }

    /** The binary port ({@code loyalty serve --binary-port}, 9090 by default). */
    public ClientContext port(final int port)
    {
        this.port = port;
        return this;
    }

    public String key()
    {
        return key;
    }

    /** The API key, as HTTP's {@code Authorization: Bearer <key>}: the admin key or a {@code pos} key. */
    public ClientContext key(final String key)
    {
        this.key = key;
        return this;
    }

    public long connectTimeoutMillis()
    {
        return connectTimeoutMillis;
    }

    /** How long connecting and the AUTH answer may take. */
    public ClientContext connectTimeoutMillis(final long connectTimeoutMillis)
    {
        this.connectTimeoutMillis = connectTimeoutMillis;
        return this;
    }

    public long callTimeoutMillis()
    {
        return callTimeoutMillis;
    }

    /** How long a blocking {@link LoyaltyClient#call} waits for its answer. */
    public ClientContext callTimeoutMillis(final long callTimeoutMillis)
    {
        this.callTimeoutMillis = callTimeoutMillis;
        return this;
    }

    public int maxInFlight()
    {
        return maxInFlight;
    }

    /**
     * Requests the client lets be unanswered before {@link LoyaltyClient#send} says back-pressured; rounded up
     * to a power of two. The server reads at most its own limit ahead (AUTH_OK's {@code maxInFlight}) and holds
     * the rest in the socket, so a larger window here only queues.
     */
    public ClientContext maxInFlight(final int maxInFlight)
    {
        this.maxInFlight = maxInFlight;
        return this;
    }

    public int sendBufferBytes()
    {
        return sendBufferBytes;
    }

    /** Bytes of requests the client buffers before a flush must make room. */
    public ClientContext sendBufferBytes(final int sendBufferBytes)
    {
        this.sendBufferBytes = sendBufferBytes;
        return this;
    }

    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    /** The receive buffer's first size; it grows for a larger answer. */
    public ClientContext receiveBufferBytes(final int receiveBufferBytes)
    {
        this.receiveBufferBytes = receiveBufferBytes;
        return this;
    }

    public AnswerListener connectionListener()
    {
        return connectionListener;
    }

    /**
     * Gets the answers about the connection rather than a request (correlation id 0: a frame over the size
     * limit, a frame too slow to arrive, too many connections), which the server sends just before it closes.
     */
    public ClientContext connectionListener(final AnswerListener connectionListener)
    {
        this.connectionListener = connectionListener;
        return this;
    }

    void validate()
    {
        if (key == null || key.isEmpty())
        {
            throw new IllegalArgumentException("a key is required");
        }
        if (port < 1 || port > 65_535)
        {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (maxInFlight < 1 || maxInFlight > 1 << 24)
        {
            throw new IllegalArgumentException("maxInFlight must be 1..16777216: " + maxInFlight);
        }
        if (sendBufferBytes < 4096 || receiveBufferBytes < 4096)
        {
            throw new IllegalArgumentException("sendBufferBytes and receiveBufferBytes must be >= 4096");
        }
        if (connectTimeoutMillis < 1 || callTimeoutMillis < 1)
        {
            throw new IllegalArgumentException("connectTimeoutMillis and callTimeoutMillis must be >= 1");
        }
    }
}
