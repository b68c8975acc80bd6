package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.loyalty.engine.logic.Harness.at;
import static dev.loyalty.engine.logic.Harness.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurchasesTest
{
    private final Harness h = new Harness();

    @Test
    void shouldHoldRedeemedPointsAtAuthorizeAndSpendThemAtCapture()
    {
        final String m = h.member("7770001");
        h.give(m, 500);
        final Map<String, Object> auth = h.authorize("tx-1", m, 100, 50000, 9000);
        assertEquals("AUTHORIZED", auth.get("status"));
        assertEquals(m, auth.get("memberId"));
        assertEquals("web", auth.get("storeId"));
        assertEquals(59000L, num(auth, "total"));
        assertEquals(100L, num(auth, "pointsRedeemed"));
        assertEquals(49000L, num(auth, "payable"));
        assertEquals(24L, num(auth, "pointsToEarn"));
        assertEquals(177L, num(auth, "maxRedeemable"));
        assertEquals(2, ((List<?>)auth.get("lines")).size());
        assertEquals(400L, num(auth, "balance.available"));
        assertEquals(100L, num(auth, "balance.held"));
        assertEquals("2026-12-06T06:30:00Z", auth.get("holdExpiresAt"));
        assertFalse(auth.containsKey("pointsEarned"));

        final Map<String, Object> capture = h.capture("tx-1");
        assertEquals("CAPTURED", capture.get("status"));
        assertEquals(24L, num(capture, "pointsEarned"));
        assertEquals(100L, num(capture, "pointsRedeemed"));
        assertEquals(424L, num(capture, "balance.available"));
        assertEquals(0L, num(capture, "balance.held"));
        assertEquals(List.of("ADJUST 500", "HOLD 0 moved 100", "REDEEM -100", "EARN 24"), h.history(m));

        final Map<String, Object> stats = h.profile(m);
        assertEquals(1L, num(stats, "stats.purchases"));
        assertEquals(49000L, num(stats, "stats.spentMinor"));
        assertEquals(24L, num(stats, "stats.pointsEarned"));
        assertEquals(100L, num(stats, "stats.pointsRedeemed"));
        assertEquals("2026-12-06T06:15:00Z", at(stats, "stats.firstPurchaseAt"));
        assertEquals(1L, num(stats, "stats.byChannel.ONLINE.purchases"));
        assertEquals(49000L, num(stats, "stats.byChannel.ONLINE.spentMinor"));

        final Map<String, Object> shown = h.purchase("tx-1");
        assertEquals("CAPTURED", shown.get("status"));
        assertEquals(24L, num(shown, "pointsEarned"));
        assertFalse(shown.containsKey("holdExpiresAt"));
        h.assertInvariants();
    }

    @Test
    void shouldReplayAuthorizeWithItsFirstAnswerEvenAfterCapture()
    {
        final String m = h.member("1");
        h.give(m, 500);
        final Commands.Authorize authorize = h.authorizeCmd("tx-1", m, 100, 50000);
        final Reply first = h.send(authorize);
        h.capture("tx-1");
        final String digest = h.logic.stateDigest();
        final Reply again = h.send(h.authorizeCmd("tx-1", m, 100, 50000));
        assertSame(first, again);
        assertEquals("AUTHORIZED", TreeWriter.render(again).get("status"));
        assertEquals(digest, h.logic.stateDigest());
        h.rejected(h.authorizeCmd("tx-1", m, 50, 50000), ErrorCode.IDEMPOTENCY_CONFLICT);
        final Reply captured = h.send(new Commands.Capture(null, "tx-1"));
        assertEquals(ReplyText.of(captured), ReplyText.of(h.send(new Commands.Capture(null, "tx-1"))));
        assertEquals("CAPTURED", TreeWriter.render(captured).get("status"));
        assertEquals(digest, h.logic.stateDigest());
    }

    @Test
    void shouldNotClaimTheTxIdWhenAuthorizeIsRejected()
    {
        final String m = h.member("1");
        h.give(m, 50);
        h.rejected(h.authorizeCmd("tx-1", m, 100, 50000), ErrorCode.INSUFFICIENT_POINTS);
        h.rejected(h.authorizeCmd("tx-1", m, 40, 10000), ErrorCode.REDEEM_LIMIT_EXCEEDED);
        h.rejected(new Commands.GetPurchase(null, "tx-1"), ErrorCode.PURCHASE_NOT_FOUND);
        assertEquals(50L, h.available(m));
        final Map<String, Object> auth = h.authorize("tx-1", m, 30, 10000);
        assertEquals(30L, num(auth, "pointsRedeemed"));
        h.assertInvariants();
    }

    @Test
    void shouldReleaseHeldPointsOnVoidAndReplayARepeatedVoid()
    {
        final String m = h.member("1");
        h.give(m, 500);
        h.authorize("tx-1", m, 200, 100000);
        assertEquals(200L, h.held(m));
        final Reply voided = h.send(new Commands.VoidPurchase(null, "tx-1"));
        final Map<String, Object> body = TreeWriter.render(voided);
        assertEquals("VOIDED", body.get("status"));
        assertEquals(500L, num(body, "balance.available"));
        assertEquals(0L, num(body, "balance.held"));
        final String voidedText = ReplyText.of(voided);
        assertEquals(voidedText, ReplyText.of(h.send(new Commands.VoidPurchase(null, "tx-1"))));
        assertEquals(voidedText, ReplyText.of(voided));
        h.rejected(new Commands.Capture(null, "tx-1"), ErrorCode.INVALID_STATE);
        h.rejected(new Commands.Refund(null, "tx-1", "rf-1", List.of(), 100), ErrorCode.INVALID_STATE);
        assertEquals("VOIDED", h.purchase("tx-1").get("status"));
        assertEquals(List.of("ADJUST 500", "HOLD 0 moved 200", "RELEASE 0 moved 200"), h.history(m));
        assertEquals(0L, num(h.profile(m), "stats.purchases"));
        h.assertInvariants();
    }

    @Test
    void shouldRefuseToVoidACapturedPurchase()
    {
        final String m = h.member("1");
        h.authorize("tx-1", m, 0, 10000);
        h.capture("tx-1");
        h.rejected(new Commands.VoidPurchase(null, "tx-1"), ErrorCode.INVALID_STATE);
        h.rejected(new Commands.Capture(null, "nope"), ErrorCode.PURCHASE_NOT_FOUND);
        h.rejected(new Commands.VoidPurchase(null, "nope"), ErrorCode.PURCHASE_NOT_FOUND);
    }

    @Test
    void shouldReleaseHeldPointsWhenHoldTimesOut()
    {
        final String m = h.member("1");
        h.give(m, 500);
        h.authorize("tx-1", m, 100, 50000);
        assertEquals(Harness.T0 + 900_000, h.logic.nextDueAtMillis());

        h.advance(899_999);
        h.tick();
        assertEquals("AUTHORIZED", h.purchase("tx-1").get("status"));
        h.advance(1);
        assertEquals("AUTHORIZED", h.purchase("tx-1").get("status"), "reads do not move the clock");
        h.tick();
        final Map<String, Object> expired = h.purchase("tx-1");
        assertEquals("EXPIRED", expired.get("status"));
        assertFalse(expired.containsKey("holdExpiresAt"));
        assertEquals(500L, h.available(m));
        assertEquals(0L, h.held(m));
        assertEquals(Harness.T0 + 365 * Harness.DAY, h.logic.nextDueAtMillis(), "only the lot's expiry is left");
        assertEquals(List.of("ADJUST 500", "HOLD 0 moved 100", "RELEASE 0 moved 100"), h.history(m));
        h.rejected(new Commands.Capture(null, "tx-1"), ErrorCode.INVALID_STATE);
        h.rejected(new Commands.VoidPurchase(null, "tx-1"), ErrorCode.INVALID_STATE);
        h.assertInvariants();
    }

    @Test
    void shouldExpireDueHoldsBeforeAnyJournaledCommand()
    {
        final String m = h.member("1");
        h.give(m, 100);
        h.authorize("tx-1", m, 100, 50000);
        h.advance(901_000);
        final Map<String, Object> second = h.authorize("tx-2", m, 100, 50000);
        assertEquals(100L, num(second, "pointsRedeemed"));
        assertEquals("EXPIRED", h.purchase("tx-1").get("status"));
        h.assertInvariants();
    }

    @Test
    void shouldTakeEngineTimeAsTheLargestStampSeen()
    {
        final String m = h.member("1");
        h.advance(10_000);
        h.authorize("tx-1", m, 0, 10000);
        h.advance(-5_000);
        final Map<String, Object> late = h.authorize("tx-2", m, 0, 10000);
        assertEquals("2026-12-06T06:30:10Z", late.get("holdExpiresAt"));
        assertEquals(Harness.T0 + 10_000, h.logic.engineTimeMillis());
    }

    @Test
    void shouldLimitOpenAuthorizationsPerMember()
    {
        final Harness small = new Harness(2);
        final String m = small.member("1");
        small.authorize("tx-1", m, 0, 1000);
        small.authorize("tx-2", m, 0, 1000);
        small.rejected(small.authorizeCmd("tx-3", m, 0, 1000), ErrorCode.TOO_MANY_HOLDS);
        small.ok(new Commands.OneShot(null, Harness.cheque("tx-4", "web", m, 0, 1000)));
        small.voidPurchase("tx-1");
        small.authorize("tx-3", m, 0, 1000);
        small.capture("tx-2");
        small.authorize("tx-5", m, 0, 1000);
        small.assertInvariants();
    }

    @Test
    void shouldCaptureAtOnceInAOneShotPurchase()
    {
        final String m = h.member("1");
        h.give(m, 500);
        final Commands.OneShot oneShot = new Commands.OneShot(null, Harness.cheque("tx-1", "web", m, 100, 50000, 9000));
        final Reply first = h.send(oneShot);
        final Map<String, Object> body = TreeWriter.render(first);
        assertEquals("CAPTURED", body.get("status"));
        assertEquals(24L, num(body, "pointsEarned"));
        assertEquals(24L, num(body, "pointsToEarn"));
        assertEquals(424L, num(body, "balance.available"));
        assertFalse(body.containsKey("holdExpiresAt"));
        assertEquals(List.of("ADJUST 500", "REDEEM -100", "EARN 24"), h.history(m));
        assertSame(first, h.send(new Commands.OneShot(null, Harness.cheque("tx-1", "web", m, 100, 50000, 9000))));
        h.rejected(new Commands.OneShot(null, Harness.cheque("tx-1", "web", m, 0, 50000, 9000)),
            ErrorCode.IDEMPOTENCY_CONFLICT);
        h.rejected(h.authorizeCmd("tx-1", m, 100, 50000, 9000), ErrorCode.IDEMPOTENCY_CONFLICT);
        final Map<String, Object> capture = h.capture("tx-1");
        assertEquals(24L, num(capture, "pointsEarned"));

        h.authorize("tx-2", m, 0, 1000);
        h.rejected(new Commands.OneShot(null, Harness.cheque("tx-2", "web", m, 0, 1000)),
            ErrorCode.IDEMPOTENCY_CONFLICT);
        h.assertInvariants();
    }

    @Test
    void shouldCalculateWithoutChangingAnything()
    {
        final String m = h.member("1");
        h.give(m, 500);
        final String digest = h.logic.stateDigest();
        final long due = h.logic.nextDueAtMillis();
        h.advance(Harness.DAY);
        final Map<String, Object> calc = h.ok(new Commands.Calculate(null, Harness.cheque("ignored", "web", m, 100, 50000, 9000)));
        assertEquals("CALCULATED", calc.get("status"));
        assertNull(calc.get("txId"));
        assertEquals(24L, num(calc, "pointsToEarn"));
        assertEquals(500L, num(calc, "balance.available"));
        assertEquals(digest, h.logic.stateDigest());
        assertEquals(due, h.logic.nextDueAtMillis());
        h.rejected(new Commands.Calculate(null, Harness.cheque(null, "web", m, 600, 50000)), ErrorCode.INSUFFICIENT_POINTS);
    }

    @Test
    void shouldPriceAnAnonymousSaleWithoutEarning()
    {
        final Map<String, Object> auth = h.authorize("tx-1", null, 0, 50000);
        assertNull(auth.get("memberId"));
        assertEquals(0L, num(auth, "pointsToEarn"));
        assertFalse(auth.containsKey("balance"));
        final Map<String, Object> capture = h.capture("tx-1");
        assertEquals(0L, num(capture, "pointsEarned"));
        h.rejected(h.authorizeCmd("tx-2", null, 10, 50000), ErrorCode.INSUFFICIENT_POINTS);
        final Map<String, Object> refund = h.refundAmount("tx-1", "rf-1", 50000);
        assertEquals("REFUNDED", refund.get("status"));
        assertEquals(50000L, num(refund, "money"));
        h.assertInvariants();
    }

    @Test
    void shouldRejectUnknownStoreMemberAndMergedMember()
    {
        final String m = h.member("1");
        h.rejected(new Commands.Authorize(null, Harness.cheque("tx-1", "s404", m, 0, 1000)), ErrorCode.STORE_NOT_FOUND);
        h.rejected(h.authorizeCmd("tx-1", "m_404", 0, 1000), ErrorCode.MEMBER_NOT_FOUND);
        final String other = h.member("2");
        h.ok(new Commands.MergeMembers(h.rid(), m, other));
        final Map<String, Object> gone = h.rejected(h.authorizeCmd("tx-1", other, 0, 1000), ErrorCode.MEMBER_MERGED);
        assertEquals(m, at(gone, "error.memberId"));
        h.rejected(new Commands.Authorize(null, new PurchaseRequest(
            "tx-1", "web", null, null, null, List.of(new Line("SKU", null, 0, 100)), 0, false, List.of())),
            ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.Authorize(null, new PurchaseRequest(
            "tx-1", "web", null, "yesterday", null, List.of(new Line("SKU", null, 1, 100)), 0, false, List.of())),
            ErrorCode.INVALID_REQUEST);
        h.authorize("tx-1", m, 0, 1000);
    }

    @Test
    void shouldScopePosKeysToTheirPartnersStoresAndPurchases()
    {
        h.ok(new Commands.PutPartner(h.rid(), "coffee", "Coffee&Co"));
        h.ok(new Commands.PutStore(h.rid(), "s42", "coffee", Channel.POS, Map.of()));
        final String coffee = h.member("coffee", "C1");
        final String main = h.member("M1");

        final Map<String, Object> forbidden = h.rejected(
            new Commands.Authorize("coffee", Harness.cheque("tx-1", "web", coffee, 0, 1000)), ErrorCode.FORBIDDEN);
        assertEquals("store web belongs to another partner", at(forbidden, "error.message"));
        h.rejected(new Commands.Authorize("coffee", Harness.cheque("tx-1", "s42", main, 0, 1000)),
            ErrorCode.MEMBER_NOT_FOUND);
        h.ok(new Commands.Authorize("coffee", Harness.cheque("tx-1", "s42", coffee, 0, 1000)));
        h.authorize("tx-2", main, 0, 1000);

        h.rejected(new Commands.GetPurchase("coffee", "tx-2"), ErrorCode.PURCHASE_NOT_FOUND);
        h.rejected(new Commands.Capture("coffee", "tx-2"), ErrorCode.PURCHASE_NOT_FOUND);
        h.rejected(new Commands.VoidPurchase("coffee", "tx-2"), ErrorCode.PURCHASE_NOT_FOUND);
        h.rejected(new Commands.GetPurchase("main", "tx-1"), ErrorCode.PURCHASE_NOT_FOUND);
        assertEquals("CAPTURED", h.ok(new Commands.Capture("coffee", "tx-1")).get("status"));
        h.rejected(new Commands.Refund("main", "tx-1", "rf-1", List.of(), 100), ErrorCode.PURCHASE_NOT_FOUND);
        assertEquals(1L, num(h.profile(coffee), "stats.byChannel.POS.purchases"));
    }

    @Test
    void shouldReverseEarnedAndReturnRedeemedPointsOnAFullRefund()
    {
        final String m = h.member("1");
        h.give(m, 500);
        h.authorize("tx-1", m, 100, 50000, 9000);
        h.capture("tx-1");
        final Commands.Refund refund = new Commands.Refund(null, "tx-1", "rf-1", List.of(), 59000);
        final Reply first = h.send(refund);
        final Map<String, Object> body = TreeWriter.render(first);
        assertEquals("REFUNDED", body.get("status"));
        assertEquals("rf-1", body.get("refundId"));
        assertEquals(59000L, num(body, "amount"));
        assertEquals(49000L, num(body, "money"));
        assertEquals(24L, num(body, "pointsReversed"));
        assertEquals(100L, num(body, "pointsReturned"));
        assertEquals(59000L, num(body, "refunded.amount"));
        assertEquals(500L, num(body, "balance.available"));
        assertEquals(List.of("ADJUST 500", "HOLD 0 moved 100", "REDEEM -100", "EARN 24", "REVERSE -24", "REVERSE 100"),
            h.history(m));
        assertEquals(0L, num(h.profile(m), "stats.spentMinor"));
        assertEquals(0L, num(h.profile(m), "stats.byChannel.ONLINE.spentMinor"));

        final Map<String, Object> shown = h.purchase("tx-1");
        assertEquals("REFUNDED", shown.get("status"));
        assertEquals(24L, num(shown, "refunded.pointsReversed"));

        assertSame(first, h.send(new Commands.Refund(null, "tx-1", "rf-1", List.of(), 59000)));
        h.rejected(new Commands.Refund(null, "tx-1", "rf-1", List.of(), 100), ErrorCode.IDEMPOTENCY_CONFLICT);
        h.rejected(new Commands.Refund(null, "tx-1", "rf-2", List.of(), 1), ErrorCode.REFUND_EXCEEDS_PURCHASE);
        h.assertInvariants();
    }

    @Test
    void shouldRefundByLinesInSteps()
    {
        final String m = h.member("1");
        h.ok(new Commands.OneShot(null, new PurchaseRequest("tx-1", "web", MemberRef.byId(m), null, null,
            List.of(new Line("A", null, 2, 25000), new Line("B", null, 1, 9000)), 0, false, List.of())));
        final Map<String, Object> part = h.refundLines("tx-1", "rf-1", new RefundLine("A", 1));
        assertEquals("PARTIALLY_REFUNDED", part.get("status"));
        assertEquals(25000L, num(part, "amount"));
        assertEquals(25000L, num(part, "money"));
        h.rejected(new Commands.Refund(null, "tx-1", "rf-2", List.of(new RefundLine("Z", 1)), -1), ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.Refund(null, "tx-1", "rf-2", List.of(new RefundLine("A", 2)), -1),
            ErrorCode.REFUND_EXCEEDS_PURCHASE);
        final Map<String, Object> rest = h.refundLines("tx-1", "rf-2", new RefundLine("A", 1), new RefundLine("B", 1));
        assertEquals("REFUNDED", rest.get("status"));
        assertEquals(29L, num(rest, "refunded.pointsReversed"));
        assertEquals(0L, h.available(m));
        assertEquals(0L, num(h.profile(m), "stats.spentMinor"));
        h.rejected(new Commands.Refund(null, "tx-1", "rf-3", List.of(), -1), ErrorCode.INVALID_REQUEST);
        h.assertInvariants();
    }

    @Test
    void shouldRefuseToRefundAPurchaseThatIsNotCaptured()
    {
        final String m = h.member("1");
        h.authorize("tx-1", m, 0, 10000);
        h.rejected(new Commands.Refund(null, "tx-1", "rf-1", List.of(), 100), ErrorCode.INVALID_STATE);
        h.capture("tx-1");
        assertTrue(h.refundAmount("tx-1", "rf-1", 100).containsKey("refunded"));
    }

    @Test
    void shouldRecordStatsByOccurredAtAndByTheStoresChannelAndSumThemOnMerge()
    {
        h.ok(new Commands.PutStore(h.rid(), "s42", "main", Channel.POS, Map.of()));
        final String a = h.member("A");
        final String b = h.member("B");
        h.ok(new Commands.OneShot(null, new PurchaseRequest("t1", "s42", MemberRef.byId(a), "2026-12-05T23:30:00+03:00",
            "CASH", List.of(new Line("X", null, 1, 10000)), 0, false, List.of())));
        h.advance(Harness.HOUR);
        h.oneShot("t2", b, 0, 20000);
        h.ok(new Commands.OneShot(null, Harness.cheque("t3", "s42", b, 0, 30000)));

        final Map<String, Object> before = h.profile(a);
        assertEquals("2026-12-05T20:30:00Z", at(before, "stats.firstPurchaseAt"));
        assertEquals("2026-12-05T20:30:00Z", at(before, "stats.lastPurchaseAt"));
        assertEquals("2026-12-06T07:15:00Z", at(h.profile(b), "stats.lastPurchaseAt"));

        h.ok(new Commands.MergeMembers(h.rid(), a, b));
        final Map<String, Object> merged = h.profile(a);
        assertEquals(3L, num(merged, "stats.purchases"));
        assertEquals(60000L, num(merged, "stats.spentMinor"));
        assertEquals(2L, num(merged, "stats.byChannel.POS.purchases"));
        assertEquals(40000L, num(merged, "stats.byChannel.POS.spentMinor"));
        assertEquals(1L, num(merged, "stats.byChannel.ONLINE.purchases"));
        assertEquals(30L, num(merged, "stats.pointsEarned"));
        assertEquals("2026-12-05T20:30:00Z", at(merged, "stats.firstPurchaseAt"));
        assertEquals("2026-12-06T07:15:00Z", at(merged, "stats.lastPurchaseAt"));
        assertEquals(b, h.purchase("t2").get("memberId"), "a purchase keeps the member it was made by");
        assertEquals(30L, num(h.purchase("t2"), "balance.available"), "and shows the balance of the merged member");
        h.refundAmount("t2", "rf-1", 20000);
        assertEquals(40000L, num(h.profile(a), "stats.spentMinor"));
        h.assertInvariants();
    }
}
