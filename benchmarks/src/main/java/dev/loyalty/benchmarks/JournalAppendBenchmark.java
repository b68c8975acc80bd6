package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.Journal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@link Journal#append} of Authorize commands (3 to 5 lines, from {@link Workload}) into a real Chronicle Queue
 * in a new directory under {@link BenchmarkJvm#newDataDirectory} each iteration. One operation is one append;
 * each invocation appends a batch and ends it with {@link Journal#endOfBatch()}, as the journaler does at a
 * Disruptor batch end:
 * <ul>
 *     <li>{@link #asyncBatchOf256}: ASYNC, records in the memory-mapped file (survives a killed process);</li>
 *     <li>{@link #syncBatchOf1}, {@link #syncBatchOf16}, {@link #syncBatchOf256}: SYNC, {@code fdatasync} at
 *     each batch end (survives power loss), so the batch size is the group commit.</li>
 * </ul>
 * After each iteration the journal is closed, opened again and replayed: every record must come back with a
 * good checksum and in sequence, as many as were appended, and SYNC must have forced once per batch.
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar JournalAppendBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JournalAppendBenchmark
{
    private static final int DISTINCT_COMMANDS = 1024;

    private Commands.Authorize[] commands;
    private Durability durability;
    private Path directory;
    private Journal journal;
    private long appended;
    private long batches;
    private long stamp;

    /** Builds the commands; the benchmark's name says the durability. */
    @Setup(Level.Trial)
    public void buildCommands(final BenchmarkParams params)
    {
        final String name = params.getBenchmark();
        durability = name.substring(name.lastIndexOf('.') + 1).startsWith("sync") ? Durability.SYNC : Durability.ASYNC;
        commands = new Workload(10_000, 42).purchases(DISTINCT_COMMANDS, 7, "j-tx").authorizes();
    }

    /** A new journal in a new directory. */
    @Setup(Level.Iteration)
    public void openJournal()
    {
        directory = BenchmarkJvm.newDataDirectory("journal-bench");
        journal = Journal.open(directory, durability);
        appended = 0;
        batches = 0;
        stamp = Workload.START_MILLIS;
    }

    /** Replays the journal: every appended record must be there, in sequence, with a good checksum. */
    @TearDown(Level.Iteration)
    public void replayAndDelete()
    {
        final long syncs = journal.syncCount();
        journal.close();
        if (durability == Durability.SYNC && syncs != batches)
        {
            throw new IllegalStateException("SYNC forced " + syncs + " times for " + batches + " batches");
        }
        try (Journal reopened = Journal.open(directory, durability))
        {
            final long[] seen = new long[1];
            final long replayed = reopened.replay(0, (sequence, stampMillis, command) ->
            {
                if (sequence != ++seen[0] || !command.equals(commands[(int)((sequence - 1) % DISTINCT_COMMANDS)]))
                {
                    throw new IllegalStateException("record " + sequence + " is not the command appended");
                }
            });
            if (replayed != appended || reopened.lastSequence() != appended)
            {
                throw new IllegalStateException("appended " + appended + " records, replayed " + replayed);
            }
        }
        BenchmarkJvm.deleteDirectory(directory);
    }

    /** ASYNC: 256 appends, then the batch end (which does nothing in ASYNC). */
    @Benchmark
    @OperationsPerInvocation(256)
    public long asyncBatchOf256()
    {
        return appendBatch(256);
    }

    /** SYNC, one append per forced batch: no group commit at all. */
    @Benchmark
    @OperationsPerInvocation(1)
    public long syncBatchOf1()
    {
        return appendBatch(1);
    }

    /** SYNC, 16 appends per forced batch. */
    @Benchmark
    @OperationsPerInvocation(16)
    public long syncBatchOf16()
    {
        return appendBatch(16);
    }

    /** SYNC, 256 appends per forced batch. */
    @Benchmark
    @OperationsPerInvocation(256)
    public long syncBatchOf256()
    {
        return appendBatch(256);
    }

    private long appendBatch(final int size)
    {
        long sequence = 0;
        for (int i = 0; i < size; i++)
        {
            sequence = journal.append(commands[(int)(appended % DISTINCT_COMMANDS)], ++stamp);
            appended++;
        }
        journal.endOfBatch();
        batches++;
        return sequence;
    }
}
