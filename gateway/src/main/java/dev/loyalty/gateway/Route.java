package dev.loyalty.gateway;

import io.netty.handler.codec.http.HttpMethod;

/**
 * Every route of API.md: method, path template ({@code {x}} is a path parameter) and who may call it. Routes
 * that are not {@link Access#PUBLIC} need a key; {@link Access#ADMIN} routes refuse {@code pos} keys with 403.
 */
enum Route
{
    HEALTH("GET", "/health", Access.PUBLIC),
    HEALTH_HEAD("HEAD", "/health", Access.PUBLIC),
    METRICS("GET", "/metrics", Access.PUBLIC),

    PUT_PROGRAM("PUT", "/v1/program", Access.ADMIN),
    GET_PROGRAM("GET", "/v1/program", Access.ADMIN),
    PUT_PARTNER("PUT", "/v1/partners/{partnerId}", Access.ADMIN),
    GET_PARTNER("GET", "/v1/partners/{partnerId}", Access.ADMIN),
    PUT_STORE("PUT", "/v1/stores/{storeId}", Access.ADMIN),
    GET_STORE("GET", "/v1/stores/{storeId}", Access.ADMIN),

    CREATE_MEMBER("POST", "/v1/members", Access.ANY_KEY),
    FIND_MEMBER("GET", "/v1/members", Access.ANY_KEY),
    GET_MEMBER("GET", "/v1/members/{memberId}", Access.ANY_KEY),
    ADD_IDENTIFIER("POST", "/v1/members/{memberId}/identifiers", Access.ANY_KEY),
    MERGE_MEMBERS("POST", "/v1/members/{memberId}/merge", Access.ADMIN),
    ADJUST_POINTS("POST", "/v1/members/{memberId}/adjustments", Access.ADMIN),
    GET_LEDGER("GET", "/v1/members/{memberId}/ledger", Access.ANY_KEY),

    AUTHORIZE("POST", "/v1/purchases/authorize", Access.ANY_KEY),
    CALCULATE("POST", "/v1/purchases/calculate", Access.ANY_KEY),
    ONE_SHOT("POST", "/v1/purchases", Access.ANY_KEY),
    CAPTURE("POST", "/v1/purchases/{txId}/capture", Access.ANY_KEY),
    VOID("POST", "/v1/purchases/{txId}/void", Access.ANY_KEY),
    REFUND("POST", "/v1/purchases/{txId}/refund", Access.ANY_KEY),
    GET_PURCHASE("GET", "/v1/purchases/{txId}", Access.ANY_KEY),

    PUT_PROMOTION("PUT", "/v1/promotions/{promotionId}", Access.ADMIN),
    GET_PROMOTION("GET", "/v1/promotions/{promotionId}", Access.ADMIN),
    LIST_PROMOTIONS("GET", "/v1/promotions", Access.ADMIN),
    CREATE_COUPONS("POST", "/v1/coupons", Access.ADMIN),
    RECORD_ACTIVITY("POST", "/v1/activities", Access.ANY_KEY),

    PUT_TIERS("PUT", "/v1/tiers", Access.ADMIN),
    GET_TIERS("GET", "/v1/tiers", Access.ADMIN),
    PUT_ACHIEVEMENT("PUT", "/v1/achievements/{achievementId}", Access.ADMIN),
    GET_ACHIEVEMENT("GET", "/v1/achievements/{achievementId}", Access.ADMIN),
    LIST_ACHIEVEMENTS("GET", "/v1/achievements", Access.ADMIN),
    GET_MEMBER_ACHIEVEMENTS("GET", "/v1/members/{memberId}/achievements", Access.ANY_KEY),
    PUT_LEADERBOARD("PUT", "/v1/leaderboards/{boardId}", Access.ADMIN),
    GET_LEADERBOARD("GET", "/v1/leaderboards/{boardId}", Access.ANY_KEY),
    GET_LEADERBOARD_MEMBER("GET", "/v1/leaderboards/{boardId}/members/{memberId}", Access.ANY_KEY),

    CREATE_KEY("POST", "/v1/keys", Access.ADMIN),
    REVOKE_KEY("DELETE", "/v1/keys/{keyId}", Access.ADMIN),

    ADMIN_SNAPSHOT("POST", "/v1/admin/snapshot", Access.ADMIN);

    /** Who may call a route. */
    enum Access
    {
        /** No key needed. */
        PUBLIC,
        /** An admin key or a {@code pos} key (scoped to its partner). */
        ANY_KEY,
        /** An admin key only. */
        ADMIN
    }

    private static final Route[] ROUTES = values();

    private final HttpMethod method;
    private final String[] segments;
    private final Access access;

    Route(final String method, final String template, final Access access)
    {
        this.method = HttpMethod.valueOf(method);
        this.segments = template.substring(1).split("/");
        this.access = access;
    }

    HttpMethod method()
    {
        return method;
    }

    Access access()
    {
        return access;
    }

    /**
     * The route for a method and decoded path, with its path parameters put into {@code params} (in template
     * order); null when none matches. {@code methodMismatch[0]} is set when the path matches another method's
     * route (405 instead of 404). The path's segments are compared where they are, without splitting it into
     * strings: only the matched route's parameters are cut out. One trailing slash is ignored.
     */
    static Route match(final HttpMethod method, final String path, final String[] params, final boolean[] methodMismatch)
    {
        methodMismatch[0] = false;
        if (path.length() < 2 || path.charAt(0) != '/')
        {
            return null;
        }
        final int end = end(path);
        Route mismatched = null;
        for (final Route route : ROUTES)
        {
            if (route.matches(path, end))
            {
                if (route.method.equals(method))
                {
                    route.params(path, end, params);
                    return route;
                }
                mismatched = route;
            }
        }
        if (mismatched != null)
        {
            mismatched.params(path, end, params);
            methodMismatch[0] = true;
        }
        return null;
    }

    /** The methods that would match this path, for a 405's {@code Allow} header. */
    static String allowedMethods(final String path)
    {
        final StringBuilder sb = new StringBuilder();
        if (path.length() >= 2 && path.charAt(0) == '/')
        {
            final int end = end(path);
            for (final Route route : ROUTES)
            {
                if (route.matches(path, end) && sb.indexOf(route.method.name()) < 0)
                {
                    if (sb.length() > 0)
                    {
                        sb.append(", ");
                    }
                    sb.append(route.method.name());
                }
            }
        }
        return sb.toString();
    }

    /** Where the path's last segment ends: before one trailing slash. */
    private static int end(final String path)
    {
        return path.endsWith("/") ? path.length() - 1 : path.length();
    }

    /**
     * Whether the segments of {@code path} (from index 1 to {@code end}, split at each '/', empty ones included)
     * are this route's: as many, each literal equal, each parameter not empty.
     */
    private boolean matches(final String path, final int end)
    {
        int from = 1;
        for (final String s : segments)
        {
            if (from > end)
            {
                return false;
            }
            final int to = segmentEnd(path, from, end);
            if (s.charAt(0) == '{')
            {
                if (to == from)
                {
                    return false;
                }
            }
            else if (to - from != s.length() || !path.startsWith(s, from))
            {
                return false;
            }
            from = to + 1;
        }
        return from == end + 1;
    }

    /** Puts the parameters of a path this route {@link #matches} into {@code params}, in template order. */
    private void params(final String path, final int end, final String[] params)
    {
        int from = 1;
        int p = 0;
        for (final String s : segments)
        {
            final int to = segmentEnd(path, from, end);
            if (s.charAt(0) == '{')
            {
                params[p++] = path.substring(from, to);
            }
            from = to + 1;
        }
    }

    private static int segmentEnd(final String path, final int from, final int end)
    {
        final int slash = path.indexOf('/', from);
        return slash < 0 || slash >= end ? end : slash;
    }
}
