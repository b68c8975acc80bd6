package dev.loyalty.tools;

import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.gateway.GatewayContext;
import dev.loyalty.gateway.HttpGateway;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine and its HTTP gateway in one process, started in that order and closed in the reverse one: the
 * gateway stops taking requests, then the engine answers what is in its ring and closes the journal. When the
 * engine halts on an internal error, {@link #awaitHalt()} returns the cause so that the process can exit and be
 * restarted (recovery replays the journal). {@link #close()} may be called from any thread, more than once.
 */
final class Server
{
    private final CountDownLatch halted = new CountDownLatch(1);
    private final AtomicReference<Throwable> haltCause = new AtomicReference<>();
    private LoyaltyEngine engine;
    private HttpGateway gateway;
    private boolean closed;

    /**
     * Recovers and starts the engine, which reports a halt to this server. Throws what
     * {@link LoyaltyEngine#start} throws (a corrupted journal, a record that cannot be applied).
     */
    synchronized LoyaltyEngine startEngine(final EngineContext ctx)
    {
        engine = LoyaltyEngine.start(ctx.onHalt(this::onHalt));
        return engine;
    }

    /** Binds the HTTP port; throws (a {@link java.net.BindException} among others) when it cannot. */
    synchronized HttpGateway startGateway(final GatewayContext ctx)
    {
        gateway = HttpGateway.start(engine, ctx);
        return gateway;
    }

    /** Blocks until the engine halts; returns why. */
    Throwable awaitHalt() throws InterruptedException
    {
        halted.await();
        return haltCause.get();
    }

    /**
     * Closes the gateway, then the engine.
     *
     * @return true when this call closed them, false when they were already closed.
     */
    synchronized boolean close()
    {
        if (closed)
        {
            return false;
        }
        closed = true;
        try
        {
            if (gateway != null)
            {
                gateway.close();
            }
        }
        finally
        {
            if (engine != null)
            {
                engine.close();
            }
        }
        return true;
    }

    private void onHalt(final Throwable cause)
    {
        haltCause.compareAndSet(null, cause);
        halted.countDown();
    }
}
