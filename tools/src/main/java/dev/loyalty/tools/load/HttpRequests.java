package dev.loyalty.tools.load;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link Request} as an HTTP/1.1 request of API.md straight into a buffer: request line, the
 * connection's fixed headers (host, key), content type and length, the JSON body. Bodies are built as text in a
 * reused {@link StringBuilder}; every value the load generator sends is printable ASCII, and quotes and
 * backslashes are escaped all the same.
 */
final class HttpRequests
{
    /** A purchase's store unless told otherwise: {@code web} exists in every engine from the start. */
    static final String DEFAULT_STORE = "web";

    private final byte[] fixedHeaders;
    private final String storeId;
    private final String occurredAt;
    private final StringBuilder body = new StringBuilder(1024);
    private final StringBuilder head = new StringBuilder(256);

    /**
     * @param hostHeader the {@code Host} header's value.
     * @param key        the bearer key, or null to send none.
     * @param storeId    the store of every purchase.
     * @param occurredAt the {@code occurredAt} of every purchase (ISO-8601 with offset), or null to leave it out.
     */
    HttpRequests(final String hostHeader, final String key, final String storeId, final String occurredAt)
    {
        final String headers = "Host: " + hostHeader + "\r\n" +
            (key != null ? "Authorization: Bearer " + key + "\r\n" : "");
        this.fixedHeaders = headers.getBytes(StandardCharsets.US_ASCII);
        this.storeId = storeId;
        this.occurredAt = occurredAt;
    }

    /** Writes the whole request into {@code out}. */
    void encode(final Request r, final ByteBuf out)
    {
        body.setLength(0);
        head.setLength(0);
        switch (r.type)
        {
            case AUTHORIZE -> purchase("POST /v1/purchases/authorize", r, true);
            case ONE_SHOT -> purchase("POST /v1/purchases", r, true);
            case CALCULATE -> purchase("POST /v1/purchases/calculate", r, false);
            case CAPTURE ->
            {
                head.append("POST /v1/purchases/");
                path(head, r.txId);
                head.append("/capture");
                body.append("{}");
            }
            case REFUND ->
            {
                head.append("POST /v1/purchases/");
                path(head, r.txId);
                head.append("/refund");
                body.append("{\"refundId\":");
                string(body, r.refundId);
                body.append(",\"lines\":[{\"sku\":");
                string(body, r.refundSku);
                body.append(",\"qty\":").append(r.refundQty).append("}]}");
            }
            case LOOKUP ->
            {
                head.append("GET /v1/members?identifierType=CARD&value=");
                path(head, r.card);
            }
            case CREATE_MEMBER ->
            {
                head.append("POST /v1/members");
                body.append("{\"requestId\":");
                string(body, r.requestId);
                body.append(",\"identifiers\":[{\"type\":\"CARD\",\"value\":");
                string(body, r.card);
                body.append("}");
                if (r.phone != null)
                {
                    body.append(",{\"type\":\"PHONE\",\"value\":");
                    string(body, r.phone);
                    body.append("}");
                }
                body.append("]}");
            }
            case ADJUST ->
            {
                head.append("POST /v1/members/");
                path(head, r.memberId);
                head.append("/adjustments");
                body.append("{\"requestId\":");
                string(body, r.requestId);
                body.append(",\"points\":").append(r.points).append(",\"reason\":\"seed\"}");
            }
            case GET_PROGRAM -> head.append("GET /v1/program");
            default -> throw new IllegalArgumentException("cannot encode " + r.type);
        }
        head.append(" HTTP/1.1\r\n");
        out.writeCharSequence(head, StandardCharsets.US_ASCII);
        out.writeBytes(fixedHeaders);
        if (body.length() > 0)
        {
            out.writeCharSequence("Content-Type: application/json\r\nContent-Length: ", StandardCharsets.US_ASCII);
            out.writeCharSequence(Integer.toString(body.length()), StandardCharsets.US_ASCII);
            out.writeCharSequence("\r\n\r\n", StandardCharsets.US_ASCII);
            out.writeCharSequence(body, StandardCharsets.US_ASCII);
        }
        else
        {
            out.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
        }
    }

    private void purchase(final String requestLine, final Request r, final boolean withTxId)
    {
        head.append(requestLine);
        body.append('{');
        if (withTxId)
        {
            body.append("\"txId\":");
            string(body, r.txId);
            body.append(',');
        }
        body.append("\"storeId\":");
        string(body, storeId);
        if (r.card != null)
        {
            body.append(",\"member\":{\"identifier\":{\"type\":\"CARD\",\"value\":");
            string(body, r.card);
            body.append("}}");
        }
        if (occurredAt != null)
        {
            body.append(",\"occurredAt\":");
            string(body, occurredAt);
        }
        body.append(",\"payment\":\"CARD\",\"lines\":[");
        for (int i = 0; i < r.lines.length; i++)
        {
            final Line line = r.lines[i];
            body.append(i == 0 ? "{\"sku\":" : ",{\"sku\":");
            string(body, line.sku());
            if (line.category() != null)
            {
                body.append(",\"category\":");
                string(body, line.category());
            }
            body.append(",\"qty\":").append(line.qty()).append(",\"unitPrice\":").append(line.unitPrice()).append('}');
        }
        body.append(']');
        if (r.redeemPoints > 0)
        {
            body.append(",\"redeemPoints\":").append(r.redeemPoints);
        }
        body.append('}');
    }

    static void string(final StringBuilder sb, final String value)
    {
        sb.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** A path segment or query value: unreserved characters as they are, anything else percent-encoded. */
    static void path(final StringBuilder sb, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.' || c == '~')
            {
                sb.append(c);
            }
            else
            {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
    }
}
