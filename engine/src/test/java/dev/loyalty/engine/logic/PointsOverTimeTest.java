package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.reply.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.loyalty.engine.logic.Harness.DAY;
import static dev.loyalty.engine.logic.Harness.HOUR;
import static dev.loyalty.engine.logic.Harness.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointsOverTimeTest
{
    private final Harness h = new Harness();

    @Test
    void shouldRedeemFromTheOldestLotsFirst()
    {
        h.program(0, 30, 900);
        final String m = h.member("1");
        h.give(m, 100);
        h.advance(10 * DAY);
        h.give(m, 100);
        h.advance(DAY);
        final Map<String, Object> sale = h.oneShot("tx-1", m, 150, 100000);
        assertEquals(42L, num(sale, "pointsEarned"));
        assertEquals(92L, num(sale, "balance.available"));

        h.advance(19 * DAY);
        h.tick();
        assertEquals(92L, h.available(m), "the oldest lot was used up, nothing of it is left to expire");
        h.advance(10 * DAY);
        h.tick();
        assertEquals(42L, h.available(m), "the rest of the second lot expires");
        h.advance(DAY);
        h.tick();
        assertEquals(0L, h.available(m));
        assertEquals(List.of("ADJUST 100", "ADJUST 100", "REDEEM -150", "EARN 42", "EXPIRE -50", "EXPIRE -42"),
            h.history(m));
        assertEquals(Long.MAX_VALUE, h.logic.nextDueAtMillis());
        h.assertInvariants();
    }

    @Test
    void shouldKeepEarnedPointsPendingUntilActivation()
    {
        h.program(24, 365, 900);
        final String m = h.member("1");
        final Map<String, Object> sale = h.oneShot("tx-1", m, 0, 100000);
        assertEquals(50L, num(sale, "balance.pending"));
        assertEquals(0L, num(sale, "balance.available"));
        assertEquals(Harness.T0 + 24 * HOUR, h.logic.nextDueAtMillis());

        h.advance(24 * HOUR - 1);
        h.tick();
        assertEquals(50L, h.pending(m));
        h.advance(1);
        h.tick();
        assertEquals(0L, h.pending(m));
        assertEquals(50L, h.available(m));
        assertEquals(List.of("EARN 50", "ACTIVATE 0 moved 50"), h.history(m));
        h.assertInvariants();
    }

    @Test
    void shouldMakeEarnedPointsAvailableAtOnceWithoutActivationDelay()
    {
        final String m = h.member("1");
        h.authorize("tx-1", m, 0, 100000);
        final Map<String, Object> capture = h.capture("tx-1");
        assertEquals(50L, num(capture, "balance.available"));
        assertEquals(0L, num(capture, "balance.pending"));
        assertEquals(List.of("EARN 50"), h.history(m));
    }

    @Test
    void shouldExpireReleasedPointsAgainWhenTheirLotExpiredDuringTheHold()
    {
        h.program(0, 30, 40 * 24 * 3600);
        final String m = h.member("1");
        h.give(m, 100);
        h.authorize("tx-1", m, 100, 100000);
        h.advance(31 * DAY);
        h.tick();
        assertEquals(100L, h.held(m));
        assertEquals(List.of("ADJUST 100", "HOLD 0 moved 100"), h.history(m));

        final Map<String, Object> voided = h.voidPurchase("tx-1");
        assertEquals(100L, num(voided, "balance.available"));
        assertTrue(h.logic.nextDueAtMillis() <= h.stamp, "the released points are due to expire");
        h.tick();
        assertEquals(0L, h.available(m));
        assertEquals(List.of("ADJUST 100", "HOLD 0 moved 100", "RELEASE 0 moved 100", "EXPIRE -100"), h.history(m));
        h.assertInvariants();
    }

    @Test
    void shouldReleaseThenExpireInOneTickWhenTheHoldTimesOutAfterItsLotExpired()
    {
        h.program(0, 30, 40 * 24 * 3600);
        final String m = h.member("1");
        h.give(m, 100);
        h.give(m, 20);
        h.authorize("tx-1", m, 110, 100000);
        h.advance(41 * DAY);
        h.tick();
        assertEquals("EXPIRED", h.purchase("tx-1").get("status"));
        assertEquals(0L, h.available(m));
        assertEquals(List.of("ADJUST 100", "ADJUST 20", "HOLD 0 moved 110", "EXPIRE -10", "RELEASE 0 moved 110",
            "EXPIRE -100", "EXPIRE -10"), h.history(m));
        h.assertInvariants();
    }

    @Test
    void shouldLeaveAvailableNegativeAfterAReversalAndRedeemNothing()
    {
        final String m = h.member("1");
        h.oneShot("tx-1", m, 0, 100000);
        h.give(m, -50);
        final Map<String, Object> refund = h.refundAmount("tx-1", "rf-1", 100000);
        assertEquals(50L, num(refund, "pointsReversed"));
        assertEquals(-50L, num(refund, "balance.available"));

        final Map<String, Object> calc = h.ok(new Commands.Calculate(null, new PurchaseRequest(
            null, "web", MemberRef.byId(m), null, null, List.of(new Line("A", null, 1, 100000)), 0, true, List.of())));
        assertEquals(0L, num(calc, "maxRedeemable"));
        assertEquals(0L, num(calc, "pointsRedeemed"));
        h.rejected(h.authorizeCmd("tx-2", m, 1, 100000), ErrorCode.INSUFFICIENT_POINTS);
        h.rejected(new Commands.AdjustPoints(h.rid(), m, -1, "x"), ErrorCode.INSUFFICIENT_POINTS);
        h.assertInvariants();

        final Map<String, Object> payOff = h.oneShot("tx-3", m, 0, 100000);
        assertEquals(0L, num(payOff, "balance.available"), "new earning pays the debt first");
        h.give(m, 80);
        assertEquals(80L, h.available(m));
        h.advance(366 * DAY);
        h.tick();
        assertEquals(0L, h.available(m));
        final List<String> history = h.history(m);
        assertEquals("EXPIRE -80", history.get(history.size() - 1), "the lot that paid the debt has nothing to expire");
        assertEquals(1, history.stream().filter(e -> e.startsWith("EXPIRE")).count());
        h.assertInvariants();
    }

    @Test
    void shouldTakeBackEarnedPointsFromThePurchasesOwnLotFirst()
    {
        h.program(24, 365, 900);
        final String m = h.member("1");
        h.give(m, 100);
        h.oneShot("tx-1", m, 0, 100000);
        assertEquals(50L, h.pending(m));
        final Map<String, Object> refund = h.refundAmount("tx-1", "rf-1", 100000);
        assertEquals(0L, num(refund, "balance.pending"));
        assertEquals(100L, num(refund, "balance.available"));
        h.advance(25 * HOUR);
        h.tick();
        assertEquals(List.of("ADJUST 100", "EARN 50", "REVERSE -50"), h.history(m));
        h.assertInvariants();
    }

    @Test
    void shouldMoveLotsHoldsAndPendingPointsWithAMerge()
    {
        h.program(24, 30, 3600);
        final String target = h.member("T");
        final String source = h.member("S");
        h.give(source, 100);
        h.authorize("tx-1", source, 60, 100000);
        h.oneShot("tx-2", source, 0, 100000);
        h.give(target, 5);
        h.ok(new Commands.MergeMembers(h.rid(), target, source));
        final Map<String, Object> profile = h.profile(target);
        assertEquals(45L, num(profile, "balance.available"));
        assertEquals(50L, num(profile, "balance.pending"));
        assertEquals(60L, num(profile, "balance.held"));
        assertEquals(1L, num(profile, "stats.purchases"));
        h.assertInvariants();

        h.capture("tx-1");
        assertEquals(0L, h.held(target));
        assertEquals(List.of("ADJUST 100", "HOLD 0 moved 60", "EARN 50", "ADJUST 5", "REDEEM -60", "EARN 47"),
            h.history(target));
        h.advance(24 * HOUR);
        h.tick();
        assertEquals(45L + 50 + 47, h.available(target));
        h.assertInvariants();
    }
}
