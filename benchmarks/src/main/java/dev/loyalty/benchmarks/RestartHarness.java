package dev.loyalty.benchmarks;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.Journal;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.SnapshotCadence;
import dev.loyalty.engine.pipeline.SnapshotResult;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.snapshot.SnapshotFile;
import dev.loyalty.engine.snapshot.SnapshotStore;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The restart figure of issue 6: how long {@link LoyaltyEngine#start} takes to be ready with many members and an
 * hour of traffic in the journal. Two steps, each its own JVM so that the restart starts cold:
 * <pre>
 *   RestartHarness generate DIR MEMBERS RATE SECONDS [engine|before-traffic]
 *                                   members, then SECONDS of traffic at RATE journaled commands/s, into DIR's
 *                                   journal and a business logic, snapshots as chosen (default: engine)
 *   RestartHarness restart DIR      time LoyaltyEngine.start to ready, and its parts
 * </pre>
 * {@code generate} applies every command to a business logic and appends it to the journal with the same
 * stamp, exactly as the engine would (so replaying the journal gives the same state), and stores the state digest
 * after the traffic in {@code DIR/expected-digest} when run with {@code -Dloyalty.restart.verify=true}. Snapshots:
 * <ul>
 *   <li>{@code engine} (the default): as a running engine with its default settings leaves its data directory.
 *   The rules are the engine's own ({@link SnapshotCadence} with a default {@link EngineContext}: a snapshot
 *   after 1,000,000 records or 600 s since the last one, the newest 2 kept, the journal kept whole), applied
 *   after each record with engine time instead of the wall clock (live, the two advance together; here an
 *   hour of traffic takes seconds). The snapshot is written from the generator's own state, which at that
 *   sequence is what the engine's follower holds; as the follower starts its 600 s again once a snapshot is
 *   written, the time the write took here is added to the engine time of the last snapshot. Restart then loads the newest and replays only the tail
 *   after it (at 500/s: up to 600 s, 300,000 records).</li>
 *   <li>{@code before-traffic}: the worst case, one snapshot after the members and none during the traffic,
 *   so restart replays the whole hour.</li>
 * </ul>
 * A member has a card, a third of them a birthday, a fifth a segment attribute, and no points until it buys.
 * The traffic, per second of engine time at RATE journaled commands: 45% one-shot purchases, 15% authorizations
 * (most captured later, a few voided, a few left to expire), 13% captures, 2% voids, 5% refunds by amount of
 * captured one-shots, 10% new members, 9% adjustments, and one tick a second for the hold timeouts.
 * {@code restart} starts the engine with snapshots off (a follower would hold a second copy of the state, which
 * does not fit beside the first at 10 million members on a 24 GB machine; it starts only after ready anyway) and
 * prints the time to ready with its parts (journal open, snapshot load, replay, pipeline start), the GC time,
 * and, when verifying, whether the state digest equals the generator's. With
 * {@code -Dloyalty.restart.histogram=N} it also prints the N largest lines of the live heap's class histogram
 * at ready.
 */
public final class RestartHarness
{
    private static final long START_MILLIS = Instant.parse("2026-12-07T08:00:00Z").toEpochMilli();
    private static final int STORES = 50;
    private static final int SKUS = 2_000;
    private static final boolean VERIFY = Boolean.getBoolean("loyalty.restart.verify");
    private static final double LOAD_AT_START = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    private RestartHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if ((args.length == 5 || args.length == 6) && "generate".equals(args[0]))
        {
            final String mode = args.length == 6 ? args[5] : "engine";
            if (!"engine".equals(mode) && !"before-traffic".equals(mode))
            {
                System.err.println("snapshots: engine or before-traffic, not " + mode);
                System.exit(2);
            }
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                "engine".equals(mode));
        }
        else if (args.length == 2 && "restart".equals(args[0]))
        {
            restart(Path.of(args[1]));
        }
        else
        {
            System.err.println("usage: RestartHarness generate DIR MEMBERS RATE SECONDS [engine|before-traffic] | " +
                "restart DIR");
            System.exit(2);
        }
    }

    private static void generate(
        final Path dir, final int members, final int rate, final int seconds, final boolean engineCadence)
        throws IOException
    {
        if (Files.exists(dir.resolve("journal")))
        {
            throw new IllegalStateException(dir + " already has a journal; generate into an empty directory");
        }
        final BusinessLogic logic = new BusinessLogic(new ApiKeys());
        final long t0 = System.nanoTime();
        long stamp = START_MILLIS;
        final Generator g = new Generator(logic, members);
        try (Journal journal = Journal.open(dir.resolve("journal"), Durability.ASYNC))
        {
            final EngineContext defaults = new EngineContext().dataDir(dir);
            g.cadence = engineCadence ?
                new SnapshotCadence(defaults, new SnapshotStore(dir.resolve("snapshots")), journal) : null;
            g.lastSnapshotStamp = stamp;
            g.apply(journal, new Commands.SetProgram("program", 100, 500, EarnOn.PAID, 0, 365, 3000, 900, 300, 100),
                stamp);
            for (int s = 0; s < STORES; s++)
            {
                g.apply(journal, new Commands.PutStore("store-" + s, "s" + s, "main", Channel.POS,
                    Map.of("format", s % 5 == 0 ? "hyper" : "super")), stamp);
            }
            for (int m = 0; m < members; m++)
            {
                g.apply(journal, g.newMember(), stamp + m / 1000);
                if (m % 1_000_000 == 999_999)
                {
                    System.out.printf("generate: %,d members in %,d ms%n", m + 1, ms(t0));
                }
            }
            stamp += members / 1000 + 1;
            if (!engineCadence)
            {
                final long sequence = journal.lastSequence();
                final long snapshotStart = System.nanoTime();
                final Path file = new SnapshotStore(dir.resolve("snapshots")).fileFor(sequence);
                final SnapshotFile.Header header =
                    SnapshotFile.write(file, sequence, logic.engineTimeMillis(), logic::writeSnapshot);
                System.out.printf("generate: snapshot of %,d members at sequence %,d: %,d bytes in %,d ms (%s)%n",
                    members, sequence, header.bodyLength() + SnapshotFile.HEADER_LENGTH, ms(snapshotStart), file);
                g.lastSnapshotSequence = sequence;
                g.snapshots++;
            }

            final long trafficStart = System.nanoTime();
            final long total = (long)rate * seconds;
            long sent = 0;
            for (int second = 0; second < seconds; second++)
            {
                final long base = stamp + second * 1000L;
                g.apply(journal, new Commands.Tick(), base);
                for (int i = 1; i < rate; i++)
                {
                    g.apply(journal, g.traffic(), base + i * 1000L / rate);
                }
                sent += rate;
                if (second % 600 == 599)
                {
                    System.out.printf("generate: %,d s of traffic (%,d commands) in %,d ms%n", second + 1, sent,
                        ms(trafficStart));
                }
            }
            System.out.printf("generate: journal ends at sequence %,d: %,d records of traffic (%,d rejected by the " +
                "rules, as live traffic has some); %s%n", journal.lastSequence(), total, g.rejected, g.mix());
            System.out.printf("generate: %,d snapshots written during the run (%s), the newest at sequence %,d: " +
                "%,d records after it%n", g.snapshots, engineCadence ? "the engine's default cadence" :
                "one before the traffic", g.lastSnapshotSequence, journal.lastSequence() - g.lastSnapshotSequence);
        }
        if (VERIFY)
        {
            final long digestStart = System.nanoTime();
            Files.writeString(dir.resolve("expected-digest"), logic.stateDigest());
            System.out.printf("generate: digest in %,d ms%n", ms(digestStart));
        }
        System.out.printf("generate: done in %,d ms, heap used %,d MB%n", ms(t0), usedHeapMb());
    }

    private static void restart(final Path dir) throws IOException
    {
        final long gcBefore = gcMillis();
        final long gcCountBefore = gcCount();
        final long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        final long processCpuBefore = processCpuNanos();
        final long t0 = System.nanoTime();
        final LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext().dataDir(dir).snapshots(false));
        final long readyMs = ms(t0);
        final long cpuMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
        final long processCpuMs = (processCpuNanos() - processCpuBefore) / 1_000_000;
        final long gc = gcMillis() - gcBefore;
        final long replayMs = engine.replayMillis();
        final long startMs = readyMs - engine.recoveryMillis();
        final long otherMs = engine.recoveryMillis() - engine.journalOpenMillis() - engine.snapshotWaitMillis() -
            replayMs;
        System.out.printf("restart: ready in %,d ms = journal open %,d ms + wait for the snapshot %,d ms (its load, " +
            "on its own thread from the start: %,d ms; %s) + replay of %,d journal records %,d ms (%,.0f records/s) + " +
            "pipeline start %,d ms + other %,d ms; CPU time of the recovering thread %,d ms, of the process %,d ms " +
            "(every thread: snapshot load, GC, JIT); GC %,d ms in %,d " +
            "collections (%s); heap used %,d MB of %,d MB max; load average at start %.1f%n",
            readyMs, engine.journalOpenMillis(), engine.snapshotWaitMillis(), engine.snapshotLoadMillis(),
            engine.recoveredSnapshot(), engine.recoveredRecords(), replayMs,
            engine.recoveredRecords() * 1000.0 / Math.max(1, replayMs), startMs, otherMs, cpuMs, processCpuMs, gc,
            gcCount() - gcCountBefore, gcNames(), usedHeapMb(), Runtime.getRuntime().maxMemory() >> 20, LOAD_AT_START);
        final int histogram = Integer.getInteger("loyalty.restart.histogram", 0);
        if (histogram > 0)
        {
            printHistogram(histogram);
        }
        engine.close();
        if (VERIFY)
        {
            final String expected = Files.readString(dir.resolve("expected-digest"));
            final boolean same = expected.equals(engine.businessLogic().stateDigest());
            final List<String> violations = engine.businessLogic().checkInvariants();
            System.out.printf("restart: digest %s the generator's; invariants: %s%n", same ? "equals" : "DIFFERS FROM",
                violations.isEmpty() ? "hold" : violations.size() + " violated, first " + violations.get(0));
            if (!same || !violations.isEmpty())
            {
                System.exit(1);
            }
        }
    }

    private static long ms(final long startNs)
    {
        return (System.nanoTime() - startNs) / 1_000_000;
    }

    private static long gcMillis()
    {
        long total = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static long processCpuNanos()
    {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ?
            os.getProcessCpuTime() : -1;
    }

    private static long gcCount()
    {
        long total = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }

    private static String gcNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            names.append(names.length() == 0 ? "" : ", ").append(gc.getName()).append(' ')
                .append(gc.getCollectionCount()).append(" / ").append(gc.getCollectionTime()).append(" ms");
        }
        return names.toString();
    }

    /** The live heap's class histogram (a full collection first), its first {@code lines} classes. */
    private static void printHistogram(final int lines)
    {
        try
        {
            final String text = (String)ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
            final String[] rows = text.split("\n");
            for (int i = 0; i < rows.length && i < lines + 2; i++)
            {
                System.out.println("histogram: " + rows[i]);
            }
            System.out.println("histogram: " + rows[rows.length - 1].trim());
        }
        catch (final javax.management.JMException ex)
        {
            System.out.println("histogram: not available: " + ex);
        }
    }

    private static long usedHeapMb()
    {
        final Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    /** Makes the commands, applies each to the business logic and appends it to the journal, as the engine does. */
    private static final class Generator
    {
        private final BusinessLogic logic;
        private final SplittableRandom random = new SplittableRandom(20_261_207L);
        private final Line[] catalogue = new Line[SKUS];
        private final ArrayDeque<String> authorized = new ArrayDeque<>();
        private final List<String> captured = new ArrayList<>();
        private final long[] mix = new long[8];
        private int members;
        private long purchases;
        private long requests;
        long rejected;
        /** The engine's snapshot rules, or null for no snapshots as records are applied. */
        SnapshotCadence cadence;
        long lastSnapshotSequence;
        long lastSnapshotStamp;
        int snapshots;

        Generator(final BusinessLogic logic, final int expectedMembers)
        {
            this.logic = logic;
            for (int s = 0; s < SKUS; s++)
            {
                catalogue[s] = new Line("SKU-" + (100_000 + s), "c" + (s % 12), 1 + s % 3, 500 + (s * 7919) % 19_500);
            }
            captured.add("none");
            if (expectedMembers < 1)
            {
                throw new IllegalArgumentException("members must be >= 1");
            }
        }

        void apply(final Journal journal, final Command command, final long stampMillis)
        {
            final Reply reply = logic.apply(command, stampMillis);
            if (reply.errorCode() != null)
            {
                rejected++;
            }
            final long sequence = journal.append(command, stampMillis);
            if (cadence != null &&
                cadence.due(sequence - lastSnapshotSequence, logic.engineTimeMillis() - lastSnapshotStamp))
            {
                final long startNs = System.nanoTime();
                final SnapshotResult result = cadence.write(logic, sequence);
                snapshots++;
                System.out.printf("generate: snapshot %d at sequence %,d, engine time +%,d s (%,d records since the " +
                    "last; %,d members, %,d purchases): %,d bytes in %,d ms%n", snapshots, sequence,
                    (logic.engineTimeMillis() - START_MILLIS) / 1000, sequence - lastSnapshotSequence, members,
                    purchases, result.bytes(), ms(startNs));
                lastSnapshotSequence = sequence;
                // the follower starts its clock again once the snapshot is written, while records keep coming:
                // the time the write took here counts as engine time gone by
                lastSnapshotStamp = logic.engineTimeMillis() + result.writeMillis();
            }
        }

        Command newMember()
        {
            final int m = members++;
            final String birthday = m % 3 == 0 ? String.format("19%02d-%02d-%02d", 50 + m % 50, 1 + m % 12,
                1 + m % 28) : null;
            final Map<String, String> attributes = m % 5 == 0 ? Map.of("segment", "s" + m % 7) : Map.of();
            return new Commands.CreateMember("member-" + m, null,
                List.of(new Identifier(IdentifierType.CARD, Long.toString(7_770_000_000_000L + m))), birthday, null,
                attributes);
        }

        private MemberRef someMember()
        {
            return MemberRef.byIdentifier(IdentifierType.CARD, Long.toString(7_770_000_000_000L +
                random.nextInt(members)));
        }

        private PurchaseRequest request(final String txId)
        {
            final int n = 3 + random.nextInt(3);
            final Line[] lines = new Line[n];
            for (int i = 0; i < n; i++)
            {
                lines[i] = catalogue[random.nextInt(SKUS)];
            }
            return new PurchaseRequest(txId, "s" + random.nextInt(STORES), someMember(), null, "CARD", List.of(lines),
                0, false, List.of());
        }

        Command traffic()
        {
            final int roll = random.nextInt(100);
            if (roll < 45)
            {
                mix[0]++;
                final String txId = "tx-" + purchases++;
                captured.add(txId);
                return new Commands.OneShot(null, request(txId));
            }
            if (roll < 60)
            {
                mix[1]++;
                final String txId = "tx-" + purchases++;
                authorized.add(txId);
                return new Commands.Authorize(null, request(txId));
            }
            if (roll < 73 && authorized.size() > 20)
            {
                mix[2]++;
                final String txId = authorized.poll();
                captured.add(txId);
                return new Commands.Capture(null, txId);
            }
            if (roll < 75 && authorized.size() > 20)
            {
                mix[3]++;
                return new Commands.VoidPurchase(null, authorized.poll());
            }
            if (roll < 80)
            {
                mix[4]++;
                return new Commands.Refund(null, captured.get(random.nextInt(captured.size())), "rf-" + requests++,
                    List.of(), 100 + random.nextInt(2_000));
            }
            if (roll < 90)
            {
                mix[5]++;
                return newMember();
            }
            mix[6]++;
            return new Commands.AdjustPoints("adj-" + requests++, "m_" + Long.toString(1 + random.nextInt(members), 36),
                50 + random.nextInt(200), "goodwill");
        }

        String mix()
        {
            return String.format("one-shot %,d, authorize %,d, capture %,d, void %,d, refund %,d, new member %,d, " +
                "adjust %,d, authorizations left open %,d", mix[0], mix[1], mix[2], mix[3], mix[4], mix[5], mix[6],
                authorized.size());
        }
    }
}
