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
