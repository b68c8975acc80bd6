package dev.loyalty.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Builds the bodies the end-to-end tests send, in API.md's shapes, and sets up common state over HTTP. */
final class Checkout
{
    private Checkout()
    {
    }

    static String member(final String requestId, final String card)
    {
        return "{\"requestId\":\"" + requestId + "\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"" + card + "\"}]}";
    }

    static String byCard(final String card)
    {
        return "{\"identifier\":{\"type\":\"CARD\",\"value\":\"" + card + "\"}}";
    }

    /** API.md's example cheque: 2 x 25000 coffee and 1 x 9000 bakery. */
    static String apiExample(final String txId, final String storeId, final String memberRef, final String redeem)
    {
        return "{\"txId\":\"" + txId + "\",\"storeId\":\"" + storeId + "\"," +
            (memberRef == null ? "" : "\"member\":" + memberRef + ",") +
            "\"occurredAt\":\"2026-12-06T09:15:00+03:00\",\"payment\":\"CARD\"," +
            "\"lines\":[{\"sku\":\"SKU-1\",\"category\":\"coffee\",\"qty\":2,\"unitPrice\":25000}," +
            "{\"sku\":\"SKU-9\",\"category\":\"bakery\",\"qty\":1,\"unitPrice\":9000}]," +
            "\"redeemPoints\":" + redeem + ",\"coupons\":[\"WELCOME10\"]}";
    }

    static String oneLine(final String txId, final String storeId, final String memberRef, final long unitPrice,
        final String redeem)
    {
        return "{\"txId\":\"" + txId + "\",\"storeId\":\"" + storeId + "\"," +
            (memberRef == null ? "" : "\"member\":" + memberRef + ",") +
            "\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":" + unitPrice + "}],\"redeemPoints\":" + redeem + "}";
    }

    /** A POS store {@code s42} of partner main, and member m_1 with card 7770001 holding 500 points. */
    static String setUpStoreAndMemberWith500Points(final TestServer s)
    {
        assertEquals(200, s.admin("PUT", "/v1/stores/s42",
            "{\"requestId\":\"s-1\",\"partnerId\":\"main\",\"channel\":\"POS\"}").status());
        final TestServer.Answer created = s.admin("POST", "/v1/members", member("m-1", "7770001"));
        assertEquals(201, created.status(), created.toString());
        final String memberId = Json.str(created.body(), "memberId");
        final TestServer.Answer adjusted = s.admin("POST", "/v1/members/" + memberId + "/adjustments",
            "{\"requestId\":\"adj-1\",\"points\":500,\"reason\":\"welcome\"}");
        assertEquals(200, adjusted.status(), adjusted.toString());
        return memberId;
    }
}
