package dev.loyalty.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP/1.1 connection's worth of client (the JDK's, which keeps one connection alive for sequential calls) to a
 * server on the loopback, sending a bearer key. {@link #send} lets the caller see an {@link IOException}: a request
 * that got no answer.
 */
final class Http
{
    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private final String base;
    private final String key;

    Http(final int port, final String key)
    {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    /** An answer: the status and the body exactly as sent. */
    record Answer(int status, String body)
    {
        Map<String, Object> json()
        {
            return Json.object(body);
        }

        public String toString()
        {
            return status + " " + body;
        }
    }

    /** Sends a request; {@code body} null sends none. Throws when no answer came. */
    Answer send(final String method, final String path, final String body) throws IOException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, body == null ?
                HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null)
        {
            request.header("Content-Type", "application/json");
        }
        if (key != null)
        {
            request.header("Authorization", "Bearer " + key);
        }
        try
        {
            final HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }

    /** Sends a request that must be answered. */
    Answer call(final String method, final String path, final String body)
    {
        try
        {
            return send(method, path, body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(method + " " + path + " got no answer", ex);
        }
    }

    Answer get(final String path)
    {
        return call("GET", path, null);
    }
}
