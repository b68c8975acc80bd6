package dev.loyalty.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 connection over a socket, for what a well-behaved client library will not send: pipelined
 * requests, malformed request lines and headers, conflicting lengths. Reads responses with Content-Length.
 */
final class RawHttp implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(final int port)
    {
        try
        {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** A whole request with Content-Length, Host and (when given) the bearer key. */
    static String request(final String method, final String path, final String key, final String body)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        if (key != null)
        {
            sb.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        if (body != null)
        {
            sb.append("Content-Type: application/json\r\nContent-Length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
        }
        else
        {
            sb.append("\r\n");
        }
        return sb.toString();
    }

    RawHttp send(final String raw)
    {
        return send(raw.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp send(final byte[] raw)
    {
        try
        {
            out.write(raw);
            out.flush();
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The next response, or null when the server closed the connection first. */
    Response read()
    {
        return read(true);
    }

    /** The next response to a HEAD request: headers only, whatever its Content-Length says. */
    Response readHead()
    {
        return read(false);
    }

    private Response read(final boolean withBody)
    {
        try
        {
            final String statusLine = line();
            if (statusLine == null)
            {
                return null;
            }
            final Map<String, String> headers = new LinkedHashMap<>();
            String h;
            while ((h = line()) != null && !h.isEmpty())
            {
                final int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            final int status = Integer.parseInt(statusLine.split(" ")[1]);
            if (status == 100)
            {
                return read(withBody);
            }
            final int length = withBody ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
            final byte[] body = in.readNBytes(length);
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    List<Response> read(final int n)
    {
        final List<Response> list = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            list.add(read());
        }
        return list;
    }

    /** True when the server has closed the connection (reads end of stream within the timeout). */
    boolean closedByServer()
    {
        try
        {
            return in.read() == -1;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    private String line() throws IOException
    {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1)
        {
            if (c == '\n')
            {
                final byte[] bytes = b.toByteArray();
                final int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignore)
        {
            // the test is over with this connection
        }
    }

    /** One response. */
    record Response(int status, Map<String, String> headers, String body)
    {
        public String toString()
        {
            return status + " " + body;
        }
    }
}
