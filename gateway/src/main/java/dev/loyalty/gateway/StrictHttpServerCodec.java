package dev.loyalty.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Netty's {@code HttpServerCodec} (request decoder, response encoder that sends no body to a HEAD request), except
 * that a request carrying both {@code Transfer-Encoding: chunked} and {@code Content-Length} is marked as a
 * failed decode instead of having its {@code Content-Length} silently dropped: two framings of one body are how
 * requests are smuggled past a proxy that reads the other one, so the request handler answers 400 and closes.
 */
final class StrictHttpServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder>
{
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();

    StrictHttpServerCodec(final int maxInitialLineBytes, final int maxHeaderBytes, final int maxChunkBytes)
    {
        final HttpDecoderConfig config = new HttpDecoderConfig()
            .setMaxInitialLineLength(maxInitialLineBytes)
            .setMaxHeaderSize(maxHeaderBytes)
            .setMaxChunkSize(maxChunkBytes);
        init(new RequestDecoder(config), new ResponseEncoder());
    }

    /** Thrown into the request's decoder result; the request handler answers it 400. */
    static final class ConflictingFramingException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        ConflictingFramingException()
        {
            super("a request may not have both Content-Length and Transfer-Encoding");
        }
    }

    private final class RequestDecoder extends HttpRequestDecoder
    {
        RequestDecoder(final HttpDecoderConfig config)
        {
            super(config);
        }

        protected void decode(final ChannelHandlerContext ctx, final ByteBuf buffer, final List<Object> out)
            throws Exception
        {
            final int before = out.size();
            super.decode(ctx, buffer, out);
            for (int i = before, size = out.size(); i < size; i++)
            {
                if (out.get(i) instanceof HttpRequest request)
                {
                    methods.add(request.method());
                }
            }
        }

        protected void handleTransferEncodingChunkedWithContentLength(final HttpMessage message)
        {
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.setDecoderResult(DecoderResult.failure(new ConflictingFramingException()));
        }
    }

    /**
     * Netty's response encoder, except that a readable {@link ByteBuf} is a whole response the gateway encoded
     * itself ({@link Responses#encoded}): it passes through as it is, and counts as the answer to the oldest
     * request, like any response.
     */
    private final class ResponseEncoder extends HttpResponseEncoder
    {
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
            throws Exception
        {
            if (msg instanceof ByteBuf buf && buf.isReadable())
            {
                methods.poll();
                ctx.write(buf, promise);
                return;
            }
            super.write(ctx, msg, promise);
        }

        protected boolean isContentAlwaysEmpty(final HttpResponse msg)
        {
            final HttpMethod method = msg.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL ?
                methods.peek() : methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
