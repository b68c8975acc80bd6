package dev.loyalty.gateway;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The gateway's settings, set fluently and validated once by {@link HttpGateway#start}. Defaults are API.md's:
 * port 8080, 64 KiB bodies, 200 lines a purchase. The binary protocol, when its port is set, shares the address,
 * event loops and limits: a frame may be as large as a body.
 */
public final class GatewayContext
{
    private String bindAddress = "0.0.0.0";
    private int httpPort = 8080;
    private int binaryPort = -1;
    private int ioThreads = 1;
    private int maxBodyBytes = 64 * 1024;
    private int maxHeaderBytes = 8 * 1024;
    private int maxInitialLineBytes = 4 * 1024;
    private int maxInFlightPerConnection = 64;
    private int maxConnections = 10_000;
    private int maxLines = 200;
    private long requestTimeoutMillis = 10_000;
    private long idleTimeoutMillis = 60_000;
    private Path dataDir = Path.of("data");
    private String adminKey;
    private Consumer<String> onAdminKeyGenerated = key -> { };

    public String bindAddress()
    {
        return bindAddress;
    }

    /** The address to listen on: {@code 0.0.0.0} (all) by default, {@code 127.0.0.1} in tests. */
    public GatewayContext bindAddress(final String bindAddress)
    {
        this.bindAddress = Objects.requireNonNull(bindAddress);
        return this;
    }

    public int httpPort()
    {
        return httpPort;
    }

    /** The HTTP port; 0 picks a free one ({@link HttpGateway#port()} tells which). */
    public GatewayContext httpPort(final int httpPort)
    {
        this.httpPort = httpPort;
        return this;
    }

    public int binaryPort()
    {
        return binaryPort;
    }

    /**
     * The binary protocol's port (docs/binary-protocol.md), on the same address; 0 picks a free one
     * ({@link HttpGateway#binaryPort()} tells which), -1 (the default here; {@code loyalty serve} opens 9090)
     * opens none.
     */
    public GatewayContext binaryPort(final int binaryPort)
    {
        this.binaryPort = binaryPort;
        return this;
    }

    public int ioThreads()
    {
        return ioThreads;
    }

    /** Netty event-loop threads; one is right on a 2-core machine, where the engine runs three stages. */
    public GatewayContext ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    public int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    /**
     * The largest request body, and the largest binary frame; a larger one is answered 413 PAYLOAD_TOO_LARGE
     * (a binary connection is then closed).
     */
    public GatewayContext maxBodyBytes(final int maxBodyBytes)
    {
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    public int maxHeaderBytes()
    {
        return maxHeaderBytes;
    }

    /** The largest header block; a larger one is answered 431 HEADERS_TOO_LARGE and the connection closed. */
    public GatewayContext maxHeaderBytes(final int maxHeaderBytes)
    {
        this.maxHeaderBytes = maxHeaderBytes;
        return this;
    }

    public int maxInitialLineBytes()
    {
        return maxInitialLineBytes;
    }

    /** The longest request line (method, path and query). */
    public GatewayContext maxInitialLineBytes(final int maxInitialLineBytes)
    {
        this.maxInitialLineBytes = maxInitialLineBytes;
        return this;
    }

    public int maxInFlightPerConnection()
    {
        return maxInFlightPerConnection;
    }

    /**
     * Requests one connection may have in the engine at once; beyond it the gateway stops reading that
     * connection until answers go out (back-pressure on the one client, not on the ring).
     */
    public GatewayContext maxInFlightPerConnection(final int maxInFlightPerConnection)
    {
        this.maxInFlightPerConnection = maxInFlightPerConnection;
        return this;
    }

    public int maxConnections()
    {
        return maxConnections;
    }

    /** Open connections the gateway accepts; one more is answered 503 OVERLOADED and closed. */
    public GatewayContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    public int maxLines()
    {
        return maxLines;
    }

    /** Lines a purchase may have. */
    public GatewayContext maxLines(final int maxLines)
    {
        this.maxLines = maxLines;
        return this;
    }

    public long requestTimeoutMillis()
    {
        return requestTimeoutMillis;
    }

    /**
     * How long a request's head and body may take to arrive from its first byte; a slower connection is closed
     * (slowloris).
     */
    public GatewayContext requestTimeoutMillis(final long requestTimeoutMillis)
    {
        this.requestTimeoutMillis = requestTimeoutMillis;
        return this;
    }

    public long idleTimeoutMillis()
    {
        return idleTimeoutMillis;
    }

    /** How long a keep-alive connection with nothing in flight may stay silent before it is closed. */
    public GatewayContext idleTimeoutMillis(final long idleTimeoutMillis)
    {
        this.idleTimeoutMillis = idleTimeoutMillis;
        return this;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    /** Where {@code admin.key} is kept when no admin key is given. */
    public GatewayContext dataDir(final Path dataDir)
    {
        this.dataDir = Objects.requireNonNull(dataDir);
        return this;
    }

    public String adminKey()
    {
        return adminKey;
    }

    /**
     * The admin key ({@code LOYALTY_ADMIN_KEY}); when null the key in {@code <dataDir>/admin.key} is used,
     * generated on first start.
     */
    public GatewayContext adminKey(final String adminKey)
    {
        this.adminKey = adminKey;
        return this;
    }

    public Consumer<String> onAdminKeyGenerated()
    {
        return onAdminKeyGenerated;
    }

    /** Called once, with the new key, when the gateway generates {@code admin.key}: the one time it is shown. */
    public GatewayContext onAdminKeyGenerated(final Consumer<String> onAdminKeyGenerated)
    {
        this.onAdminKeyGenerated = Objects.requireNonNull(onAdminKeyGenerated);
        return this;
    }

    void validate()
    {
        if (httpPort < 0 || httpPort > 65_535)
        {
            throw new IllegalArgumentException("httpPort must be 0..65535: " + httpPort);
        }
        if (binaryPort < -1 || binaryPort > 65_535)
        {
            throw new IllegalArgumentException("binaryPort must be -1 (none) or 0..65535: " + binaryPort);
        }
        if (ioThreads < 1)
        {
            throw new IllegalArgumentException("ioThreads must be >= 1: " + ioThreads);
        }
        if (maxBodyBytes < 1024)
        {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1024: " + maxBodyBytes);
        }
        if (maxHeaderBytes < 1024 || maxInitialLineBytes < 256)
        {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 1024 and maxInitialLineBytes >= 256");
        }
        if (maxInFlightPerConnection < 1 || maxConnections < 1 || maxLines < 1)
        {
            throw new IllegalArgumentException("maxInFlightPerConnection, maxConnections and maxLines must be >= 1");
        }
        if (requestTimeoutMillis < 1 || idleTimeoutMillis < 1)
        {
            throw new IllegalArgumentException("requestTimeoutMillis and idleTimeoutMillis must be >= 1");
        }
        if (adminKey != null && (adminKey.length() < 16 || adminKey.length() > 256))
        {
            throw new IllegalArgumentException("the admin key must be 16..256 characters");
        }
    }
}
