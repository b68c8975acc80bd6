package dev.loyalty.tools.load;

/**
 * What one request asks for, protocol-neutral: each transport maps it to its own message (an HTTP route, a binary
 * frame). The load generator keeps one latency histogram per type that it sends.
 */
public enum RequestType
{
    /** {@code POST /v1/purchases/authorize}. */
    AUTHORIZE("authorize"),
    /** {@code POST /v1/purchases/{txId}/capture}. */
    CAPTURE("capture"),
    /** {@code POST /v1/purchases}: authorize and capture in one call. */
    ONE_SHOT("one-shot"),
    /** {@code POST /v1/purchases/{txId}/refund}. */
    REFUND("refund"),
    /** {@code POST /v1/purchases/calculate}. */
    CALCULATE("calculate"),
    /** {@code GET /v1/members?identifierType=CARD&value=...}. */
    LOOKUP("lookup"),
    /** {@code POST /v1/members} (seeding). */
    CREATE_MEMBER("create-member"),
    /** {@code POST /v1/members/{memberId}/adjustments} (seeding). */
    ADJUST("adjust"),
    /** {@code GET /v1/program}: the terms the checks need. */
    GET_PROGRAM("program");

    private final String label;

    RequestType(final String label)
    {
        this.label = label;
    }

    /** The name in reports and file names. */
    public String label()
    {
        return label;
    }
}
