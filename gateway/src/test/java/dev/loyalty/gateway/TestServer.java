package dev.loyalty.gateway;

import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.time.EngineClock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real engine (journal in a temp dir) and the real HTTP gateway on a loopback port, with a JDK HTTP client
 * that talks to it. Restartable on the same data dir, to test that state survives.
 */
final class TestServer implements AutoCloseable
{
    static final String ADMIN_KEY = "adm_test-admin-key-0123456789";

    private final Path dataDir;
    private final EngineClock clock;
    private final java.util.function.Consumer<GatewayContext> settings;
    private final java.util.function.Consumer<EngineContext> engineSettings;
    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private LoyaltyEngine engine;
    private HttpGateway gateway;
    private String lastDigest;
    private java.util.List<String> lastInvariantViolations;

    TestServer(final Path dataDir)
    {
        this(dataDir, EngineClock.SYSTEM);
    }

    TestServer(final Path dataDir, final EngineClock clock)
    {
        this(dataDir, clock, g -> { });
    }

    /** With gateway settings changed by {@code settings} (limits, timeouts). */
    TestServer(final Path dataDir, final EngineClock clock, final java.util.function.Consumer<GatewayContext> settings)
    {
        this(dataDir, clock, settings, e -> { });
    }

    /** With gateway and engine settings changed (limits, timeouts, the ring's size). */
    TestServer(
        final Path dataDir, final EngineClock clock, final java.util.function.Consumer<GatewayContext> settings,
        final java.util.function.Consumer<EngineContext> engineSettings)
    {
        this.dataDir = dataDir;
        this.clock = clock;
        this.settings = settings;
        this.engineSettings = engineSettings;
        start();
    }

    void start()
    {
        final EngineContext engineContext = new EngineContext().dataDir(dataDir).clock(clock).tickIntervalMillis(10);
        engineSettings.accept(engineContext);
        engine = LoyaltyEngine.start(engineContext);
        final GatewayContext ctx = new GatewayContext()
            .bindAddress("127.0.0.1").httpPort(0).dataDir(dataDir).adminKey(ADMIN_KEY);
        settings.accept(ctx);
        gateway = HttpGateway.start(engine, ctx);
    }

    void restart()
    {
        close();
        start();
    }

    LoyaltyEngine engine()
    {
        return engine;
    }

    HttpGateway gateway()
    {
        return gateway;
    }

    int port()
    {
        return gateway.port();
    }

    /** The binary protocol's port; -1 unless the settings gave one ({@code g -> g.binaryPort(0)}). */
    int binaryPort()
    {
        return gateway.binaryPort();
    }

    URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    /** Sends a request with the admin key; {@code body} null sends none. */
    Answer admin(final String method, final String path, final String body)
    {
        return send(method, path, body, ADMIN_KEY);
    }

    Answer send(final String method, final String path, final String body, final String key)
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null)
        {
            b.header("Content-Type", "application/json");
        }
        if (key != null)
        {
            b.header("Authorization", "Bearer " + key);
        }
        try
        {
            final HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Stops the gateway and the engine, then digests the engine's state and checks its invariants. */
    public void close()
    {
        if (gateway != null)
        {
            gateway.close();
            gateway = null;
        }
        if (engine != null)
        {
            engine.close();
            lastDigest = engine.businessLogic().stateDigest();
            lastInvariantViolations = engine.businessLogic().checkInvariants();
            engine = null;
        }
    }

    /** The state digest of the engine as it was when last closed. */
    String lastDigest()
    {
        return lastDigest;
    }

    /** The invariant violations of the engine as it was when last closed; empty when all hold. */
    java.util.List<String> lastInvariantViolations()
    {
        return lastInvariantViolations;
    }

    /** A response: status, body and headers. */
    record Answer(int status, String body, HttpResponse<String> response)
    {
        String header(final String name)
        {
            return response.headers().firstValue(name).orElse(null);
        }

        public String toString()
        {
            return status + " " + body;
        }
    }
}
