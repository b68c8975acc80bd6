package dev.loyalty.gateway;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.ReplyListener;
import dev.loyalty.engine.reply.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;

import java.util.List;
import java.util.Map;

/**
 * Turns one whole HTTP request into an answer, in API.md's order of checks: the route (404, 405), the body and
 * parameters (400, 415), the key (401) and its role (403); then the command goes into the engine's ring
 * (full: 503 OVERLOADED with {@code Retry-After}), where the idempotency key and the business rules are
 * checked. Shared by every connection; holds no per-request state.
 */
final class RequestRouter
{
    private static final int MAX_PATH_PARAMS = 4;
    /** The usual {@code Content-Type}, accepted without parsing it (no parameters, so no charset). */
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");

    private final LoyaltyEngine engine;
    private final Publisher publisher;
    private final Authenticator authenticator;
    private final GatewayMetrics metrics;
    private final int maxLines;

    RequestRouter(
        final LoyaltyEngine engine, final Authenticator authenticator, final GatewayMetrics metrics,
        final GatewayContext ctx)
    {
        this(engine, engine::tryPublish, authenticator, metrics, ctx);
    }

    /**
     * A router whose commands go to {@code publisher} instead of the engine's ring: {@code HttpCodecBenchmark}
     * measures the gateway's own work per request with a stand-in that answers at once. {@code engine} is only
     * asked about its health, snapshots and a refused publish.
     */
    RequestRouter(
        final LoyaltyEngine engine, final Publisher publisher, final Authenticator authenticator,
        final GatewayMetrics metrics, final GatewayContext ctx)
    {
        this.engine = engine;
        this.publisher = publisher;
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.maxLines = ctx.maxLines();
    }

    /** Where the router puts a command: {@link LoyaltyEngine#tryPublish}. */
    interface Publisher
    {
        boolean tryPublish(Command command, ReplyListener listener);
    }

    /** Answers the request through {@code exchange}, now or when the engine replies. */
    void handle(final HttpRequest request, final ByteBuf body, final Exchange exchange)
    {
        final HttpRequestHandler handler = exchange.handler;
        // A URI without a query or fragment is its own path: no decoder is made for it.
        final String rawUri = request.uri();
        final QueryStringDecoder uri = rawUri.indexOf('?') < 0 && rawUri.indexOf('#') < 0 ? null :
            new QueryStringDecoder(rawUri);
        final String path = uri == null ? rawUri : uri.rawPath();
        final String[] params = new String[MAX_PATH_PARAMS];
        final boolean[] methodMismatch = new boolean[1];
        final Route route = Route.match(request.method(), path, params, methodMismatch);
        if (route == null)
        {
            if (methodMismatch[0])
            {
                final FullHttpResponse response = Responses.error(
                    ErrorCode.METHOD_NOT_ALLOWED, request.method() + " is not allowed on " + path,
                    handler.alloc(), exchange.keepAlive);
                response.headers().set(HttpHeaderNames.ALLOW, Route.allowedMethods(path));
                handler.complete(exchange, response, ErrorCode.METHOD_NOT_ALLOWED);
            }
            else
            {
                reject(exchange, ErrorCode.NOT_FOUND, "no route " + request.method() + " " + path);
            }
            return;
        }
        if (route == Route.HEALTH || route == Route.HEALTH_HEAD)
        {
            health(exchange);
            return;
        }
        if (route == Route.METRICS)
        {
            handler.complete(exchange, Responses.text(
                metrics.render(), Responses.PROMETHEUS_TEXT, handler.alloc(), exchange.keepAlive), null);
            return;
        }

        final Principal principal = handler.authenticate(
            authenticator, request.headers().get(HttpHeaderNames.AUTHORIZATION));
        final String scope = principal == null ? null : principal.scopePartnerId();
        final Command command;
        try
        {
            final Map<String, List<String>> query = uri == null ? Map.of() : decodeQuery(uri);
            checkContentType(request, body);
            checkNoStrays(route, query, path, body);
            decodePathParams(route, params);
            command = decode(route, params, query, body, scope, exchange);
        }
        catch (final BadRequestException ex)
        {
            reject(exchange, ex.code(), ex.getMessage());
            return;
        }
        if (principal == null)
        {
            reject(exchange, ErrorCode.UNAUTHORIZED, "a valid key is required: Authorization: Bearer <key>");
            return;
        }
        if (route.access() == Route.Access.ADMIN && !principal.admin())
        {
            reject(exchange, ErrorCode.FORBIDDEN, "this route needs an admin key");
            return;
        }
        if (route == Route.ADMIN_SNAPSHOT)
        {
            SnapshotRoute.take(engine, exchange);
            return;
        }
        exchange.command = command;
        if (!publisher.tryPublish(command, exchange))
        {
            if (engine.isHalted())
            {
                reject(exchange, ErrorCode.ENGINE_HALTED, "the engine stopped on an internal error; retry later");
            }
            else
            {
                reject(exchange, ErrorCode.OVERLOADED, "the engine is at capacity; retry after 1 second");
            }
        }
    }

    private Command decode(
        final Route route, final String[] params, final Map<String, List<String>> query, final ByteBuf body,
        final String scope, final Exchange exchange)
    {
        return switch (route)
        {
            case PUT_PROGRAM -> AdminBodies.program(json(body));
            case GET_PROGRAM -> new Commands.GetProgram();
            case PUT_PARTNER -> AdminBodies.partner(json(body), params[0]);
            case GET_PARTNER -> new Commands.GetPartner(params[0]);
            case PUT_STORE -> AdminBodies.store(json(body), params[0]);
            case GET_STORE -> new Commands.GetStore(scope, params[0]);
            case CREATE_MEMBER -> MemberBodies.create(json(body), scope);
            case FIND_MEMBER -> findMember(query, scope);
            case GET_MEMBER -> new Commands.GetMember(scope, MemberRef.byId(params[0]));
            case ADD_IDENTIFIER -> MemberBodies.addIdentifier(json(body), scope, params[0]);
            case MERGE_MEMBERS -> MemberBodies.merge(json(body), params[0]);
            case ADJUST_POINTS -> MemberBodies.adjust(json(body), params[0]);
            case GET_LEDGER -> ledger(query, scope, params[0]);
            case AUTHORIZE -> new Commands.Authorize(scope, PurchaseBodies.purchase(json(body), false, maxLines));
            case CALCULATE -> new Commands.Calculate(scope, PurchaseBodies.purchase(json(body), true, maxLines));
            case ONE_SHOT -> new Commands.OneShot(scope, PurchaseBodies.purchase(json(body), false, maxLines));
            case CAPTURE -> new Commands.Capture(scope, emptyBody(body, params[0]));
            case VOID -> new Commands.VoidPurchase(scope, emptyBody(body, params[0]));
            case REFUND -> PurchaseBodies.refund(json(body), scope, params[0], maxLines);
            case GET_PURCHASE -> new Commands.GetPurchase(scope, params[0]);
            case PUT_PROMOTION -> PromotionBodies.promotion(json(body), params[0]);
            case GET_PROMOTION -> new Commands.GetPromotion(params[0]);
            case LIST_PROMOTIONS -> new Commands.ListPromotions();
            case CREATE_COUPONS -> PromotionBodies.coupons(json(body));
            case RECORD_ACTIVITY -> PromotionBodies.activity(json(body), scope);
            case PUT_TIERS -> GamificationBodies.tiers(json(body));
            case GET_TIERS -> new GamificationCommands.GetTiers();
            case PUT_ACHIEVEMENT -> GamificationBodies.achievement(json(body), params[0]);
            case GET_ACHIEVEMENT -> new GamificationCommands.GetAchievement(params[0]);
            case LIST_ACHIEVEMENTS -> new GamificationCommands.ListAchievements();
            case GET_MEMBER_ACHIEVEMENTS -> new GamificationCommands.GetMemberAchievements(scope, params[0]);
            case PUT_LEADERBOARD -> GamificationBodies.leaderboard(json(body), params[0]);
            case GET_LEADERBOARD -> GamificationBodies.board(query, scope, params[0]);
            case GET_LEADERBOARD_MEMBER -> new GamificationCommands.GetLeaderboardMember(scope, params[0], params[1]);
            case CREATE_KEY -> createKey(json(body), exchange);
            case REVOKE_KEY -> new Commands.RevokeKey(params[0]);
            case ADMIN_SNAPSHOT -> SnapshotRoute.decode(body);
            case HEALTH, HEALTH_HEAD, METRICS -> throw new IllegalStateException("answered by the gateway: " + route);
        };
    }

    private static Command createKey(final JsonReader r, final Exchange exchange)
    {
        final AdminBodies.KeyRequest k = AdminBodies.key(r);
        final String keyId = "key_" + AdminKeyFile.randomToken(9);
        final String secret = AdminKeyFile.randomToken(24);
        exchange.keyId = keyId;
        exchange.keyToken = keyId + "." + secret;
        return new Commands.CreateKey(
            k.requestId(), keyId, k.role(), k.partnerId(), Authenticator.hex(Authenticator.sha256(secret)));
    }

    private static Command findMember(final Map<String, List<String>> query, final String scope)
    {
        String type = null;
        String value = null;
        for (final Map.Entry<String, List<String>> e : query.entrySet())
        {
            final String v = single(e);
            switch (e.getKey())
            {
                case "identifierType" -> type = v;
                case "value" -> value = v;
                default -> throw new BadRequestException("unknown query parameter " + e.getKey());
            }
        }
        if (type == null || value == null)
        {
            throw new BadRequestException("identifierType and value are required");
        }
        return new Commands.GetMember(scope, MemberRef.byIdentifier(
            PurchaseBodies.identifierType(type, "identifierType"), PurchaseBodies.identifierValue(value, "value")));
    }

    private static Command ledger(final Map<String, List<String>> query, final String scope, final String memberId)
    {
        int limit = 50;
        long before = -1;
        for (final Map.Entry<String, List<String>> e : query.entrySet())
        {
            final String v = single(e);
            switch (e.getKey())
            {
                case "limit" -> limit = (int)queryInteger("limit", v, 1, 1000);
                case "before" -> before = queryInteger("before", v, 0, Long.MAX_VALUE);
                default -> throw new BadRequestException("unknown query parameter " + e.getKey());
            }
        }
        return new Commands.GetLedger(scope, memberId, limit, before);
    }

    private static long queryInteger(final String name, final String v, final long min, final long max)
    {
        final long n;
        try
        {
            n = Long.parseLong(v);
        }
        catch (final NumberFormatException ex)
        {
            throw new BadRequestException(name + " must be an integer " + min + ".." + max);
        }
        if (n < min || n > max)
        {
            throw new BadRequestException(name + " must be an integer " + min + ".." + max);
        }
        return n;
    }

    private static String single(final Map.Entry<String, List<String>> e)
    {
        if (e.getValue().size() != 1)
        {
            throw new BadRequestException("query parameter " + e.getKey() + " must be given once");
        }
        return e.getValue().get(0);
    }

    /**
     * Only the routes that read query parameters may have them, and a GET or DELETE takes no body: a request
     * that carries either where it means nothing is refused rather than applied without it.
     */
    private static void checkNoStrays(
        final Route route, final Map<String, List<String>> query, final String path, final ByteBuf body)
    {
        if (route != Route.FIND_MEMBER && route != Route.GET_LEDGER && route != Route.GET_LEADERBOARD &&
            !query.isEmpty())
        {
            throw new BadRequestException("unknown query parameter " + query.keySet().iterator().next());
        }
        if ((route.method() == HttpMethod.GET || route.method() == HttpMethod.DELETE) && body.isReadable())
        {
            throw new BadRequestException(route.method() + " " + path + " takes no body");
        }
    }

    /** Decodes the query once, so that a malformed percent-encoding is a 400 rather than an exception. */
    private static Map<String, List<String>> decodeQuery(final QueryStringDecoder uri)
    {
        try
        {
            return uri.parameters();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new BadRequestException("the query has a malformed percent-encoding");
        }
    }

    /** Path parameters are percent-decoded and must be ids (1-64 printable characters). */
    private static void decodePathParams(final Route route, final String[] params)
    {
        for (int i = 0; i < params.length && params[i] != null; i++)
        {
            final String decoded;
            try
            {
                decoded = QueryStringDecoder.decodeComponent(params[i]);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new BadRequestException("the path has a malformed percent-encoding");
            }
            params[i] = JsonReader.checkId("the path's id", decoded);
        }
    }

    private static String emptyBody(final ByteBuf body, final String id)
    {
        if (body.isReadable())
        {
            PurchaseBodies.emptyBody(json(body));
        }
        return id;
    }

    private static JsonReader json(final ByteBuf body)
    {
        if (!body.isReadable())
        {
            throw new BadRequestException("a JSON body is required");
        }
        return JsonReader.of(body.array(), body.arrayOffset() + body.readerIndex(), body.readableBytes());
    }

    private static void checkContentType(final HttpRequest request, final ByteBuf body)
    {
        final String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !body.isReadable() || APPLICATION_JSON.contentEqualsIgnoreCase(type))
        {
            return;
        }
        final CharSequence mime = HttpUtil.getMimeType(type);
        final CharSequence charset = HttpUtil.getCharsetAsSequence(request);
        if (mime == null || !"application/json".contentEquals(mime.toString().toLowerCase()) ||
            (charset != null && !"utf-8".equalsIgnoreCase(charset.toString())))
        {
            throw new BadRequestException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json in UTF-8, not " +
                (type.length() > 100 ? type.substring(0, 100) : type) +
                " (curl -d needs -H 'Content-Type: application/json')");
        }
    }

    private void health(final Exchange exchange)
    {
        if (engine.isReady())
        {
            exchange.handler.complete(exchange, Responses.of(HealthReply.READY, exchange.handler.alloc(),
                exchange.keepAlive), null);
        }
        else
        {
            reject(exchange, ErrorCode.ENGINE_HALTED, "the engine is not ready");
        }
    }

    private static void reject(final Exchange exchange, final ErrorCode code, final String message)
    {
        exchange.handler.complete(
            exchange, Responses.error(code, message, exchange.handler.alloc(), exchange.keepAlive), code);
    }
}
