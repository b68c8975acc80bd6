package dev.loyalty.gateway;

import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.ErrorReply;
import dev.loyalty.engine.reply.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;

/** Builds HTTP responses: a rendered reply, an error in API.md's shape, or plain text (metrics). */
final class Responses
{
    static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    static final AsciiString PROMETHEUS_TEXT = AsciiString.cached("text/plain; version=0.0.4; charset=utf-8");
    static final AsciiString RETRY_AFTER_SECONDS = AsciiString.cached("1");

    private Responses()
    {
    }

    private static final byte[] CONTENT_LENGTH_LINE = ascii("\r\ncontent-length: ");
    private static final byte[] RETRY_AFTER_LINE = ascii("\r\nretry-after: 1");
    private static final byte[] CONNECTION_CLOSE_LINE = ascii("\r\nconnection: close");
    private static final byte[] END_OF_HEADERS = ascii("\r\n\r\n");
    /** Per status code, {@code HTTP/1.1 <code> <reason>\r\ncontent-type: application/json}; filled on first use. */
    private static final byte[][] STATUS_HEADS = new byte[600][];
    /**
     * The whole HTTP/1.1 response to an engine reply, status line, headers and JSON body, encoded in one buffer
     * from {@code alloc}: the same bytes as {@link #of} through Netty's {@code HttpResponseEncoder} (status and
     * reason, {@code content-type}, {@code content-length}, {@code retry-after} on 429 and 503,
     * {@code connection: close} when not kept alive), without a response object, a header map or a promise
     * per part. Written through {@link StrictHttpServerCodec}, which passes such buffers through. Never for a
     * response to HEAD: the body is always sent.
     */
    static ByteBuf encoded(final Reply reply, final ByteBufAllocator alloc, final boolean keepAlive)
    {
        final JsonReplyWriter body = JsonReplyWriter.rendered(reply);
        final int status = reply.httpStatus();
        final byte[] head = statusHead(status);
        final int length = body.length();
        final ByteBuf out = alloc.buffer(head.length + CONTENT_LENGTH_LINE.length + 10 + RETRY_AFTER_LINE.length +
            CONNECTION_CLOSE_LINE.length + END_OF_HEADERS.length + length);
        out.writeBytes(head).writeBytes(CONTENT_LENGTH_LINE);
        writeDecimal(out, length);
        if (status == 429 || status == 503)
        {
            out.writeBytes(RETRY_AFTER_LINE);
        }
        if (!keepAlive)
        {
            out.writeBytes(CONNECTION_CLOSE_LINE);
        }
        out.writeBytes(END_OF_HEADERS);
        body.copyTo(out);
        return out;
    }

    private static byte[] statusHead(final int status)
    {
        byte[] head = status >= 100 && status < STATUS_HEADS.length ? STATUS_HEADS[status] : null;
        if (head == null)
        {
            final HttpResponseStatus s = HttpResponseStatus.valueOf(status);
            head = ascii("HTTP/1.1 " + s.code() + " " + s.reasonPhrase() + "\r\ncontent-type: " + APPLICATION_JSON);
            if (status >= 100 && status < STATUS_HEADS.length)
            {
                STATUS_HEADS[status] = head;
            }
        }
        return head;
    }

    private static void writeDecimal(final ByteBuf out, final int value)
    {
        int divisor = 1;
        while (value / divisor >= 10)
        {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10)
        {
            out.writeByte('0' + (value / divisor) % 10);
        }
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The reply rendered as JSON with its status; 429 and 503 carry {@code Retry-After}. */
    static FullHttpResponse of(final Reply reply, final ByteBufAllocator alloc, final boolean keepAlive)
    {
        final ByteBuf body = JsonReplyWriter.render(reply, alloc);
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.httpStatus()), body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        final int status = reply.httpStatus();
        if (status == 429 || status == 503)
        {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (!keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    static FullHttpResponse error(
        final ErrorCode code, final String message, final ByteBufAllocator alloc, final boolean keepAlive)
    {
        return of(ErrorReply.of(code, message), alloc, keepAlive);
    }

    static FullHttpResponse text(
        final String text, final AsciiString contentType, final ByteBufAllocator alloc, final boolean keepAlive)
    {
        final ByteBuf body = alloc.buffer(text.length());
        body.writeCharSequence(text, StandardCharsets.UTF_8);
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (!keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
