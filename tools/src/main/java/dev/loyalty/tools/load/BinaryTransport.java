package dev.loyalty.tools.load;

import dev.loyalty.client.ClientContext;
import dev.loyalty.client.LoyaltyClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary protocol (docs/binary-protocol.md) through its Java client, {@code dev.loyalty.client}: each
 * connection is a {@link LoyaltyClient} (connect, AUTH with the key, then pipelined frames with correlation ids,
 * answers in request order), encoded and decoded by {@link BinaryConnection} into the same {@link Request}s and
 * {@link Answer}s as HTTP. The client owns no thread, so {@code clientThreads} {@link BinaryPoller}s drive the
 * connections (spread round-robin): each runs their tasks and timers, reads the sockets that have answers, and
 * blocks in one selector over its sockets when there is nothing to do (its timers wake it through an alarm
 * thread), so that the load generator does not spin on a core the engine under test needs.
 */
public final class BinaryTransport implements Transport
{
    private final String host;
    private final int port;
    private final String key;
    private final String storeId;
    private final String occurredAt;
    private final BinaryPoller[] pollers;
    private final List<BinaryConnection> connections = new ArrayList<>();
    private int next;

    /**
     * @param host          the engine's address.
     * @param port          its binary port ({@code loyalty serve --binary-port}).
     * @param key           the key of the AUTH frame.
     * @param storeId       the store of the purchases sent.
     * @param occurredAt    the {@code occurredAt} of the purchases sent, or null for none.
     * @param clientThreads polling threads.
     */
    public BinaryTransport(
        final String host, final int port, final String key, final String storeId, final String occurredAt,
        final int clientThreads)
    {
        if (key == null || key.isEmpty())
        {
            throw new IllegalArgumentException("the binary protocol needs a key");
        }
        this.host = host;
        this.port = port;
        this.key = key;
        this.storeId = storeId;
        this.occurredAt = occurredAt;
        this.pollers = new BinaryPoller[clientThreads];
        for (int i = 0; i < clientThreads; i++)
        {
            pollers[i] = new BinaryPoller("loadgen-binary-" + i);
            pollers[i].start();
        }
    }

    /** Connects and authenticates (blocking, on the caller's thread), then hands the connection to a poller. */
    public Connection open(final ConnectionListener listener)
    {
        final LoyaltyClient client = LoyaltyClient.connect(new ClientContext().host(host).port(port).key(key));
        final BinaryPoller poller;
        final BinaryConnection connection;
        synchronized (connections)
        {
            poller = pollers[next++ % pollers.length];
            connection = new BinaryConnection(client, poller, listener, storeId, occurredAt);
            connections.add(connection);
        }
        poller.execute(() -> poller.add(connection));
        return connection;
    }

    public void close()
    {
        for (final BinaryPoller poller : pollers)
        {
            poller.shutdown();
        }
        synchronized (connections)
        {
            for (final BinaryConnection connection : connections)
            {
                connection.closeClient();
            }
            connections.clear();
        }
    }
}
