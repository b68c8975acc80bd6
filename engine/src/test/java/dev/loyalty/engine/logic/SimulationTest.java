package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.journal.CommandCodec;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.Journal;
import dev.loyalty.engine.reply.Reply;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deterministic simulation in the manner of FoundationDB's and TigerBeetle's: for each seed a random stream of
 * every command (members, identifiers, merges, adjustments, authorize / capture / void / one-shot / refund,
 * calculate, reads, keys, program changes, activities, and in every third seed promotions and coupons; with
 * re-sends, conflicting re-uses of keys, stamps that jump days ahead or step back, holds that time out, points
 * that activate and expire, refunds after redemption) runs against the {@link BusinessLogic} and against the
 * independent {@link ReferenceModel}. After every command the two agree on the answer (status, error code,
 * figures, balances) and on every member's buckets, and {@link BusinessLogic#checkInvariants()} holds. Twice a
 * seed, at random commands, the engine "crashes": memory is dropped, the last 0-2 commands are lost as unacknowledged, and a fresh
 * engine replays the journal's prefix (each command through its journal encoding; every 50th seed through a
 * real Chronicle journal on disk); its digest must equal the live engine's at that prefix, the model is rebuilt
 * from the same prefix, the two are compared ledger entry by ledger entry, and the run goes on on the
 * recovered engine; at the end of the seed every ledger and purchase is compared again. A failure names the seed: {@code -Dloyalty.simulation.seed=N}
 * runs that one alone.
 *
 * <p>In CI: {@value #DEFAULT_SEEDS} seeds of {@value #DEFAULT_COMMANDS} commands, on two threads;
 * {@code -Dloyalty.simulation.seeds} and {@code -Dloyalty.simulation.commands} run more.
 */
class SimulationTest
{
    static final int DEFAULT_SEEDS = 1000;
    static final int DEFAULT_COMMANDS = 1000;
    private static final int MAX_OPEN_HOLDS = 4;
    private static final long T0 = Harness.T0;
    private static final String[] ACTIVITIES = {"REVIEW", "APP_INSTALL", "QUIZ_WON"};

    @TempDir
    Path dir;

    /** A journaled command as the journal keeps it, with the answer the live engine gave. */
    private record Journaled(byte[] encoded, Command command, long stamp, Map<String, Object> answer, int status)
    {
    }

    /** What one seed did, for the figures. */
    record Outcome(long commands, long crashes, long captured, long refunded, long expiredHolds, long expiredLots,
        long rejected)
    {
    }

    @Test
    void shouldAgreeWithTheReferenceModelAndKeepTheInvariantsAcrossSeedsAndCrashes() throws Exception
    {
        final String only = System.getProperty("loyalty.simulation.seed");
        final int seeds = Integer.getInteger("loyalty.simulation.seeds", DEFAULT_SEEDS);
        final int commands = Integer.getInteger("loyalty.simulation.commands", DEFAULT_COMMANDS);
        final long startNs = System.nanoTime();
        final List<Long> toRun = new ArrayList<>();
        if (only != null)
        {
            toRun.add(Long.parseLong(only));
        }
        else
        {
            for (long s = 1; s <= seeds; s++)
            {
                toRun.add(s);
            }
        }
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        final List<Future<Outcome>> futures = new ArrayList<>();
        for (final long seed : toRun)
        {
            futures.add(pool.submit(() -> runSeed(seed, commands, dir.resolve("seed-" + seed))));
        }
        pool.shutdown();
        long total = 0;
        long crashes = 0;
        long captured = 0;
        long refunded = 0;
        long expiredHolds = 0;
        long expiredLots = 0;
        long rejected = 0;
        AssertionError first = null;
        for (int i = 0; i < futures.size(); i++)
        {
            try
            {
                final Outcome o = futures.get(i).get(30, TimeUnit.MINUTES);
                total += o.commands();
                crashes += o.crashes();
                captured += o.captured();
                refunded += o.refunded();
                expiredHolds += o.expiredHolds();
                expiredLots += o.expiredLots();
                rejected += o.rejected();
            }
            catch (final java.util.concurrent.ExecutionException ex)
            {
                if (first == null)
                {
                    first = ex.getCause() instanceof AssertionError a ? a : new AssertionError(ex.getCause());
                }
            }
        }
        if (first != null)
        {
            throw first;
        }
        System.out.printf("simulation: %d seeds x %d commands = %d commands, %d crashes replayed; %d purchases " +
            "captured, %d refunds, %d holds timed out, %d lot expiries, %d rejections; %d ms%n",
            toRun.size(), commands, total, crashes, captured, refunded, expiredHolds, expiredLots, rejected,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        assertTrue(captured > toRun.size() * 20L, "the streams capture purchases: " + captured);
        assertTrue(refunded > toRun.size() * 10L, "the streams refund: " + refunded);
        assertTrue(expiredHolds > 0 && expiredLots > 0, "holds time out and lots expire");
    }

    private static Outcome runSeed(final long seed, final int commands, final Path journalDir)
    {
        try
        {
            return new Run(seed, commands, journalDir).go();
        }
        catch (final AssertionError | RuntimeException e)
        {
            final AssertionError named = new AssertionError(
                "seed " + seed + " failed (reproduce: mvn -pl engine test -Dtest=SimulationTest " +
                "-Dloyalty.simulation.seed=" + seed + "): " + e.getMessage(), e);
            throw named;
        }
    }

    /** One seed's run: the generator, the engine, the model and the journal. */
    private static final class Run
    {
        private final long seed;
        private final int commands;
        private final Path journalDir;
        private final Random r;
        private final boolean promotions;
        private final CommandCodec codec = new CommandCodec();
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        private final List<Journaled> journal = new ArrayList<>();
        private final ArrayDeque<long[]> recentJournalSizes = new ArrayDeque<>();
        private final ArrayDeque<String> recentDigests = new ArrayDeque<>();
        private final List<Command> sent = new ArrayList<>();
        private final List<String> txIds = new ArrayList<>();
        private final List<String> authorized = new ArrayList<>();
        private final List<String> bought = new ArrayList<>();
        private final List<String> refundIds = new ArrayList<>();
        private final List<String> referralCodes = new ArrayList<>();
        private final List<String> keyIds = new ArrayList<>();
        private BusinessLogic logic;
        private ReferenceModel model;
        private long stamp = T0;
        private int cards;
        private int req;
        private int coupons;
        private int crashes;
        private long rejected;

        Run(final long seed, final int commands, final Path journalDir)
        {
            this.seed = seed;
            this.commands = commands;
            this.journalDir = journalDir;
            this.r = new Random(seed * 0x9E3779B97F4A7C15L);
            this.promotions = seed % 3 == 0;
            this.logic = new BusinessLogic(new ApiKeys(), MAX_OPEN_HOLDS);
            this.model = new ReferenceModel(promotions, MAX_OPEN_HOLDS);
        }

        Outcome go()
        {
            step(new Commands.PutPartner("setup-p2", "p2", "Second partner"), 0);
            step(new Commands.PutStore("setup-s2", "s2", "p2", Channel.POS, Map.of()), 0);
            final int crashA = 1 + r.nextInt(commands);
            final int crashB = 1 + r.nextInt(commands);
            final int dropA = r.nextInt(3);
            final int dropB = r.nextInt(3);
            for (int i = 0; i < commands; i++)
            {
                final Command c = next();
                step(c, i);
                if (i == crashA || i == crashB)
                {
                    crash(i == crashA ? dropA : dropB, i);
                }
                else if (i + 3 >= crashA && i < crashA || i + 3 >= crashB && i < crashB)
                {
                    rememberDigest();
                }
            }
            model.compareState(logic, true);
            long captured = 0;
            long refunded = 0;
            long expiredHolds = 0;
            for (final Purchase p : logic.purchases().values())
            {
                captured += p.status.captured() ? 1 : 0;
                refunded += p.refundedAmount() > 0 ? 1 : 0;
                expiredHolds += p.status == PurchaseStatus.EXPIRED ? 1 : 0;
            }
            long expiredLots = 0;
            for (final Member m : logic.members().values())
            {
                for (final LedgerEntry e : m.ledger)
                {
                    expiredLots += e.type() == LedgerType.EXPIRE ? 1 : 0;
                }
            }
            return new Outcome(commands, crashes, captured, refunded, expiredHolds, expiredLots, rejected);
        }

        private void step(final Command c, final int i)
        {
            final long at = stamp;
            final Reply reply = logic.apply(c, at);
            final Map<String, Object> tree = TreeWriter.render(reply);
            rejected += reply.errorCode() != null ? 1 : 0;
            try
            {
                model.apply(c, at, tree, reply.httpStatus());
                model.compareState(logic, false);
            }
            catch (final AssertionError e)
            {
                throw new AssertionError("command " + i + " " + c + " at " + at + ": " + e.getMessage(), e);
            }
            final List<String> violations = logic.checkInvariants();
            if (!violations.isEmpty())
            {
                throw new AssertionError("command " + i + " " + c + " broke the invariants: " + violations);
            }
            if (c.type().journaled())
            {
                final int length = codec.encode(c, buffer, 0);
                final byte[] bytes = new byte[length];
                buffer.getBytes(0, bytes);
                journal.add(new Journaled(bytes, c, at, tree, reply.httpStatus()));
            }
            if (c.type() == dev.loyalty.engine.command.CommandType.CREATE_MEMBER && reply.httpStatus() == 201 &&
                !referralCodes.contains((String)tree.get("referralCode")))
            {
                referralCodes.add((String)tree.get("referralCode"));
            }
            if (reply.httpStatus() == 200 && (c instanceof Commands.Authorize || c instanceof Commands.OneShot))
            {
                final String txId = (String)tree.get("txId");
                if (!bought.contains(txId))
                {
                    bought.add(txId);
                    if (c instanceof Commands.Authorize)
                    {
                        authorized.add(txId);
                    }
                }
            }
            sent.add(c);
            advanceStamp();
        }

        private void rememberDigest()
        {
            recentJournalSizes.addLast(new long[] {journal.size()});
            recentDigests.addLast(logic.stateDigest());
            if (recentDigests.size() > 4)
            {
                recentJournalSizes.removeFirst();
                recentDigests.removeFirst();
            }
        }

        /**
         * Drops the engine and the model, loses the last {@code drop} journaled commands (they were never
         * acknowledged), and recovers both from the rest of the journal.
         */
        private void crash(final int drop, final int i)
        {
            String expected = logic.stateDigest();
            int keep = journal.size();
            if (drop > 0)
            {
                final long[][] sizes = recentJournalSizes.toArray(new long[0][]);
                final String[] digests = recentDigests.toArray(new String[0]);
                for (int k = sizes.length - 1; k >= 0; k--)
                {
                    if (sizes[k][0] <= journal.size() - drop)
                    {
                        keep = (int)sizes[k][0];
                        expected = digests[k];
                        break;
                    }
                }
            }
            recentJournalSizes.clear();
            recentDigests.clear();
            final List<Journaled> prefix = new ArrayList<>(journal.subList(0, keep));
            final BusinessLogic recovered = seed % 50 == 0 ? replayFromDisk(prefix, i) : replayEncoded(prefix);
            assertEquals(expected, recovered.stateDigest(),
                "the engine recovered from " + keep + " journaled commands differs from the live one at that point");
            assertEquals(List.of(), recovered.checkInvariants());
            if (keep < journal.size())
            {
                final ReferenceModel rebuilt = new ReferenceModel(promotions, MAX_OPEN_HOLDS);
                for (final Journaled j : prefix)
                {
                    rebuilt.apply(j.command(), j.stamp(), j.answer(), j.status());
                }
                model = rebuilt;
            }
            model.compareState(recovered, true);
            logic = recovered;
            journal.clear();
            journal.addAll(prefix);
            crashes++;
        }

        private BusinessLogic replayEncoded(final List<Journaled> prefix)
        {
            final BusinessLogic fresh = new BusinessLogic(new ApiKeys(), MAX_OPEN_HOLDS);
            final CommandCodec decoder = new CommandCodec();
            for (final Journaled j : prefix)
            {
                fresh.apply(decoder.decode(new UnsafeBuffer(j.encoded()), 0, j.encoded().length), j.stamp());
            }
            return fresh;
        }

        private BusinessLogic replayFromDisk(final List<Journaled> prefix, final int i)
        {
            final Path at = journalDir.resolve("crash-" + i);
            try (Journal written = Journal.open(at, Durability.ASYNC))
            {
                for (final Journaled j : prefix)
                {
                    written.append(j.command(), j.stamp());
                }
                written.endOfBatch();
            }
            final BusinessLogic fresh = new BusinessLogic(new ApiKeys(), MAX_OPEN_HOLDS);
            try (Journal reopened = Journal.open(at, Durability.ASYNC))
            {
                final long records = reopened.replay(0, (sequence, stampMillis, command) -> fresh.apply(command, stampMillis));
                assertEquals(prefix.size(), records, "records replayed from disk");
            }
            return fresh;
        }

        // ---------------------------------------------------------------------------------------------------
        // The generator
        // ---------------------------------------------------------------------------------------------------

        private void advanceStamp()
        {
            final int jump = r.nextInt(100);
            if (jump < 2)
            {
                stamp += r.nextInt(40) * ReferenceModel.DAY + r.nextInt(1000);
            }
            else if (jump < 7)
            {
                stamp -= r.nextInt(5_000);
            }
            else if (jump < 12)
            {
                stamp += r.nextInt(4 * 3600) * 1000L;
            }
            else if (jump < 20)
            {
                stamp += 0;
            }
            else
            {
                stamp += r.nextInt(120_000);
            }
        }

        private int members()
        {
            return model.members.size();
        }

        private String someMember()
        {
            return members() == 0 ? "m_zz" : "m_" + Long.toString(1 + r.nextInt(members()), 36);
        }

        private MemberRef someRef()
        {
            if (cards > 0 && r.nextInt(4) == 0)
            {
                return MemberRef.byIdentifier(IdentifierType.CARD, "c" + (1 + r.nextInt(cards)));
            }
            return MemberRef.byId(someMember());
        }

        private String scope()
        {
            return r.nextInt(10) == 0 ? "p2" : null;
        }

        private String rid(final String prefix)
        {
            return prefix + (++req);
        }

        /** Mostly one of the latest of {@code recent}, sometimes any txId sent. */
        private String someTx(final List<String> recent)
        {
            if (recent.isEmpty() || r.nextInt(6) == 0)
            {
                return pick(txIds);
            }
            return recent.get(Math.max(0, recent.size() - 1 - r.nextInt(Math.min(recent.size(), 12))));
        }

        private <T> T pick(final List<T> list)
        {
            return list.get(r.nextInt(list.size()));
        }

        private Command next()
        {
            if (members() == 0)
            {
                return createMember();
            }
            final int roll = r.nextInt(100);
            if (promotions && roll < 4)
            {
                return promotion();
            }
            if (promotions && roll < 6)
            {
                final List<String> codes = new ArrayList<>();
                for (int k = 1 + r.nextInt(3); k > 0; k--)
                {
                    codes.add("K" + (++coupons));
                }
                return new Commands.CreateCoupons(rid("c"), "p" + r.nextInt(5), codes, false, r.nextInt(3));
            }
            if (promotions && roll < 7)
            {
                return r.nextBoolean() ? new Commands.ListPromotions() : new Commands.GetPromotion("p" + r.nextInt(6));
            }
            final int kind = r.nextInt(100);
            if (kind < 4)
            {
                return new Commands.Tick();
            }
            if (kind < 10)
            {
                return createMember();
            }
            if (kind < 12)
            {
                final boolean taken = r.nextInt(4) == 0 && cards > 0;
                return new Commands.AddIdentifier(rid("i"), scope(), someMember(),
                    new Identifier(taken ? IdentifierType.CARD : IdentifierType.EMAIL,
                        taken ? "c" + (1 + r.nextInt(cards)) : "e" + (++req) + "@x"));
            }
            if (kind < 13)
            {
                return new Commands.MergeMembers(rid("mg"), someMember(), someMember());
            }
            if (kind < 22)
            {
                final long points = r.nextInt(6) == 0 ? -(1 + r.nextInt(400)) : r.nextInt(40) == 0 ? 0 : 1 + r.nextInt(600);
                return new Commands.AdjustPoints(rid("a"), someMember(), points, "sim");
            }
            if (kind < 40)
            {
                final String txId = "t" + (++req);
                txIds.add(txId);
                final String scope = scope();
                return new Commands.Authorize(scope, request(txId, scope));
            }
            if (kind < 52 && !txIds.isEmpty())
            {
                return new Commands.Capture(scope(), someTx(authorized));
            }
            if (kind < 57 && !txIds.isEmpty())
            {
                return new Commands.VoidPurchase(scope(), someTx(authorized));
            }
            if (kind < 66)
            {
                final String txId = "t" + (++req);
                txIds.add(txId);
                final String scope = scope();
                return new Commands.OneShot(scope, request(txId, scope));
            }
            if (kind < 76 && !txIds.isEmpty())
            {
                final String refundId = rid("rf");
                refundIds.add(refundId);
                return refund(someTx(bought), refundId);
            }
            if (kind < 78)
            {
                return program();
            }
            if (kind < 81)
            {
                final String scope = scope();
                return new Commands.RecordActivity(rid("ac"), scope, someRef(), ACTIVITIES[r.nextInt(ACTIVITIES.length)],
                    scope != null ? "s2" : r.nextBoolean() ? "app" : "web", occurredAt(), Map.of());
            }
            if (kind < 82)
            {
                if (keyIds.isEmpty() || r.nextBoolean())
                {
                    final String keyId = "key_" + (++req);
                    keyIds.add(keyId);
                    return new Commands.CreateKey(rid("k"), keyId, r.nextBoolean() ? KeyRole.POS : KeyRole.ADMIN,
                        r.nextBoolean() ? "p2" : "main", "hash" + req);
                }
                return new Commands.RevokeKey(r.nextInt(5) == 0 ? "key_none" : pick(keyIds));
            }
            if (kind < 90)
            {
                final String scope = scope();
                return switch (r.nextInt(7))
                {
                    case 0, 1 -> new Commands.GetMember(scope, someRef());
                    case 2 -> new Commands.GetLedger(scope, someMember(), r.nextInt(50) == 0 ? 0 : 1 + r.nextInt(30), -1);
                    case 3 -> new Commands.GetPurchase(scope, txIds.isEmpty() ? "t0" : pick(txIds));
                    case 4 -> new Commands.Calculate(scope, request(null, scope));
                    case 5 -> r.nextBoolean() ? new Commands.GetStore(scope, r.nextBoolean() ? "s2" : "web") :
                        new Commands.GetPartner(r.nextBoolean() ? "p2" : "p9");
                    default -> new Commands.GetProgram();
                };
            }
            if (kind < 96)
            {
                return pick(sent);
            }
            return conflicting();
        }

        /** A key used before with another body: the logic must answer 409 IDEMPOTENCY_CONFLICT and change nothing. */
        private Command conflicting()
        {
            return switch (r.nextInt(3))
            {
                case 0 -> new Commands.AdjustPoints("a" + (1 + r.nextInt(Math.max(1, req))), someMember(),
                    1 + r.nextInt(9), "again");
                case 1 -> txIds.isEmpty() ? new Commands.Tick() : new Commands.Authorize(null, request(pick(txIds), null));
                default -> refundIds.isEmpty() || txIds.isEmpty() ? new Commands.Tick() :
                    refund(pick(txIds), pick(refundIds));
            };
        }

        private Command createMember()
        {
            final String card;
            if (cards > 0 && r.nextInt(10) == 0)
            {
                card = "c" + (1 + r.nextInt(cards));
            }
            else
            {
                card = "c" + (++cards);
            }
            final List<Identifier> ids = new ArrayList<>();
            ids.add(new Identifier(IdentifierType.CARD, card));
            if (r.nextInt(30) == 0)
            {
                ids.add(new Identifier(IdentifierType.CARD, card));
            }
            final String referrer = !referralCodes.isEmpty() && r.nextInt(5) == 0 ?
                (r.nextInt(6) == 0 ? "NOSUCHCD" : pick(referralCodes)) : null;
            final String birthday = r.nextInt(8) == 0 ? (r.nextInt(5) == 0 ? "1990-02-30" : "1990-05-01") : null;
            return new Commands.CreateMember(rid("m"), r.nextInt(8) == 0 ? "p2" : null, ids, birthday, referrer,
                Map.of("segment", "v" + r.nextInt(2)));
        }

        private Command program()
        {
            return new Commands.SetProgram(rid("p"), 1 + r.nextInt(200),
                r.nextInt(30) == 0 ? 100_001 : r.nextInt(2_000), r.nextBoolean() ? EarnOn.PAID : EarnOn.TOTAL,
                r.nextInt(3) == 0 ? 1 + r.nextInt(48) : 0, 1 + r.nextInt(30), r.nextInt(10_001),
                60 + r.nextInt(3_600), 300, 100);
        }

        private String occurredAt()
        {
            if (r.nextInt(3) == 0)
            {
                return null;
            }
            if (r.nextInt(50) == 0)
            {
                return "yesterday";
            }
            return "2026-12-0" + (1 + r.nextInt(9)) + "T" + (10 + r.nextInt(14)) + ":" + (10 + r.nextInt(50)) + ":00" +
                (r.nextBoolean() ? "+03:00" : "Z");
        }

        private PurchaseRequest request(final String txId, final String scope)
        {
            final List<Line> lines = new ArrayList<>();
            final int n = r.nextInt(60) == 0 ? 0 : 1 + r.nextInt(3);
            for (int i = 0; i < n; i++)
            {
                final int priceRoll = r.nextInt(40);
                final long unitPrice = priceRoll == 0 ? 0 : priceRoll == 1 ? -1 : r.nextInt(60_000);
                lines.add(new Line("S" + r.nextInt(3), r.nextBoolean() ? null : "c" + r.nextInt(2),
                    r.nextInt(80) == 0 ? 0 : 1 + r.nextInt(3), unitPrice));
            }
            final MemberRef member = r.nextInt(10) == 0 ? null : someRef();
            final boolean max = member != null && r.nextInt(5) == 0;
            final long redeem = max || r.nextBoolean() ? 0 : r.nextInt(40) == 0 ? -1 : r.nextInt(member == null ? 3 : r.nextInt(8) == 0 ? 400 : 40);
            final List<String> codes = coupons > 0 && r.nextInt(3) == 0 ? List.of("K" + (1 + r.nextInt(coupons))) : List.of();
            final String store = scope != null ? (r.nextInt(5) == 0 ? "web" : "s2") :
                r.nextInt(30) == 0 ? "nowhere" : r.nextInt(10) == 0 ? "s2" : r.nextInt(4) == 0 ? "app" : "web";
            return new PurchaseRequest(txId, store, member, occurredAt(), r.nextBoolean() ? "CARD" : "CASH", lines,
                redeem, max, codes);
        }

        private Command refund(final String txId, final String refundId)
        {
            final String scope = scope();
            if (r.nextBoolean())
            {
                final long amount = r.nextInt(30) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 200_000 : 30_000);
                return new Commands.Refund(scope, txId, refundId, List.of(), amount);
            }
            final List<RefundLine> lines = new ArrayList<>();
            for (int k = 1 + (r.nextInt(4) == 0 ? 1 : 0); k > 0; k--)
            {
                lines.add(new RefundLine("S" + r.nextInt(4), r.nextInt(40) == 0 ? 0 : 1 + r.nextInt(2)));
            }
            return new Commands.Refund(scope, txId, refundId, lines, -1);
        }

        /** A random rule for one of a few promotion ids: p0 takes coupons, p5 is an activity rule. */
        private Command promotion()
        {
            final int id = r.nextInt(6);
            final boolean activity = id == 5;
            final PromotionWhen when = new PromotionWhen(
                r.nextInt(5) == 0 ? List.of(Channel.ONLINE) : null, null, null, null,
                !activity && r.nextInt(5) == 0 ? List.of("CARD") : null,
                !activity && r.nextInt(3) == 0 ? List.of("c" + r.nextInt(2)) : null, null, null,
                r.nextInt(6) == 0 ? List.of("v1") : null, id == 0,
                !activity && r.nextInt(4) == 0 ? r.nextInt(60_000) : 0, null, null,
                r.nextInt(4) == 0 ? List.of("SAT", "SUN") : null, null,
                PromotionWhen.NO_BIRTHDAY_WINDOW, !activity && r.nextInt(8) == 0, activity ? "REVIEW" : null);
            final PromotionThen then = activity ? new PromotionThen(0, 1 + r.nextInt(40), 0, 0, 0) : new PromotionThen(
                r.nextBoolean() ? 0 : r.nextInt(2_000), r.nextInt(3) == 0 ? r.nextInt(30) : 0,
                r.nextInt(3) == 0 ? 100 : 0, r.nextInt(3) == 0 ? r.nextInt(3_000) : 0,
                r.nextInt(3) == 0 ? r.nextInt(5_000) : 0);
            final PromotionLimits limits = new PromotionLimits(r.nextInt(3) == 0 ? 1 + r.nextInt(20) : 0,
                r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0, r.nextInt(3) == 0 ? 1 + r.nextInt(400) : 0);
            return new Commands.PutPromotion(rid("pr"), "p" + id, "rule " + id, r.nextInt(8) != 0, r.nextInt(5) - 2,
                r.nextInt(4) == 0 ? Stacking.EXCLUSIVE : Stacking.STACK, when, then, limits);
        }
    }
}
