package dev.loyalty.gateway;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;

/** Builds one HTTP connection's pipeline: connection cap, HTTP codec with its limits, the request handler. */
final class HttpPipeline
{
    private HttpPipeline()
    {
    }

    static void configure(
        final ChannelPipeline pipeline, final GatewayContext ctx, final RequestRouter router,
        final ConnectionLimiter connections, final GatewayMetrics metrics)
    {
        pipeline.addLast("connections", connections);
        pipeline.addLast("http", new HttpServerCodec(ctx.maxInitialLineBytes(), ctx.maxHeaderBytes(), 16 * 1024));
        pipeline.addLast("requests", new HttpRequestHandler(router, metrics, ctx));
    }
}
