package dev.loyalty.gateway;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Builds one HTTP connection's pipeline: connection cap, idle and request deadlines, HTTP codec with its limits,
 * the request handler.
 */
final class HttpPipeline
{
    private HttpPipeline()
    {
    }

    static void configure(
        final ChannelPipeline pipeline, final GatewayContext ctx, final RequestRouter router,
        final ConnectionLimiter connections, final GatewayMetrics metrics)
    {
        final RequestDeadlineHandler deadlines = new RequestDeadlineHandler(ctx.requestTimeoutMillis());
        pipeline.addLast("connections", connections);
        pipeline.addLast("idle", new IdleStateHandler(0, 0, ctx.idleTimeoutMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast("deadlines", deadlines);
        pipeline.addLast("http", new StrictHttpServerCodec(ctx.maxInitialLineBytes(), ctx.maxHeaderBytes(), 16 * 1024));
        pipeline.addLast("requests", new HttpRequestHandler(router, metrics, ctx, deadlines));
    }
}
