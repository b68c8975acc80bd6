package dev.loyalty.engine.journal;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child JVM appends large records to a real journal and is killed with SIGKILL at a seeded random moment, again
 * and again on the same journal. After each kill the journal opens (truncating a torn tail with a warning), every
 * record it acknowledged is there, byte for byte, no bad record is replayed, and the next child carries on from
 * the last good record. With {@code SYNC} every acknowledged record was forced first; a kill cannot test a power
 * cut, but it does test that nothing acknowledged depends on a record after a torn one.
 */
@Tag("slow")
class KilledAppenderTest
{
    private static final int KILLS = Integer.getInteger("loyalty.kills", 5);

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(Durability.class)
    void shouldKeepEveryAcknowledgedRecordWhenTheAppenderIsKilledMidWrite(final Durability durability) throws Exception
    {
        final long seed = Long.getLong("loyalty.kill.seed", 4_2026L) + durability.ordinal();
        final Random random = new Random(seed);
        final Path dir = root.resolve("journal");
        long acknowledged = 0;
        int truncations = 0;
        for (int kill = 1; kill <= KILLS; kill++)
        {
            final String what = "seed " + seed + ", kill " + kill + " (" + durability + ")";
            final Process child = start(dir, durability, durability == Durability.SYNC ? 1 + random.nextInt(4) : 1);
            final AtomicLong lastAck = new AtomicLong(-1);
            final long[] opened = {-1};
            final Thread reader = new Thread(() -> read(child, lastAck, opened), "child-output");
            reader.start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastAck.get() < 0 && System.nanoTime() < deadline && child.isAlive())
            {
                Thread.sleep(5);
            }
            assertTrue(lastAck.get() >= 0, what + ": the child acknowledged nothing");
            Thread.sleep(random.nextInt(250));
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            assertTrue(opened[0] >= acknowledged, what + ": the child opened at " + opened[0] + " after " +
                acknowledged + " were acknowledged");
            acknowledged = Math.max(acknowledged, lastAck.get());

            final List<JournalTest.Entry> replayed = new ArrayList<>();
            try (Journal journal = Journal.open(dir, durability))
            {
                truncations += journal.warnings().size();
                for (final String warning : journal.warnings())
                {
                    assertTrue(warning.contains("offset") && warning.contains(".cq4"), what + ": " + warning);
                }
                journal.replay(0, (sequence, stamp, command) -> replayed.add(new JournalTest.Entry(sequence, stamp, command)));
            }
            assertTrue(replayed.size() >= acknowledged, what + ": " + replayed.size() + " records after " +
                acknowledged + " were acknowledged");
            for (int i = 0; i < replayed.size(); i++)
            {
                final long sequence = i + 1;
                assertEquals(new JournalTest.Entry(sequence, sequence, JournalFilesForTests.command(
                    sequence, AppendingChild.reasonLength(sequence))), replayed.get(i), what + ": record " + sequence);
            }
        }
        System.out.println("killed appender (" + durability + ", seed " + seed + "): " + KILLS + " kills, " +
            acknowledged + " records acknowledged, " + truncations + " torn tails truncated");
    }

    private static Process start(final Path dir, final Durability durability, final int batch) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xmx"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AppendingChild.class.getName());
        command.add(dir.toString());
        command.add(durability.name());
        command.add(Integer.toString(batch));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void read(final Process child, final AtomicLong lastAck, final long[] opened)
    {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                if (line.startsWith("ack "))
                {
                    lastAck.set(Long.parseLong(line.substring(4)));
                }
                else if (line.startsWith("open "))
                {
                    opened[0] = Long.parseLong(line.split(" ")[1]);
                }
            }
        }
        catch (final Exception ignore)
        {
            // the child was killed: its output ends here
        }
    }
}
