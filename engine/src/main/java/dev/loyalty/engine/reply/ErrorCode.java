package dev.loyalty.engine.reply;

/**
 * Every error code the engine and gateway answer, with its HTTP status. Codes are stable: clients switch on
 * them. docs/errors.md lists them with their meaning; keep the two in step.
 */
public enum ErrorCode
{
    // 400: the request itself is wrong.
    INVALID_REQUEST(400),
    // 401 / 403: who is calling.
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    // 404: something named does not exist (or is not visible to the caller).
    NOT_FOUND(404),
    MEMBER_NOT_FOUND(404),
    STORE_NOT_FOUND(404),
    PARTNER_NOT_FOUND(404),
    PURCHASE_NOT_FOUND(404),
    PROMOTION_NOT_FOUND(404),
    KEY_NOT_FOUND(404),
    ACHIEVEMENT_NOT_FOUND(404),
    LEADERBOARD_NOT_FOUND(404),
    // 405: the path exists, the method does not.
    METHOD_NOT_ALLOWED(405),
    // 409: conflicts and wrong states.
    IDEMPOTENCY_CONFLICT(409),
    IDENTIFIER_TAKEN(409),
    INVALID_STATE(409),
    // 410: a merged member.
    MEMBER_MERGED(410),
    // 413 / 415 / 431: the request's size or form.
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    HEADERS_TOO_LARGE(431),
    // 422: business rules.
    INSUFFICIENT_POINTS(422),
    REDEEM_LIMIT_EXCEEDED(422),
    TOO_MANY_HOLDS(422),
    REFUND_EXCEEDS_PURCHASE(422),
    REFERRER_NOT_FOUND(422),
    // 429 / 503: overload and availability; answered with Retry-After.
    RATE_LIMITED(429),
    OVERLOADED(503),
    JOURNAL_UNAVAILABLE(503),
    SNAPSHOT_UNAVAILABLE(503),
    ENGINE_HALTED(503);

    private final int httpStatus;

    ErrorCode(final int httpStatus)
    {
        this.httpStatus = httpStatus;
    }

    public int httpStatus()
    {
        return httpStatus;
    }
}
