package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.reply.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Regression tests for what the deterministic simulation ({@link SimulationTest}) found, one per finding. */
class SimulationFindingsTest
{
    private final Harness h = new Harness();

    private void buyWithAFreeLine(final String txId, final long pricedUnit)
    {
        h.ok(new Commands.OneShot(null, new PurchaseRequest(txId, "web", null, null, "CARD", List.of(
            new Line("GIFT", null, 1, 0), new Line("SKU-1", null, 1, pricedUnit)), 0, false, List.of())));
    }

    @Test
    void shouldRefuseToRefundALinePricedZeroMoreOftenThanItWasBought()
    {
        buyWithAFreeLine("t-1", 10_000);

        h.refundLines("t-1", "rf-1", new RefundLine("GIFT", 1));

        h.rejected(new Commands.Refund(null, "t-1", "rf-2", List.of(new RefundLine("GIFT", 1)), -1),
            ErrorCode.REFUND_EXCEEDS_PURCHASE);
        h.assertInvariants();
    }

    @Test
    void shouldRefuseToRefundAFullyRefundedPurchaseOfFreeLinesAgain()
    {
        buyWithAFreeLine("t-1", 0);

        assertEquals("REFUNDED", h.refundLines("t-1", "rf-1", new RefundLine("GIFT", 1), new RefundLine("SKU-1", 1))
            .get("status"));

        h.rejected(new Commands.Refund(null, "t-1", "rf-2", List.of(new RefundLine("GIFT", 1)), -1),
            ErrorCode.REFUND_EXCEEDS_PURCHASE);
    }
}
