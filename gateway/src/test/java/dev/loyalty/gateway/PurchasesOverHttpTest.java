package dev.loyalty.gateway;

import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.loyalty.gateway.Checkout.apiExample;
import static dev.loyalty.gateway.Checkout.byCard;
import static dev.loyalty.gateway.Checkout.oneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Purchases end to end over HTTP against the real server: API.md's numbers, state machine, keys, refunds. */
class PurchasesOverHttpTest
{
    @TempDir
    Path dir;

    private TestServer s;

    @AfterEach
    void stop()
    {
        if (s != null)
        {
            s.close();
        }
    }

    @Test
    void shouldAuthorizeApiExampleWithTheNumbersApiMdGives()
    {
        s = new TestServer(dir);
        final String memberId = Checkout.setUpStoreAndMemberWith500Points(s);

        final TestServer.Answer a = s.admin("POST", "/v1/purchases/authorize",
            apiExample("s42-r3-000981", "s42", byCard("7770001"), "100"));

        assertEquals(200, a.status(), a.toString());
        final String b = a.body();
        assertEquals("AUTHORIZED", Json.str(b, "status"));
        assertEquals(memberId, Json.str(b, "memberId"));
        assertEquals(59000, Json.num(b, "total"));
        assertEquals(0, Json.num(b, "discount"));
        assertEquals(100, Json.num(b, "pointsRedeemed"));
        assertEquals(49000, Json.num(b, "payable"));
        assertEquals(24, Json.num(b, "pointsToEarn"));
        assertEquals(177, Json.num(b, "maxRedeemable"));
        assertEquals(50000, Json.num(b, "lines[0].amount"));
        assertEquals(8475, Json.num(b, "lines[0].pointsPaid"));
        assertEquals(41525, Json.num(b, "lines[0].paid"));
        assertEquals(1525, Json.num(b, "lines[1].pointsPaid"));
        assertEquals(7475, Json.num(b, "lines[1].paid"));
        assertEquals("REJECTED", Json.str(b, "coupons[0].status"));
        assertEquals("COUPON_NOT_FOUND", Json.str(b, "coupons[0].reason"));
        assertEquals(400, Json.num(b, "balance.available"));
        assertEquals(100, Json.num(b, "balance.held"));
        assertTrue(Json.has(b, "holdExpiresAt"));
    }

    @Test
    void shouldCaptureEarnAndSpendTheHeldPoints()
    {
        s = new TestServer(dir);
        final String memberId = Checkout.setUpStoreAndMemberWith500Points(s);
        s.admin("POST", "/v1/purchases/authorize", apiExample("tx-1", "s42", byCard("7770001"), "100"));

        final TestServer.Answer c = s.admin("POST", "/v1/purchases/tx-1/capture", "{}");

        assertEquals(200, c.status(), c.toString());
        assertEquals("CAPTURED", Json.str(c.body(), "status"));
        assertEquals(24, Json.num(c.body(), "pointsEarned"));
        assertEquals(100, Json.num(c.body(), "pointsRedeemed"));
        assertEquals(424, Json.num(c.body(), "balance.available"));
        assertEquals(0, Json.num(c.body(), "balance.held"));

        final String profile = s.admin("GET", "/v1/members/" + memberId, null).body();
        assertEquals(1, Json.num(profile, "stats.purchases"));
        assertEquals(49000, Json.num(profile, "stats.spentMinor"));
        assertEquals(24, Json.num(profile, "stats.pointsEarned"));
        assertEquals(100, Json.num(profile, "stats.pointsRedeemed"));
        assertEquals(1, Json.num(profile, "stats.byChannel.POS.purchases"));
        assertEquals(49000, Json.num(profile, "stats.byChannel.POS.spentMinor"));

        final TestServer.Answer get = s.admin("GET", "/v1/purchases/tx-1", null);
        assertEquals("CAPTURED", Json.str(get.body(), "status"));
        assertEquals(24, Json.num(get.body(), "pointsEarned"));
        assertFalse(Json.has(get.body(), "holdExpiresAt"));
    }

    @Test
    void shouldReplayEachOperationByteForByteAndChangeNothing()
    {
        s = new TestServer(dir);
        final String memberId = Checkout.setUpStoreAndMemberWith500Points(s);
        final String body = apiExample("tx-1", "s42", byCard("7770001"), "100");
        final TestServer.Answer first = s.admin("POST", "/v1/purchases/authorize", body);
        final TestServer.Answer captured = s.admin("POST", "/v1/purchases/tx-1/capture", "{}");
        final String balanceAfter = s.admin("GET", "/v1/members/" + memberId, null).body();

        final TestServer.Answer again = s.admin("POST", "/v1/purchases/authorize", body);
        final TestServer.Answer recaptured = s.admin("POST", "/v1/purchases/tx-1/capture", "{}");

        assertEquals(first.status(), again.status());
        assertEquals(first.body(), again.body(), "an authorize re-sent after its capture answers AUTHORIZED again");
        assertEquals(captured.body(), recaptured.body());
        assertEquals(balanceAfter, s.admin("GET", "/v1/members/" + memberId, null).body());
    }

    @Test
    void shouldAnswerIdempotencyConflictForTheSameTxIdWithAnotherBody()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);
        s.admin("POST", "/v1/purchases/authorize", apiExample("tx-1", "s42", byCard("7770001"), "100"));

        final TestServer.Answer conflict = s.admin("POST", "/v1/purchases/authorize",
            apiExample("tx-1", "s42", byCard("7770001"), "50"));

        assertEquals(409, conflict.status());
        assertEquals("IDEMPOTENCY_CONFLICT", Json.str(conflict.body(), "error.code"));
    }

    @Test
    void shouldLetARejectedTxIdBeSentAgainWithACorrectedBody()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);

        final TestServer.Answer tooMany = s.admin("POST", "/v1/purchases/authorize",
            apiExample("tx-1", "s42", byCard("7770001"), "600"));
        final TestServer.Answer overCap = s.admin("POST", "/v1/purchases/authorize",
            apiExample("tx-1", "s42", byCard("7770001"), "178"));
        final TestServer.Answer ok = s.admin("POST", "/v1/purchases/authorize",
            apiExample("tx-1", "s42", byCard("7770001"), "177"));

        assertEquals(422, tooMany.status());
        assertEquals("INSUFFICIENT_POINTS", Json.str(tooMany.body(), "error.code"));
        assertEquals(422, overCap.status());
        assertEquals("REDEEM_LIMIT_EXCEEDED", Json.str(overCap.body(), "error.code"));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(177, Json.num(ok.body(), "pointsRedeemed"));
    }

    @Test
    void shouldTakeMaxRedeemableForMax()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);

        final TestServer.Answer a = s.admin("POST", "/v1/purchases/authorize",
            apiExample("tx-1", "s42", byCard("7770001"), "\"MAX\""));

        assertEquals(177, Json.num(a.body(), "pointsRedeemed"));
        assertEquals(59000 - 17700, Json.num(a.body(), "payable"));
    }

    @Test
    void shouldVoidAndReleaseTheHoldThenRefuseACapture()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);
        s.admin("POST", "/v1/purchases/authorize", apiExample("tx-1", "s42", byCard("7770001"), "100"));

        final TestServer.Answer v = s.admin("POST", "/v1/purchases/tx-1/void", "{}");
        final TestServer.Answer revoid = s.admin("POST", "/v1/purchases/tx-1/void", null);
        final TestServer.Answer capture = s.admin("POST", "/v1/purchases/tx-1/capture", "{}");

        assertEquals(200, v.status(), v.toString());
        assertEquals("VOIDED", Json.str(v.body(), "status"));
        assertEquals(500, Json.num(v.body(), "balance.available"));
        assertEquals(0, Json.num(v.body(), "balance.held"));
        assertEquals(v.body(), revoid.body());
        assertEquals(409, capture.status());
        assertEquals("INVALID_STATE", Json.str(capture.body(), "error.code"));
    }

    @Test
    void shouldRefuseAVoidOfACapturedPurchase()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);
        s.admin("POST", "/v1/purchases/authorize", apiExample("tx-1", "s42", byCard("7770001"), "0"));
        s.admin("POST", "/v1/purchases/tx-1/capture", "{}");

        final TestServer.Answer v = s.admin("POST", "/v1/purchases/tx-1/void", "{}");

        assertEquals(409, v.status());
        assertEquals("INVALID_STATE", Json.str(v.body(), "error.code"));
    }

    @Test
    void shouldBookAOneShotPurchaseAndAnswerTheAuthorizeShapeCaptured()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);

        final TestServer.Answer a = s.admin("POST", "/v1/purchases", apiExample("tx-1", "s42", byCard("7770001"), "100"));

        assertEquals(200, a.status(), a.toString());
        assertEquals("CAPTURED", Json.str(a.body(), "status"));
        assertEquals(24, Json.num(a.body(), "pointsEarned"));
        assertEquals(424, Json.num(a.body(), "balance.available"));
        assertEquals(8475, Json.num(a.body(), "lines[0].pointsPaid"));
        final TestServer.Answer asAuthorize = s.admin("POST", "/v1/purchases/authorize",
            apiExample("tx-1", "s42", byCard("7770001"), "100"));
        assertEquals(409, asAuthorize.status(), "a one-shot txId is not an authorization's");
    }

    @Test
    void shouldPriceWithCalculateAndHoldNothing()
    {
        s = new TestServer(dir);
        final String memberId = Checkout.setUpStoreAndMemberWith500Points(s);
        final String before = s.admin("GET", "/v1/members/" + memberId, null).body();

        final TestServer.Answer c = s.admin("POST", "/v1/purchases/calculate",
            apiExample("ignored", "s42", byCard("7770001"), "100"));
        final TestServer.Answer withoutTxId = s.admin("POST", "/v1/purchases/calculate",
            apiExample("x", "s42", byCard("7770001"), "100").replace("\"txId\":\"x\",", ""));

        assertEquals(200, c.status(), c.toString());
        assertEquals("CALCULATED", Json.str(c.body(), "status"));
        assertEquals(49000, Json.num(c.body(), "payable"));
        assertEquals(24, Json.num(c.body(), "pointsToEarn"));
        assertEquals(c.body(), withoutTxId.body());
        assertEquals(before, s.admin("GET", "/v1/members/" + memberId, null).body());
        assertEquals(404, s.admin("GET", "/v1/purchases/ignored", null).status());
    }

    @Test
    void shouldSellAnonymouslyEarningNothing()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);

        final TestServer.Answer a = s.admin("POST", "/v1/purchases", apiExample("tx-anon", "s42", null, "0"));
        final TestServer.Answer redeem = s.admin("POST", "/v1/purchases", apiExample("tx-anon2", "s42", null, "10"));

        assertEquals(200, a.status(), a.toString());
        assertEquals(null, Json.at(a.body(), "memberId"));
        assertTrue(Json.has(a.body(), "memberId"));
        assertEquals(0, Json.num(a.body(), "pointsToEarn"));
        assertEquals(0, Json.num(a.body(), "pointsEarned"));
        assertEquals(59000, Json.num(a.body(), "payable"));
        assertEquals(422, redeem.status());
    }

    @Test
    void shouldRefundByLinesAndAmountUntilEverythingIsReversedExactly()
    {
        s = new TestServer(dir);
        final String memberId = Checkout.setUpStoreAndMemberWith500Points(s);
        s.admin("POST", "/v1/purchases", apiExample("tx-1", "s42", byCard("7770001"), "100"));

        final TestServer.Answer first = s.admin("POST", "/v1/purchases/tx-1/refund",
            "{\"refundId\":\"rf-1\",\"lines\":[{\"sku\":\"SKU-1\",\"qty\":1}]}");
        final TestServer.Answer replay = s.admin("POST", "/v1/purchases/tx-1/refund",
            "{\"refundId\":\"rf-1\",\"lines\":[{\"sku\":\"SKU-1\",\"qty\":1}]}");
        final TestServer.Answer rest = s.admin("POST", "/v1/purchases/tx-1/refund",
            "{\"refundId\":\"rf-2\",\"amount\":34000}");
        final TestServer.Answer more = s.admin("POST", "/v1/purchases/tx-1/refund",
            "{\"refundId\":\"rf-3\",\"amount\":1}");

        assertEquals(200, first.status(), first.toString());
        assertEquals("PARTIALLY_REFUNDED", Json.str(first.body(), "status"));
        assertEquals(first.body(), replay.body());
        assertEquals(200, rest.status(), rest.toString());
        assertEquals("REFUNDED", Json.str(rest.body(), "status"));
        assertEquals(59000, Json.num(rest.body(), "refunded.amount"));
        assertEquals(24, Json.num(rest.body(), "refunded.pointsReversed"));
        assertEquals(100, Json.num(rest.body(), "refunded.pointsReturned"));
        assertEquals(500, Json.num(rest.body(), "balance.available"));
        assertEquals(422, more.status());
        assertEquals("REFUND_EXCEEDS_PURCHASE", Json.str(more.body(), "error.code"));

        final String got = s.admin("GET", "/v1/purchases/tx-1", null).body();
        assertEquals("REFUNDED", Json.str(got, "status"));
        assertEquals(59000, Json.num(got, "refunded.amount"));
        final String profile = s.admin("GET", "/v1/members/" + memberId, null).body();
        assertEquals(0, Json.num(profile, "stats.spentMinor"));
    }

    @Test
    void shouldLeaveANegativeBalanceWhenARefundTakesBackSpentPoints()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);
        s.admin("POST", "/v1/purchases", oneLine("tx-earn", "s42", byCard("7770001"), 1_000_000, "0"));
        s.admin("POST", "/v1/purchases", oneLine("tx-spend", "s42", byCard("7770001"), 340_000, "\"MAX\""));

        final TestServer.Answer r = s.admin("POST", "/v1/purchases/tx-earn/refund", "{\"refundId\":\"rf\",\"amount\":1000000}");

        assertEquals(200, r.status(), r.toString());
        assertEquals(500, Json.num(r.body(), "pointsReversed"));
        assertEquals(120 - 500, Json.num(r.body(), "balance.available"), r.body());
        final TestServer.Answer redeem = s.admin("POST", "/v1/purchases",
            oneLine("tx-3", "s42", byCard("7770001"), 1000, "1"));
        assertEquals(422, redeem.status());
        assertEquals("INSUFFICIENT_POINTS", Json.str(redeem.body(), "error.code"));
    }

    @Test
    void shouldReleaseTheHoldWhenItTimesOutByEngineTime() throws Exception
    {
        final ManualClock clock = new ManualClock(1_800_000_000_000L);
        s = new TestServer(dir, clock);
        Checkout.setUpStoreAndMemberWith500Points(s);
        s.admin("POST", "/v1/purchases/authorize", apiExample("tx-1", "s42", byCard("7770001"), "100"));

        clock.advanceMillis(901_000);
        String got = s.admin("GET", "/v1/purchases/tx-1", null).body();
        for (int i = 0; i < 500 && !"EXPIRED".equals(Json.str(got, "status")); i++)
        {
            Thread.sleep(10);
            got = s.admin("GET", "/v1/purchases/tx-1", null).body();
        }

        assertEquals("EXPIRED", Json.str(got, "status"));
        assertEquals(500, Json.num(got, "balance.available"));
        assertEquals(0, Json.num(got, "balance.held"));
        final TestServer.Answer capture = s.admin("POST", "/v1/purchases/tx-1/capture", "{}");
        assertEquals(409, capture.status());
        final String ledger = s.admin("GET", "/v1/members/m_1/ledger", null).body();
        assertEquals("RELEASE", Json.str(ledger, "entries[0].type"));
        assertEquals(100, Json.num(ledger, "entries[0].moved"));
    }

    @Test
    void shouldRefuseMoreThanTheOpenHoldLimitOfAMember()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);
        for (int i = 0; i < 20; i++)
        {
            assertEquals(200, s.admin("POST", "/v1/purchases/authorize",
                oneLine("h-" + i, "s42", byCard("7770001"), 1000, "1")).status());
        }

        final TestServer.Answer over = s.admin("POST", "/v1/purchases/authorize",
            oneLine("h-20", "s42", byCard("7770001"), 1000, "1"));

        assertEquals(422, over.status());
        assertEquals("TOO_MANY_HOLDS", Json.str(over.body(), "error.code"));
    }

    @Test
    void shouldAnswerNotFoundForUnknownStoresMembersAndPurchases()
    {
        s = new TestServer(dir);
        Checkout.setUpStoreAndMemberWith500Points(s);

        final TestServer.Answer store = s.admin("POST", "/v1/purchases", apiExample("t", "nope", null, "0"));
        final TestServer.Answer member = s.admin("POST", "/v1/purchases", apiExample("t", "s42", byCard("1"), "0"));
        final TestServer.Answer purchase = s.admin("POST", "/v1/purchases/none/capture", "{}");

        assertEquals("STORE_NOT_FOUND", Json.str(store.body(), "error.code"));
        assertEquals(404, store.status());
        assertEquals("MEMBER_NOT_FOUND", Json.str(member.body(), "error.code"));
        assertEquals("PURCHASE_NOT_FOUND", Json.str(purchase.body(), "error.code"));
        assertNotEquals(200, s.admin("GET", "/v1/purchases/t", null).status());
    }

    @Test
    void shouldKeepEveryAnswerAcrossARestart()
    {
        s = new TestServer(dir);
        final String memberId = Checkout.setUpStoreAndMemberWith500Points(s);
        final String body = apiExample("tx-1", "s42", byCard("7770001"), "100");
        final TestServer.Answer authorized = s.admin("POST", "/v1/purchases/authorize", body);
        final TestServer.Answer captured = s.admin("POST", "/v1/purchases/tx-1/capture", "{}");
        final String profile = s.admin("GET", "/v1/members/" + memberId, null).body();
        final String ledger = s.admin("GET", "/v1/members/" + memberId + "/ledger", null).body();

        s.restart();

        assertEquals(authorized.body(), s.admin("POST", "/v1/purchases/authorize", body).body());
        assertEquals(captured.body(), s.admin("POST", "/v1/purchases/tx-1/capture", "{}").body());
        assertEquals(profile, s.admin("GET", "/v1/members/" + memberId, null).body());
        assertEquals(ledger, s.admin("GET", "/v1/members/" + memberId + "/ledger", null).body());
    }
}
