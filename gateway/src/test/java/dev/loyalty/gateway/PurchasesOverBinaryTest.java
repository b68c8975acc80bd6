package dev.loyalty.gateway;

import dev.loyalty.client.ActivityRequest;
import dev.loyalty.client.Answer;
import dev.loyalty.client.AnswerType;
import dev.loyalty.client.LoyaltyClient;
import dev.loyalty.client.MemberRequest;
import dev.loyalty.client.PurchaseRequest;
import dev.loyalty.client.PurchaseView;
import dev.loyalty.client.RefundRequest;
import dev.loyalty.client.Request;
import dev.loyalty.client.TxRequest;
import dev.loyalty.engine.sbe.IdentifierType;
import dev.loyalty.engine.sbe.WireCouponStatus;
import dev.loyalty.engine.sbe.WirePurchaseStatus;
import dev.loyalty.engine.time.ManualClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.loyalty.gateway.Checkout.apiExample;
import static dev.loyalty.gateway.Checkout.byCard;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every binary operation end to end against the real engine, compared with HTTP: one server is driven over HTTP,
 * a twin with the same clock over the binary protocol, through the same steps; each binary answer, read back
 * as JSON, must equal the HTTP answer, errors included (code, message, status).
 */
class PurchasesOverBinaryTest
{
    private static final long T0 = 1_796_000_000_000L;

    @TempDir
    Path httpDir;
    @TempDir
    Path binaryDir;

    private TestServer http;
    private TestServer binary;
    private LoyaltyClient client;

    @AfterEach
    void stop()
    {
        if (client != null)
        {
            client.close();
        }
        if (http != null)
        {
            http.close();
        }
        if (binary != null)
        {
            binary.close();
        }
    }

    @Test
    void shouldAuthorizeApiExampleWithTheNumbersApiMdGives()
    {
        binary = BinaryTestClient.server(binaryDir, new ManualClock(T0), g -> { });
        final String memberId = Checkout.setUpStoreAndMemberWith500Points(binary);
        client = BinaryTestClient.admin(binary);

        final PurchaseView p = client.call(apiExampleAuthorize("s42-r3-000981")).purchase();

        assertEquals(WirePurchaseStatus.AUTHORIZED, p.status());
        assertEquals("s42-r3-000981", p.txId());
        assertEquals(memberId, p.memberId());
        assertEquals(59000, p.total());
        assertEquals(0, p.discount());
        assertEquals(100, p.pointsRedeemed());
        assertEquals(49000, p.payable());
        assertEquals(24, p.pointsToEarn());
        assertEquals(177, p.maxRedeemable());
        assertEquals(2, p.lineCount());
        assertEquals("SKU-1", p.lineSku(0));
        assertEquals(50000, p.lineAmount(0));
        assertEquals(8475, p.linePointsPaid(0));
        assertEquals(41525, p.linePaid(0));
        assertEquals(1525, p.linePointsPaid(1));
        assertEquals(7475, p.linePaid(1));
        assertEquals(1, p.couponCount());
        assertEquals("WELCOME10", p.couponCode(0));
        assertEquals(WireCouponStatus.COUPON_NOT_FOUND, p.couponStatus(0));
        assertTrue(p.hasBalance());
        assertEquals(400, p.balanceAvailable());
        assertEquals(100, p.balanceHeld());
        assertTrue(p.hasHoldExpiresAt());
        assertEquals(T0 + 900_000, p.holdExpiresAtMillis());
        assertFalse(p.hasPointsEarned());
    }

    @Test
    void shouldAnswerEveryOperationAsHttpAnswersIt()
    {
        http = new TestServer(httpDir, new ManualClock(T0));
        binary = BinaryTestClient.server(binaryDir, new ManualClock(T0), g -> { });
        for (final TestServer s : new TestServer[]{http, binary})
        {
            setUp(s);
        }
        client = BinaryTestClient.admin(binary);

        final String cheque = apiExample("tx-1", "s42", byCard("7770001"), "100")
            .replace("[\"WELCOME10\"]", "[\"WELCOME10\",\"NOPE\"]");
        final PurchaseRequest authorize = apiExampleAuthorize("tx-1").coupon("NOPE");

        same("POST", "/v1/purchases/calculate", cheque.replace("\"txId\":\"tx-1\",", ""),
            apiExampleAuthorize(null).coupon("NOPE").operation(PurchaseRequest.Operation.CALCULATE));
        same("POST", "/v1/purchases/calculate", "{\"storeId\":\"s42\",\"lines\":[{\"sku\":\"A\",\"qty\":3," +
            "\"unitPrice\":1000}]}", PurchaseRequest.calculate().storeId("s42").line("A", null, 3, 1000));
        same("POST", "/v1/purchases/authorize", cheque, authorize);
        same("POST", "/v1/purchases/authorize", cheque, authorize);
        same("GET", "/v1/purchases/tx-1", null, TxRequest.getPurchase("tx-1"));
        same("POST", "/v1/purchases/tx-1/capture", "{}", TxRequest.capture("tx-1"));
        same("POST", "/v1/purchases/tx-1/capture", "{}", TxRequest.capture("tx-1"));

        same("POST", "/v1/purchases/authorize", "{\"txId\":\"tx-2\",\"storeId\":\"s42\",\"member\":{\"memberId\":" +
            "\"m_1\"},\"payment\":\"CASH\",\"lines\":[{\"sku\":\"SKU-1\",\"category\":\"coffee\",\"qty\":1," +
            "\"unitPrice\":25000}],\"redeemPoints\":\"MAX\"}",
            PurchaseRequest.authorize().txId("tx-2").storeId("s42").memberId("m_1").payment("CASH")
                .line("SKU-1", "coffee", 1, 25000).redeemMax());
        same("POST", "/v1/purchases/tx-2/void", "{}", TxRequest.voidPurchase("tx-2"));
        same("POST", "/v1/purchases/tx-2/capture", "{}", TxRequest.capture("tx-2"));
        same("GET", "/v1/purchases/tx-2", null, TxRequest.getPurchase("tx-2"));

        same("POST", "/v1/purchases", "{\"txId\":\"tx-3\",\"storeId\":\"s42\",\"lines\":[{\"sku\":\"A\",\"qty\":1," +
            "\"unitPrice\":5000}]}", PurchaseRequest.oneShot().txId("tx-3").storeId("s42").line("A", null, 1, 5000));
        same("POST", "/v1/purchases", apiExample("tx-4", "s42", "{\"memberId\":\"m_1\"}", "0"),
            apiExampleOneShot("tx-4"));
        same("GET", "/v1/purchases/tx-4", null, TxRequest.getPurchase("tx-4"));

        same("POST", "/v1/purchases/tx-1/refund", "{\"refundId\":\"rf-1\",\"lines\":[{\"sku\":\"SKU-9\",\"qty\":1}]}",
            new RefundRequest().txId("tx-1").refundId("rf-1").line("SKU-9", 1));
        same("POST", "/v1/purchases/tx-1/refund", "{\"refundId\":\"rf-1\",\"lines\":[{\"sku\":\"SKU-9\",\"qty\":1}]}",
            new RefundRequest().txId("tx-1").refundId("rf-1").line("SKU-9", 1));
        same("POST", "/v1/purchases/tx-1/refund", "{\"refundId\":\"rf-2\",\"amount\":1000}",
            new RefundRequest().txId("tx-1").refundId("rf-2").amount(1000));
        same("POST", "/v1/purchases/tx-1/refund", "{\"refundId\":\"rf-3\",\"amount\":1000000}",
            new RefundRequest().txId("tx-1").refundId("rf-3").amount(1_000_000));
        same("POST", "/v1/purchases/tx-1/refund", "{\"refundId\":\"rf-1\",\"amount\":1000}",
            new RefundRequest().txId("tx-1").refundId("rf-1").amount(1000));
        same("GET", "/v1/purchases/tx-1", null, TxRequest.getPurchase("tx-1"));
        same("POST", "/v1/purchases/tx-3/refund", "{\"refundId\":\"rf-4\",\"amount\":5000}",
            new RefundRequest().txId("tx-3").refundId("rf-4").amount(5000));

        same("GET", "/v1/members/m_1", null, MemberRequest.byId("m_1"));
        same("GET", "/v1/members?identifierType=PHONE&value=%2B79990001122", null,
            MemberRequest.byIdentifier(IdentifierType.PHONE, "+79990001122"));
        same("GET", "/v1/members/m_404", null, MemberRequest.byId("m_404"));
        same("GET", "/v1/members/m_2", null, MemberRequest.byId("m_2"));
        same("GET", "/v1/members/m_3", null, MemberRequest.byId("m_3"));

        final String activity = "{\"requestId\":\"a-1\",\"member\":" + byCard("7770001") + ",\"type\":\"APP_INSTALL\"," +
            "\"storeId\":\"app\",\"occurredAt\":\"2026-12-06T09:15:00+03:00\",\"attributes\":{\"os\":\"android\"}}";
        final ActivityRequest install = new ActivityRequest().requestId("a-1")
            .memberIdentifier(IdentifierType.CARD, "7770001").type("APP_INSTALL").storeId("app")
            .occurredAt("2026-12-06T09:15:00+03:00").attribute("os", "android");
        same("POST", "/v1/activities", activity, install);
        same("POST", "/v1/activities", activity, install);
        same("POST", "/v1/activities", activity.replace("android", "ios"), new ActivityRequest().requestId("a-1")
            .memberIdentifier(IdentifierType.CARD, "7770001").type("APP_INSTALL").storeId("app")
            .occurredAt("2026-12-06T09:15:00+03:00").attribute("os", "ios"));
        same("POST", "/v1/activities", "{\"requestId\":\"a-2\",\"member\":{\"memberId\":\"m_1\"},\"type\":\"REVIEW\"," +
            "\"storeId\":\"s42\"}", new ActivityRequest().requestId("a-2").memberId("m_1").type("REVIEW").storeId("s42"));

        same("POST", "/v1/purchases/authorize", apiExample("tx-5", "s42", byCard("7770001"), "100000"),
            apiExampleAuthorize("tx-5").redeemPoints(100_000));
        same("POST", "/v1/purchases/authorize", apiExample("tx-6", "s404", byCard("7770001"), "0"),
            apiExampleAuthorize("tx-6").storeId("s404").redeemPoints(0));
        same("POST", "/v1/purchases/authorize", apiExample("tx-7", "s42", byCard("0000"), "0"),
            apiExampleAuthorize("tx-7").memberIdentifier(IdentifierType.CARD, "0000").redeemPoints(0));
        same("POST", "/v1/purchases/authorize", apiExample("tx-1", "s42", byCard("7770001"), "5"),
            apiExampleAuthorize("tx-1").redeemPoints(5));
        same("POST", "/v1/purchases/tx-404/capture", "{}", TxRequest.capture("tx-404"));
        same("POST", "/v1/purchases/tx-404/void", "{}", TxRequest.voidPurchase("tx-404"));
        same("GET", "/v1/purchases/tx-404", null, TxRequest.getPurchase("tx-404"));

        final Answer finalProfile = client.call(MemberRequest.byId("m_1"));
        assertEquals(Json.parse(http.admin("GET", "/v1/members/m_1", null).body()), AnswerJson.of(finalProfile));
        final dev.loyalty.client.MemberView profile = finalProfile.member();
        assertEquals("silver", profile.tier(), "the steps crossed a tier, so its history was compared too");
        assertTrue(profile.tierChangeCount() >= 1);
        assertEquals(2, profile.achievementCount(), "both achievements unlocked, so their shapes were compared");
        assertEquals(dev.loyalty.engine.sbe.Channel.POS, profile.channel(0));
        final Answer capture = client.call(TxRequest.capture("tx-1"));
        assertEquals("first-buy", capture.capture().achievementId(0), "the capture's unlock, replayed");
        assertEquals(50, capture.capture().achievementPoints(0));
    }

    @Test
    void shouldAnswerAReplayWithTheFirstAnswersBytes()
    {
        binary = BinaryTestClient.server(binaryDir, new ManualClock(T0), g -> { });
        Checkout.setUpStoreAndMemberWith500Points(binary);
        client = BinaryTestClient.admin(binary);
        final PurchaseRequest authorize = apiExampleAuthorize("tx-1");

        final byte[] first = messageBytes(client.call(authorize));
        final byte[] capture = messageBytes(client.call(TxRequest.capture("tx-1")));
        final byte[] replay = messageBytes(client.call(authorize));
        final byte[] captureReplay = messageBytes(client.call(TxRequest.capture("tx-1")));

        assertArrayEquals(first, replay, "an authorize replayed after its capture answers the first bytes");
        assertArrayEquals(capture, captureReplay);
        final Answer purchase = client.call(TxRequest.getPurchase("tx-1"));
        assertEquals(WirePurchaseStatus.CAPTURED, purchase.purchase().status());
    }

    /** The frame after its correlation id: what a replay must repeat byte for byte. */
    private static byte[] messageBytes(final Answer a)
    {
        assertTrue(a.type() == AnswerType.PURCHASE || a.type() == AnswerType.CAPTURE, a.toString());
        final byte[] bytes = new byte[a.length() - 8];
        new UnsafeBuffer(a.buffer()).getBytes(a.offset() + 8, bytes);
        return bytes;
    }

    /** The same call over HTTP on one server and over the binary protocol on its twin: the same answer. */
    private void same(final String method, final String path, final String body, final Request request)
    {
        final TestServer.Answer h = http.admin(method, path, body);
        final Answer b = client.call(request);
        final Object expected = Json.parse(h.body());
        assertEquals(expected, AnswerJson.of(b), method + " " + path + " " + body);
        assertEquals(h.status() == 201 ? 200 : h.status(), b.isError() ? b.error().httpStatus() : 200, h.toString());
    }

    private static PurchaseRequest apiExampleAuthorize(final String txId)
    {
        return PurchaseRequest.authorize().txId(txId).storeId("s42").memberIdentifier(IdentifierType.CARD, "7770001")
            .occurredAt("2026-12-06T09:15:00+03:00").payment("CARD")
            .line("SKU-1", "coffee", 2, 25000).line("SKU-9", "bakery", 1, 9000)
            .redeemPoints(100).coupon("WELCOME10");
    }

    private static PurchaseRequest apiExampleOneShot(final String txId)
    {
        return PurchaseRequest.oneShot().txId(txId).storeId("s42").memberId("m_1")
            .occurredAt("2026-12-06T09:15:00+03:00").payment("CARD")
            .line("SKU-1", "coffee", 2, 25000).line("SKU-9", "bakery", 1, 9000).coupon("WELCOME10");
    }

    /**
     * A POS store, m_1 (card, phone, birthday, an attribute, 500 points), m_2 merged into m_1, m_3 referred by
     * m_1, a coupon promotion with the code WELCOME10, an activity promotion for app installs, tiers by spend
     * (silver from 400.00) and two achievements (a first purchase, and every app install).
     */
    private static void setUp(final TestServer s)
    {
        ok(s, "PUT", "/v1/stores/s42", "{\"requestId\":\"s-1\",\"partnerId\":\"main\",\"channel\":\"POS\"}");
        final TestServer.Answer m1 = s.admin("POST", "/v1/members", "{\"requestId\":\"m-1\",\"identifiers\":[" +
            "{\"type\":\"CARD\",\"value\":\"7770001\"},{\"type\":\"PHONE\",\"value\":\"+79990001122\"}]," +
            "\"birthday\":\"1990-05-01\",\"attributes\":{\"segment\":\"students\",\"empty\":\"\"}}");
        assertEquals(201, m1.status(), m1.toString());
        ok(s, "POST", "/v1/members/m_1/adjustments", "{\"requestId\":\"adj-1\",\"points\":500,\"reason\":\"welcome\"}");
        assertEquals(201, s.admin("POST", "/v1/members", Checkout.member("m-2", "7770002")).status());
        ok(s, "POST", "/v1/members/m_1/merge", "{\"requestId\":\"mg-1\",\"sourceMemberId\":\"m_2\"}");
        final String code = Json.str(m1.body(), "referralCode");
        assertEquals(201, s.admin("POST", "/v1/members", "{\"requestId\":\"m-3\",\"identifiers\":[{\"type\":" +
            "\"EMAIL\",\"value\":\"m3@example.com\"}],\"referrerCode\":\"" + code + "\"}").status());
        ok(s, "PUT", "/v1/promotions/welcome", "{\"requestId\":\"pr-1\",\"name\":\"Welcome\",\"when\":{\"coupon\":true}," +
            "\"then\":{\"discountBp\":1000,\"earnPoints\":5}}");
        ok(s, "POST", "/v1/coupons", "{\"requestId\":\"c-1\",\"promotionId\":\"welcome\",\"codes\":[\"WELCOME10\"]," +
            "\"usesPerCode\":0}");
        ok(s, "PUT", "/v1/promotions/app-install", "{\"requestId\":\"pr-2\",\"name\":\"App\",\"when\":{\"activity\":" +
            "\"APP_INSTALL\"},\"then\":{\"earnPoints\":100}}");
        ok(s, "PUT", "/v1/tiers", "{\"requestId\":\"t-1\",\"basis\":\"SPEND\",\"periodDays\":365,\"tiers\":[" +
            "{\"id\":\"base\",\"threshold\":0},{\"id\":\"silver\",\"threshold\":40000}]}");
        ok(s, "PUT", "/v1/achievements/first-buy", "{\"requestId\":\"ac-1\",\"name\":\"First purchase\"," +
            "\"metric\":\"PURCHASES\",\"target\":1,\"rewardPoints\":50,\"repeatable\":false}");
        ok(s, "PUT", "/v1/achievements/installer", "{\"requestId\":\"ac-2\",\"name\":\"Installer\"," +
            "\"metric\":\"ACTIVITY:APP_INSTALL\",\"target\":1,\"rewardPoints\":10,\"repeatable\":true}");
    }

    private static void ok(final TestServer s, final String method, final String path, final String body)
    {
        final TestServer.Answer a = s.admin(method, path, body);
        assertEquals(200, a.status(), method + " " + path + ": " + a);
    }
}
