package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;

import java.util.List;

/**
 * Holds the engine to what a benchmark asked of it, after the run and outside the measurement: purchases
 * {@code 0 .. done-1} of a batch are CAPTURED for the right member with exactly the points {@link Purchases}
 * says they redeem and earn, the next one does not exist, every member's balance is its welcome points plus
 * what its purchases earned less what they redeemed (nothing pending, nothing held), and the ledger invariants
 * hold. It reads through the same commands a client would send, so it needs nothing from the engine's inside.
 * Any difference throws {@link IllegalStateException}, which fails the benchmark.
 */
final class PurchaseAudit
{
    private PurchaseAudit()
    {
    }

    /**
     * @param logic     the business logic after the run (for a pipeline: after {@code close()}).
     * @param workload  the members the logic was seeded with.
     * @param purchases the batch the run took purchases from, in order.
     * @param done      how many of them the run applied.
     * @return a one-line summary of what was checked.
     */
    static String check(final BusinessLogic logic, final Workload workload, final Purchases purchases, final int done)
    {
        if (done < 1)
        {
            throw new IllegalStateException("the run applied no purchase");
        }
        final long stamp = logic.engineTimeMillis();
        final long[] expected = new long[workload.memberCount()];
        long earned = 0;
        long redeemed = 0;
        for (int i = 0; i < done; i++)
        {
            final String txId = purchases.txId(i);
            final Reply reply = logic.apply(new Commands.GetPurchase(null, txId), stamp);
            if (reply.errorCode() != null)
            {
                throw new IllegalStateException("purchase " + txId + " (" + i + " of " + done + ") is missing: " +
                    ReplyFields.of(reply));
            }
            final ReplyFields fields = ReplyFields.of(reply);
            final String memberId = Workload.memberId(purchases.member(i));
            if (!"CAPTURED".equals(fields.text("status")) || !memberId.equals(fields.text("memberId")) ||
                fields.number("pointsRedeemed") != purchases.redeem(i) ||
                fields.number("pointsEarned") != purchases.earn(i) || fields.number("total") != purchases.total(i))
            {
                throw new IllegalStateException("purchase " + txId + " should be CAPTURED for " + memberId +
                    " with total " + purchases.total(i) + ", " + purchases.redeem(i) + " points redeemed and " +
                    purchases.earn(i) + " earned: " + fields);
            }
            expected[purchases.member(i)] += purchases.earn(i) - purchases.redeem(i);
            earned += purchases.earn(i);
            redeemed += purchases.redeem(i);
        }
        if (done < purchases.count())
        {
            final Reply next = logic.apply(new Commands.GetPurchase(null, purchases.txId(done)), stamp);
            if (next.errorCode() != ErrorCode.PURCHASE_NOT_FOUND)
            {
                throw new IllegalStateException("purchase " + purchases.txId(done) + " was never sent but exists");
            }
        }
        for (int m = 0; m < workload.memberCount(); m++)
        {
            final Reply reply = logic.apply(new Commands.GetMember(null, MemberRef.byId(Workload.memberId(m))), stamp);
            final ReplyFields fields = ReplyFields.of(reply);
            if (reply.errorCode() != null || fields.number("balance.available") != Workload.INITIAL_POINTS + expected[m] ||
                fields.number("balance.pending") != 0 || fields.number("balance.held") != 0)
            {
                throw new IllegalStateException("member " + Workload.memberId(m) + " should have " +
                    (Workload.INITIAL_POINTS + expected[m]) + " available, none pending or held: " + fields);
            }
        }
        final List<String> violations = logic.checkInvariants();
        if (!violations.isEmpty())
        {
            throw new IllegalStateException("ledger invariants broken: " + violations.subList(0, Math.min(5, violations.size())));
        }
        return "audit: " + done + " purchases CAPTURED as priced (" + earned + " points earned, " + redeemed +
            " redeemed), " + workload.memberCount() + " balances exact, invariants hold";
    }
}
