package dev.loyalty.benchmarks;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.command.TierLevel;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.rank.RankedSet;
import dev.loyalty.engine.reply.Reply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Leaderboard reads and writes at 10,000,000 members, and the cost of a capture that changes a tier.
 * <p>
 * {@link Board}: the {@link RankedSet} every leaderboard keeps (the engine's order-statistics treap), filled with
 * 10,000,000 members whose values are drawn from a seed over 0..1,000,000 (so about ten members share each
 * value: ties everywhere). {@link #top10} reads the first ten entries with their values and competition ranks,
 * as {@code GET /v1/leaderboards/{id}?limit=10} does; {@link #rankOfMember} is one member's rank and value
 * ({@code GET /v1/leaderboards/{id}/members/{memberId}}); {@link #update} changes one member's value, as a
 * capture does. Members are picked from a precomputed random sequence. Setup checks the top against a scan of
 * every value; teardown checks the top, the size and 200 random ranks against a full scan again, so that a
 * broken structure cannot give a fast figure. Setup prints how many nodes a rank visits (the tree's depth), the
 * work of a read whatever the machine's load.
 * <p>
 * {@link Tiers}: a real {@link BusinessLogic} with a SPEND tier program (base 0, silver 3,000,000) and 10,000
 * members. {@link #captureThatChangesATier} is a one-shot purchase of 30,000.00 that lifts a member from base to
 * silver plus the refund of all of it that drops the member back: two journaled commands, each changing a
 * tier, each recording it in the tier history and updating the member's day-bucket window. With
 * {@code tiers=false} the same two commands run without a tier program: the difference is what tiers cost.
 * The business logic is rebuilt every iteration so the purchases it keeps do not pile up. Not included: the
 * ring, the journal, the gateway, JSON.
 * <p>
 * The fork asks for transparent huge pages: a board of 10,000,000 members is 320 MB, and a rank's 30 or so
 * random reads each miss the TLB with 4 KiB pages (about twice as slow, measured in the first edition). An
 * engine with millions of members should run with {@code JAVA_OPTS='-XX:+UseTransparentHugePages'} too.
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar LeaderboardBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LeaderboardBenchmark
{
    static final int MEMBERS = 10_000_000;
    static final int MAX_VALUE = 1_000_000;
    static final int PICKS = 1 << 20;

    /** A board of {@link #MEMBERS} members, and the sequence of members the operations pick. */
    @State(Scope.Thread)
    public static class Board
    {
        final RankedSet ranks = new RankedSet(MEMBERS + 1);
        final long[] values = new long[MEMBERS + 1];
        final int[] picks = new int[PICKS];
        final long[] deltas = new long[PICKS];
        int next;

        @Setup(Level.Trial)
        public void fill()
        {
            final SplittableRandom random = new SplittableRandom(20261201L);
            for (int id = 1; id <= MEMBERS; id++)
            {
                values[id] = 1 + random.nextInt(MAX_VALUE);
                ranks.set(id, values[id]);
            }
            for (int i = 0; i < PICKS; i++)
            {
                picks[i] = 1 + random.nextInt(MEMBERS);
                deltas[i] = random.nextInt(2) == 0 ? 1 + random.nextInt(500) : -1 - random.nextInt(500);
            }
            check(ranks, values, new SplittableRandom(1));
            long depths = 0;
            int deepest = 0;
            for (int i = 0; i < PICKS; i++)
            {
                final int depth = ranks.depth(picks[i]);
                depths += depth;
                deepest = Math.max(deepest, depth);
            }
            System.out.println("board of " + ranks.size() + " members: a rank visits " + (double)depths / PICKS +
                " nodes on average, " + deepest + " at most; the top entry's depth is " + ranks.depth(ranks.idAt(0)));
        }

        @TearDown(Level.Trial)
        public void verify()
        {
            check(ranks, values, new SplittableRandom(2));
        }

        int pick()
        {
            final int i = next;
            next = (i + 1) & (PICKS - 1);
            return i;
        }
    }

    /** The top ten against a scan, the size, and the ranks of 200 random members against a full count. */
    static void check(final RankedSet ranks, final long[] values, final SplittableRandom random)
    {
        if (ranks.size() != MEMBERS)
        {
            throw new IllegalStateException("size " + ranks.size());
        }
        long best = 0;
        for (int id = 1; id <= MEMBERS; id++)
        {
            best = Math.max(best, values[id]);
        }
        if (ranks.value(ranks.idAt(0)) != best || ranks.rank(ranks.idAt(0)) != 1)
        {
            throw new IllegalStateException("top is " + ranks.value(ranks.idAt(0)) + ", the scan says " + best);
        }
        for (int i = 1; i < 10; i++)
        {
            if (ranks.value(ranks.idAt(i)) > ranks.value(ranks.idAt(i - 1)))
            {
                throw new IllegalStateException("entry " + i + " is above entry " + (i - 1));
            }
        }
        final int[] sample = new int[200];
        final long[] above = new long[sample.length];
        for (int k = 0; k < sample.length; k++)
        {
            sample[k] = 1 + random.nextInt(MEMBERS);
        }
        for (int id = 1; id <= MEMBERS; id++)
        {
            for (int k = 0; k < sample.length; k++)
            {
                if (values[id] > values[sample[k]])
                {
                    above[k]++;
                }
            }
        }
        for (int k = 0; k < sample.length; k++)
        {
            if (ranks.rank(sample[k]) != above[k] + 1 || ranks.value(sample[k]) != values[sample[k]])
            {
                throw new IllegalStateException("member " + sample[k] + " ranks " + ranks.rank(sample[k]) +
                    ", a count says " + (above[k] + 1));
            }
        }
    }

    @Benchmark
    public void top10(final Board b, final Blackhole bh)
    {
        final RankedSet ranks = b.ranks;
        long rank = 0;
        long previous = -1;
        for (int i = 0; i < 10; i++)
        {
            final int id = ranks.idAt(i);
            final long value = ranks.value(id);
            if (value != previous)
            {
                rank = i + 1;
                previous = value;
            }
            bh.consume(id);
            bh.consume(value);
            bh.consume(rank);
        }
    }

    @Benchmark
    public long rankOfMember(final Board b)
    {
        final int id = b.picks[b.pick()];
        return b.ranks.rank(id) + b.ranks.value(id);
    }

    @Benchmark
    public long update(final Board b)
    {
        final int i = b.pick();
        final int id = b.picks[i];
        final long value = Math.max(1, b.values[id] + b.deltas[i]);
        b.values[id] = value;
        b.ranks.set(id, value);
        return value;
    }

    /** A business logic with {@code members} members, and a SPEND tier program when {@code tiers}. */
    @State(Scope.Thread)
    public static class Tiers
    {
        static final int TIER_MEMBERS = 10_000;

        @Param({"true", "false"})
        public boolean tiers;

        BusinessLogic logic;
        long stamp;
        long tx;
        int member;

        @Setup(Level.Iteration)
        public void build()
        {
            logic = new BusinessLogic(new ApiKeys());
            stamp = 1_796_000_000_000L;
            apply(new Commands.SetProgram("p", 100, 500, EarnOn.PAID, 0, 365, 3000, 900, 300, 100));
            if (tiers)
            {
                apply(new GamificationCommands.PutTiers("t", TierBasis.SPEND, 365,
                    List.of(new TierLevel("base", 0), new TierLevel("silver", 3_000_000))));
            }
            for (int i = 1; i <= TIER_MEMBERS; i++)
            {
                apply(new Commands.CreateMember("m" + i, null, List.of(new Identifier(IdentifierType.CARD, "c" + i)),
                    null, null, Map.of()));
            }
        }

        @TearDown(Level.Iteration)
        public void verify()
        {
            final List<String> violations = logic.checkInvariants();
            if (!violations.isEmpty())
            {
                throw new IllegalStateException(violations.toString());
            }
            final SilverCounter counter = new SilverCounter();
            logic.apply(new Commands.GetMember(null, MemberRef.byId("m_1")), stamp).writeTo(counter);
            if ((counter.silver > 0) != tiers)
            {
                throw new IllegalStateException("member m_1 was silver " + counter.silver + " times, tiers " + tiers);
            }
        }

        Reply apply(final dev.loyalty.engine.command.Command c)
        {
            final Reply reply = logic.apply(c, stamp++);
            if (reply.errorCode() != null)
            {
                throw new IllegalStateException(c + " was rejected");
            }
            return reply;
        }
    }

    /** Counts the {@code "tier":"silver"} fields of a profile: its tier history when the tiers changed. */
    static final class SilverCounter implements dev.loyalty.engine.reply.ReplyWriter
    {
        int silver;

        public void startObject()
        {
        }

        public void startObject(final String name)
        {
        }

        public void endObject()
        {
        }

        public void startArray(final String name)
        {
        }

        public void endArray()
        {
        }

        public void field(final String name, final long value)
        {
        }

        public void field(final String name, final String value)
        {
            silver += "tier".equals(name) && "silver".equals(value) ? 1 : 0;
        }

        public void field(final String name, final boolean value)
        {
        }

        public void nullField(final String name)
        {
        }

        public void value(final long value)
        {
        }

        public void value(final String value)
        {
        }
    }

    @Benchmark
    public Reply captureThatChangesATier(final Tiers t)
    {
        final int m = 1 + (t.member++ % Tiers.TIER_MEMBERS);
        final String txId = "tx" + (++t.tx);
        t.apply(new Commands.OneShot(null, new PurchaseRequest(txId, "web", MemberRef.byId("m_" + Long.toString(m, 36)),
            null, "CARD", List.of(new Line("A", "c", 1, 3_000_000)), 0, false, List.of())));
        return t.apply(new Commands.Refund(null, txId, "rf" + t.tx, List.of(), 3_000_000));
    }
}
