package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.PurchaseRequest;

import java.util.SplittableRandom;

/**
 * A batch of purchases made by {@link Workload#purchases}: for purchase {@code i} its txId, its member, the
 * request, and the points an independent reckoning says it must redeem and earn. The commands that carry them
 * (authorize, capture, one-shot) are built on first use and kept, so that a benchmark builds them before it
 * measures.
 */
public final class Purchases
{
    private final int count;
    private final String[] txIds;
    private final int[] members;
    private final long[] redeem;
    private final long[] earn;
    private final long[] total;
    private final PurchaseRequest[] requests;
    private Commands.Authorize[] authorizes;
    private Commands.Capture[] captures;
    private Commands.OneShot[] oneShots;

    Purchases(final Workload workload, final int count, final long seed, final String prefix)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        this.count = count;
        txIds = new String[count];
        members = new int[count];
        redeem = new long[count];
        earn = new long[count];
        total = new long[count];
        requests = new PurchaseRequest[count];
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] figures = new long[3];
        for (int i = 0; i < count; i++)
        {
            txIds[i] = prefix + "-" + i;
            members[i] = random.nextInt(workload.memberCount());
            requests[i] = workload.request(random, txIds[i], members[i], i, figures);
            redeem[i] = figures[0];
            earn[i] = figures[1];
            total[i] = figures[2];
        }
    }

    /** How many purchases there are. */
    public int count()
    {
        return count;
    }

    /** The txId of purchase {@code i}. */
    public String txId(final int i)
    {
        return txIds[i];
    }

    /** The index (in {@link Workload}) of the member of purchase {@code i}. */
    public int member(final int i)
    {
        return members[i];
    }

    /** The points purchase {@code i} redeems. */
    public long redeem(final int i)
    {
        return redeem[i];
    }

    /** The points purchase {@code i} must earn. */
    public long earn(final int i)
    {
        return earn[i];
    }

    /** The cheque total of purchase {@code i}, in minor units. */
    public long total(final int i)
    {
        return total[i];
    }

    /** {@code POST /v1/purchases/authorize} of every purchase, by index. */
    public Commands.Authorize[] authorizes()
    {
        if (authorizes == null)
        {
            authorizes = new Commands.Authorize[count];
            for (int i = 0; i < count; i++)
            {
                authorizes[i] = new Commands.Authorize(null, requests[i]);
            }
        }
        return authorizes;
    }

    /** {@code POST /v1/purchases/{txId}/capture} of every purchase, by index. */
    public Commands.Capture[] captures()
    {
        if (captures == null)
        {
            captures = new Commands.Capture[count];
            for (int i = 0; i < count; i++)
            {
                captures[i] = new Commands.Capture(null, txIds[i]);
            }
        }
        return captures;
    }

    /** {@code POST /v1/purchases} (one-shot) of every purchase, by index. */
    public Commands.OneShot[] oneShots()
    {
        if (oneShots == null)
        {
            oneShots = new Commands.OneShot[count];
            for (int i = 0; i < count; i++)
            {
                oneShots[i] = new Commands.OneShot(null, requests[i]);
            }
        }
        return oneShots;
    }
}
