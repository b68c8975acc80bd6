package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.journal.CommandCodec;
import dev.loyalty.engine.logic.BusinessLogic;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import org.agrona.ExpandableArrayBuffer;
import java.lang.management.MemoryMXBean;

/**
 * What the business logic keeps a purchase, in bytes: {@link BusinessLogicBenchmark}'s members and cheques, the
 * heap in use after a full collection before and after {@code purchases} purchases, divided by their number.
 * The commands are built a batch at a time and dropped once applied, as a running engine drops the commands it
 * decoded; so what is counted is what the logic keeps (the purchase, its pricing, its ledger entries, lots, due
 * work, its share of the maps, and whatever of its command it keeps), not the benchmark's arrays.
 * <p>
 * {@code java -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar dev.loyalty.benchmarks.RetainedHeapProbe
 * authorizeAndCapture|oneShot [purchases] [members]} ({@code -Dprobe.histogram=30} adds the heap's top 30
 * classes after the purchases, from {@code jcmd GC.class_histogram}; {@code -Dprobe.decoded} runs the commands as
 * the journal decodes them, each with strings of its own, as a running engine gets them).
 */
public final class RetainedHeapProbe
{
    private static final int BATCH = 100_000;
    private static final CommandCodec CODEC = new CommandCodec();
    private static final ExpandableArrayBuffer BUFFER = new ExpandableArrayBuffer(64 * 1024);

    private RetainedHeapProbe()
    {
    }

    /** Runs the probe: mode, purchases (default 1,000,000), members (default 1,000,000). */
    public static void main(final String[] args) throws java.io.IOException
    {
        final boolean oneShot = args.length > 0 && args[0].equals("oneShot");
        final int purchases = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        final int members = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        final Workload workload = new Workload(members, 42, true);
        final BusinessLogic logic = BusinessLogicBenchmark.seededLogic(workload);
        final long before = heapAfterGc();
        int done = 0;
        for (int batch = 0; done < purchases; batch++)
        {
            final int n = Math.min(BATCH, purchases - done);
            final Purchases cheques = workload.purchases(n, 7 + batch, "p" + batch);
            if (oneShot)
            {
                final Commands.OneShot[] commands = decoded(cheques.oneShots());
                for (int i = 0; i < n; i++)
                {
                    BusinessLogicBenchmark.check(logic.apply(commands[i], BusinessLogicBenchmark.stampOf(done + i)),
                        commands[i]);
                }
            }
            else
            {
                final Commands.Authorize[] authorizes = decoded(cheques.authorizes());
                final Commands.Capture[] captures = decoded(cheques.captures());
                for (int i = 0; i < n; i++)
                {
                    final long stamp = BusinessLogicBenchmark.stampOf(done + i);
                    BusinessLogicBenchmark.check(logic.apply(authorizes[i], stamp), authorizes[i]);
                    BusinessLogicBenchmark.check(logic.apply(captures[i], stamp), captures[i]);
                }
            }
            done += n;
        }
        final long after = heapAfterGc();
        if (System.getProperty("probe.histogram") != null)
        {
            // The heap's biggest classes, through the JDK's jcmd (-Dprobe.histogram=30: the top 30).
            final Process jcmd = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jcmd.getInputStream())))
            {
                lines.lines().limit(Integer.getInteger("probe.histogram", 30) + 4).forEach(System.out::println);
            }
        }
        Reference.reachabilityFence(logic);
        Reference.reachabilityFence(workload);
        System.out.printf("%s: %,d purchases, %,d members: heap %,d -> %,d bytes, %,d bytes a purchase%n",
            oneShot ? "oneShot" : "authorizeAndCapture", purchases, members, before, after,
            (after - before) / purchases);
    }

    /**
     * With {@code -Dprobe.decoded}, the commands as the journal gives them back (every string its own, as the
     * gateway's decoder makes them too); else the benchmark's, which share their lines and strings.
     */
    @SuppressWarnings("unchecked")
    private static <C extends Command> C[] decoded(final C[] commands)
    {
        if (System.getProperty("probe.decoded") == null)
        {
            return commands;
        }
        final C[] out = commands.clone();
        for (int i = 0; i < out.length; i++)
        {
            final int length = CODEC.encode(commands[i], BUFFER, 0);
            out[i] = (C)CODEC.decode(BUFFER, 0, length);
        }
        return out;
    }

    private static long heapAfterGc()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
