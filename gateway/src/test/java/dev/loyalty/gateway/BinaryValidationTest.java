package dev.loyalty.gateway;

import dev.loyalty.client.ActivityRequest;
import dev.loyalty.client.Answer;
import dev.loyalty.client.AnswerType;
import dev.loyalty.client.LoyaltyClient;
import dev.loyalty.client.MemberRequest;
import dev.loyalty.client.PurchaseRequest;
import dev.loyalty.client.RefundRequest;
import dev.loyalty.client.Request;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.sbe.IdentifierType;
import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The binary protocol validates as strictly as HTTP: each case is one mistake sent both ways, and the two
 * answers must be the same error (code, message, status); the limits are taken at the limit and one past it.
 */
class BinaryValidationTest
{
    private static final String EXAMPLE = "\"storeId\":\"s42\",\"member\":{\"identifier\":{\"type\":\"CARD\"," +
        "\"value\":\"7770001\"}},\"lines\":[{\"sku\":\"SKU-1\",\"qty\":1,\"unitPrice\":1000}]";

    @TempDir
    Path dir;

    private TestServer s;
    private LoyaltyClient client;

    @BeforeEach
    void start()
    {
        s = BinaryTestClient.server(dir, new ManualClock(1_796_000_000_000L), g -> { });
        Checkout.setUpStoreAndMemberWith500Points(s);
        client = BinaryTestClient.admin(s);
    }

    @AfterEach
    void stop()
    {
        client.close();
        s.close();
    }

    @Test
    void shouldRefusePurchasesAsHttpRefusesThem()
    {
        refusedAlike("/v1/purchases/authorize", "{" + EXAMPLE + "}", sale(null));
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"" + "x".repeat(65) + "\"," + EXAMPLE + "}",
            sale("x".repeat(65)));
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\",\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":1}]}",
            PurchaseRequest.authorize().txId("t").line("A", null, 1, 1));
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\",\"storeId\":\"s42\",\"lines\":[]}",
            PurchaseRequest.authorize().txId("t").storeId("s42"));
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\",\"storeId\":\"s42\",\"lines\":[{\"sku\":\"A\"," +
            "\"qty\":0,\"unitPrice\":1}]}", PurchaseRequest.authorize().txId("t").storeId("s42").line("A", null, 0, 1));
        refusedAlike("/v1/purchases", "{\"txId\":\"t\",\"storeId\":\"s42\",\"lines\":[{\"sku\":\"A\",\"qty\":1," +
            "\"unitPrice\":1},{\"sku\":\"B\",\"qty\":100001,\"unitPrice\":1}]}",
            PurchaseRequest.oneShot().txId("t").storeId("s42").line("A", null, 1, 1).line("B", null, 100_001, 1));
        refusedAlike("/v1/purchases", "{\"txId\":\"t\",\"storeId\":\"s42\",\"lines\":[{\"sku\":\"A\",\"qty\":1," +
            "\"unitPrice\":-1}]}", PurchaseRequest.oneShot().txId("t").storeId("s42").line("A", null, 1, -1));
        refusedAlike("/v1/purchases", "{\"txId\":\"t\",\"storeId\":\"s42\",\"lines\":[{\"sku\":\"A\",\"qty\":1," +
            "\"unitPrice\":100000000001}]}",
            PurchaseRequest.oneShot().txId("t").storeId("s42").line("A", null, 1, 100_000_000_001L));
        refusedAlike("/v1/purchases", "{\"txId\":\"t\",\"storeId\":\"s42\",\"lines\":[{\"sku\":\"A B\",\"qty\":1," +
            "\"unitPrice\":1}]}", PurchaseRequest.oneShot().txId("t").storeId("s42").line("A B", null, 1, 1));
        refusedAlike("/v1/purchases", "{\"txId\":\"t\",\"storeId\":\"s42\",\"lines\":[{\"sku\":\"A\",\"category\":\"" +
            "c".repeat(65) + "\",\"qty\":1,\"unitPrice\":1}]}",
            PurchaseRequest.oneShot().txId("t").storeId("s42").line("A", "c".repeat(65), 1, 1));
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\"," + EXAMPLE + ",\"payment\":\"card\"}",
            sale("t").payment("card"));
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\"," + EXAMPLE + ",\"occurredAt\":\"yesterday\"}",
            sale("t").occurredAt("yesterday"));
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\"," + EXAMPLE + ",\"redeemPoints\":-1}",
            sale("t").redeemPoints(-1));
        refusedAlike("/v1/purchases/calculate", "{" + EXAMPLE + ",\"coupons\":[\"\"]}",
            PurchaseRequest.calculate().storeId("s42").line("SKU-1", null, 1, 1000).coupon(""));
        final StringBuilder codes = new StringBuilder();
        final PurchaseRequest manyCoupons = sale("t");
        for (int i = 0; i < 21; i++)
        {
            codes.append(i == 0 ? "" : ",").append("\"C").append(i).append('"');
            manyCoupons.coupon("C" + i);
        }
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\"," + EXAMPLE + ",\"coupons\":[" + codes + "]}",
            manyCoupons);
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\",\"storeId\":\"s42\",\"member\":{\"identifier\":" +
            "{\"type\":\"CARD\",\"value\":\" 777\"}},\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":1}]}",
            PurchaseRequest.authorize().txId("t").storeId("s42").memberIdentifier(IdentifierType.CARD, " 777")
                .line("A", null, 1, 1));
        refusedAlike("/v1/purchases/authorize", "{\"txId\":\"t\",\"storeId\":\"s42\",\"member\":{\"memberId\":" +
            "\"m 1\"},\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":1}]}",
            PurchaseRequest.authorize().txId("t").storeId("s42").memberId("m 1").line("A", null, 1, 1));
        assertEquals(404, s.admin("GET", "/v1/purchases/t", null).status(), "nothing refused changed anything");
    }

    @Test
    void shouldTakeTwoHundredLinesAndRefuseTwoHundredAndOne()
    {
        final PurchaseRequest atLimit = PurchaseRequest.calculate().storeId("s42");
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            atLimit.line("SKU-" + i, null, 1, 100);
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(i).append("\",\"qty\":1,\"unitPrice\":100}");
        }

        final Answer ok = client.call(atLimit);

        assertEquals(AnswerType.PURCHASE, ok.type(), ok.toString());
        assertEquals(200, ok.purchase().lineCount());
        assertEquals(20_000, ok.purchase().total());
        assertEquals(Json.parse(s.admin("POST", "/v1/purchases/calculate",
            "{\"storeId\":\"s42\",\"lines\":[" + lines + "]}").body()), AnswerJson.of(client.call(atLimit)));

        atLimit.line("SKU-200", null, 1, 100);
        lines.append(",{\"sku\":\"SKU-200\",\"qty\":1,\"unitPrice\":100}");
        refusedAlike("/v1/purchases/calculate", "{\"storeId\":\"s42\",\"lines\":[" + lines + "]}", atLimit);
        final RefundRequest refund = new RefundRequest().txId("t").refundId("r");
        final StringBuilder refundLines = new StringBuilder();
        for (int i = 0; i <= 200; i++)
        {
            refund.line("SKU-" + i, 1);
            refundLines.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(i).append("\",\"qty\":1}");
        }
        refusedAlike("/v1/purchases/t/refund", "{\"refundId\":\"r\",\"lines\":[" + refundLines + "]}", refund);
    }

    @Test
    void shouldRefuseRefundsActivitiesAndLookupsAsHttpRefusesThem()
    {
        refusedAlike("/v1/purchases/t/refund", "{\"refundId\":\"r\"}", new RefundRequest().txId("t").refundId("r"));
        refusedAlike("/v1/purchases/t/refund", "{\"refundId\":\"r\",\"amount\":5,\"lines\":[{\"sku\":\"A\"," +
            "\"qty\":1}]}", new RefundRequest().txId("t").refundId("r").amount(5).line("A", 1));
        refusedAlike("/v1/purchases/t/refund", "{\"refundId\":\"r\",\"amount\":-5}",
            new RefundRequest().txId("t").refundId("r").amount(-5));
        refusedAlike("/v1/purchases/t/refund", "{\"amount\":5}", new RefundRequest().txId("t").amount(5));
        refusedAlike("/v1/purchases/t/refund", "{\"refundId\":\"r\",\"lines\":[{\"sku\":\"A\",\"qty\":0}]}",
            new RefundRequest().txId("t").refundId("r").line("A", 0));

        final String member = "\"member\":{\"memberId\":\"m_1\"}";
        refusedAlike("/v1/activities", "{" + member + ",\"type\":\"REVIEW\",\"storeId\":\"app\"}",
            new ActivityRequest().memberId("m_1").type("REVIEW").storeId("app"));
        refusedAlike("/v1/activities", "{\"requestId\":\"a\"," + member + ",\"type\":\"review\",\"storeId\":\"app\"}",
            new ActivityRequest().requestId("a").memberId("m_1").type("review").storeId("app"));
        refusedAlike("/v1/activities", "{\"requestId\":\"a\",\"type\":\"REVIEW\",\"storeId\":\"app\"}",
            new ActivityRequest().requestId("a").type("REVIEW").storeId("app"));
        refusedAlike("/v1/activities", "{\"requestId\":\"a\"," + member + ",\"type\":\"REVIEW\"}",
            new ActivityRequest().requestId("a").memberId("m_1").type("REVIEW"));
        refusedAlike("/v1/activities", "{\"requestId\":\"a\"," + member + ",\"type\":\"REVIEW\",\"storeId\":\"app\"," +
            "\"attributes\":{\"k\":\"a\\u0001b\"}}",
            new ActivityRequest().requestId("a").memberId("m_1").type("REVIEW").storeId("app").attribute("k", "a\u0001b"));
        refusedAlike("/v1/activities", "{\"requestId\":\"a\"," + member + ",\"type\":\"REVIEW\",\"storeId\":\"app\"," +
            "\"attributes\":{\"k\":\"" + "v".repeat(257) + "\"}}",
            new ActivityRequest().requestId("a").memberId("m_1").type("REVIEW").storeId("app")
                .attribute("k", "v".repeat(257)));
        final StringBuilder attributes = new StringBuilder();
        final ActivityRequest many = new ActivityRequest().requestId("a").memberId("m_1").type("REVIEW").storeId("app");
        for (int i = 0; i < 33; i++)
        {
            attributes.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
            many.attribute("k" + i, "v");
        }
        refusedAlike("/v1/activities", "{\"requestId\":\"a\"," + member + ",\"type\":\"REVIEW\",\"storeId\":\"app\"," +
            "\"attributes\":{" + attributes + "}}", many);

        refusedAlike("GET", "/v1/members?identifierType=CARD&value=", null,
            MemberRequest.byIdentifier(IdentifierType.CARD, ""));
        refusedAlike("GET", "/v1/members?identifierType=CARD&value=%20777", null,
            MemberRequest.byIdentifier(IdentifierType.CARD, " 777"));
    }

    @Test
    void shouldRefuseWhatOnlyTheWireCanSay()
    {
        final PurchaseRequest sale = sale("t");
        assertEquals("member.identifier.type must be one of CARD, PHONE, EMAIL, APP_ID, PAYMENT_TOKEN, EXTERNAL_ID",
            s.admin("POST", "/v1/purchases/authorize", "{\"txId\":\"t\",\"storeId\":\"s42\",\"member\":{\"identifier\":" +
                "{\"type\":\"BADGE\",\"value\":\"1\"}},\"lines\":[{\"sku\":\"A\",\"qty\":1,\"unitPrice\":1}]}")
                .body().replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"));
        try (RawBinary raw = RawBinary.authenticated(s.binaryPort(), TestServer.ADMIN_KEY))
        {
            final byte[] badType = raw.frame(sale, 2);
            badType[4 + 16 + 9] = 9;
            final byte[] badKind = raw.frame(sale, 3);
            badKind[4 + 16 + 8] = 7;
            final byte[] badBoolean = raw.frame(sale, 4);
            badBoolean[4 + 16 + 10] = 2;
            final byte[] maxAndPoints = raw.frame(sale.redeemMax(), 5);
            ByteBuffer.wrap(maxAndPoints).order(ByteOrder.LITTLE_ENDIAN).putLong(4 + 16, 10);
            for (final byte[] frame : new byte[][]{badType, badKind, badBoolean, maxAndPoints})
            {
                raw.send(frame);
            }

            assertEquals("member.identifier.type must be one of CARD, PHONE, EMAIL, APP_ID, PAYMENT_TOKEN, EXTERNAL_ID",
                raw.readAnswer().error().message());
            assertEquals("memberRefKind must be MEMBER_ID (0), IDENTIFIER (1) or none (255)",
                raw.readAnswer().error().message());
            assertEquals("redeemMax must be FALSE (0) or TRUE (1)", raw.readAnswer().error().message());
            assertEquals("redeemPoints must be 0 when redeemMax is TRUE", raw.readAnswer().error().message());
        }
    }

    private static PurchaseRequest sale(final String txId)
    {
        return PurchaseRequest.authorize().txId(txId).storeId("s42").memberIdentifier(IdentifierType.CARD, "7770001")
            .line("SKU-1", null, 1, 1000);
    }

    private void refusedAlike(final String path, final String body, final Request request)
    {
        refusedAlike("POST", path, body, request);
    }

    private void refusedAlike(final String method, final String path, final String body, final Request request)
    {
        final TestServer.Answer http = s.admin(method, path, body);
        final Answer binary = client.call(request);
        assertEquals(AnswerType.ERROR, binary.type(), binary + " for " + body);
        assertEquals(Json.parse(http.body()), AnswerJson.of(binary), body);
        assertEquals(http.status(), binary.error().httpStatus());
        assertEquals(ErrorCode.valueOf(Json.str(http.body(), "error.code")), binary.error().code());
    }
}
