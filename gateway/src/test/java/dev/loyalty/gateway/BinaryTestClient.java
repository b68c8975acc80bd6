package dev.loyalty.gateway;

import dev.loyalty.client.ClientContext;
import dev.loyalty.client.LoyaltyClient;

/** Test-side: clients of a {@link TestServer}'s binary port. */
final class BinaryTestClient
{
    private BinaryTestClient()
    {
    }

    /** A TestServer with the binary port open on a free port, and {@code more} settings on top. */
    static TestServer server(
        final java.nio.file.Path dir, final dev.loyalty.engine.time.EngineClock clock,
        final java.util.function.Consumer<GatewayContext> more)
    {
        return new TestServer(dir, clock, g ->
        {
            g.binaryPort(0);
            more.accept(g);
        });
    }

    static LoyaltyClient connect(final TestServer s, final String key)
    {
        return LoyaltyClient.connect(new ClientContext().port(s.binaryPort()).key(key).callTimeoutMillis(20_000));
    }

    static LoyaltyClient admin(final TestServer s)
    {
        return connect(s, TestServer.ADMIN_KEY);
    }
}
