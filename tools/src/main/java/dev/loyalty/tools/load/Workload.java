package dev.loyalty.tools.load;

import java.util.ArrayList;
import java.util.SplittableRandom;

/**
 * Makes one connection's requests: an operation drawn from the {@link Mix}, a member drawn uniformly from the
 * seeded population and named by card ({@link MemberNumbers}), a cheque of 1 to 5 lines with distinct SKUs
 * (5.00 to 200.00, quantity 1 to 3) and, in {@code redeemPercent} of the cheques that pay with points, 10 to 100
 * points within the program's cap. Follow-ups: a capture after each authorization that was granted; one-shots
 * that were captured are remembered (the last {@link #REMEMBERED}) so that a later refund gives back one of their
 * lines. Deterministic for a given seed; used by one thread only.
 */
final class Workload
{
    /** One-shot purchases remembered for refunds. */
    static final int REMEMBERED = 4096;
    private static final String[] CATEGORIES = {"coffee", "bakery", "dairy", "produce", "household"};
    private static final int SKUS = 10_000;

    private final Mix mix;
    private final MemberNumbers numbers;
    private final long firstMember;
    private final long members;
    private final int redeemPercent;
    private final long pointValueMinor;
    private final long maxRedeemShareBp;
    private final String txPrefix;
    private final SplittableRandom random;
    private final ArrayList<Request> refundable = new ArrayList<>();
    private long counter;

    /**
     * @param txPrefix the start of every txId of this connection; unique per run and connection.
     */
    Workload(
        final Mix mix, final MemberNumbers numbers, final long firstMember, final long members,
        final int redeemPercent, final long pointValueMinor, final long maxRedeemShareBp, final String txPrefix,
        final long seed)
    {
        this.mix = mix;
        this.numbers = numbers;
        this.firstMember = firstMember;
        this.members = members;
        this.redeemPercent = redeemPercent;
        this.pointValueMinor = pointValueMinor;
        this.maxRedeemShareBp = maxRedeemShareBp;
        this.txPrefix = txPrefix;
        this.random = new SplittableRandom(seed);
    }

    /** The first request of a new flow. */
    Request next()
    {
        final Mix.Operation op = mix.pick(random.nextInt(mix.total()));
        return switch (op)
        {
            case AUTHORIZE_CAPTURE -> purchase(RequestType.AUTHORIZE);
            case ONE_SHOT -> purchase(RequestType.ONE_SHOT);
            case CALCULATE -> purchase(RequestType.CALCULATE);
            case REFUND -> refundable.isEmpty() ? purchase(RequestType.ONE_SHOT) : refund();
            case LOOKUP ->
            {
                final Request r = new Request(RequestType.LOOKUP);
                r.card = numbers.card(member());
                yield r;
            }
        };
    }

    /** The request that continues a flow after {@code done} was answered, or null when the flow is over. */
    Request followUp(final Request done, final Answer answer, final boolean valid)
    {
        if (!valid || !answer.ok())
        {
            return null;
        }
        if (done.type == RequestType.AUTHORIZE)
        {
            final Request capture = new Request(RequestType.CAPTURE);
            capture.txId = done.txId;
            capture.expectedPointsRedeemed = answer.pointsRedeemed;
            capture.expectedPointsEarned = answer.pointsToEarn;
            return capture;
        }
        if (done.type == RequestType.ONE_SHOT && mix.has(Mix.Operation.REFUND))
        {
            if (refundable.size() == REMEMBERED)
            {
                refundable.set(random.nextInt(REMEMBERED), done);
            }
            else
            {
                refundable.add(done);
            }
        }
        return null;
    }

    private Request purchase(final RequestType type)
    {
        final Request r = new Request(type);
        if (type != RequestType.CALCULATE)
        {
            r.txId = txPrefix + Long.toString(++counter, 36);
        }
        r.card = numbers.card(member());
        final int count = 1 + random.nextInt(5);
        r.lines = new Line[count];
        final int firstSku = random.nextInt(SKUS);
        final int stride = 1 + random.nextInt(SKUS / 8);
        for (int i = 0; i < count; i++)
        {
            final int sku = (firstSku + i * stride) % SKUS;
            r.lines[i] = new Line("SKU-" + sku, CATEGORIES[sku % CATEGORIES.length],
                1 + random.nextInt(3), 500 + random.nextInt(19_501));
        }
        if (redeemPercent > 0 && random.nextInt(100) < redeemPercent)
        {
            final long cap = r.total() * maxRedeemShareBp / 10_000 / pointValueMinor;
            r.redeemPoints = Math.min(cap, 10 + random.nextInt(91));
        }
        return r;
    }

    private Request refund()
    {
        final int i = random.nextInt(refundable.size());
        final Request bought = refundable.get(i);
        refundable.set(i, refundable.get(refundable.size() - 1));
        refundable.remove(refundable.size() - 1);
        final Line line = bought.lines[0];
        final Request r = new Request(RequestType.REFUND);
        r.txId = bought.txId;
        r.refundId = bought.txId + "-r";
        r.refundSku = line.sku();
        r.refundQty = line.qty();
        r.refundAmount = line.amount();
        r.refundsAll = bought.lines.length == 1;
        return r;
    }

    private long member()
    {
        return firstMember + random.nextLong(members);
    }
}
