package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each durability mode promises, through the pipeline: no answer leaves before its command's record is
 * durable as the mode defines it (appended in ASYNC, forced to disk in SYNC), and SYNC forces in groups, at the
 * end of each Disruptor batch, not once per command.
 */
class DurabilityTest
{
    private static final int COMMANDS = 2_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ASYNC, PARALLEL", "ASYNC, SINGLE", "SYNC, PARALLEL", "SYNC, SINGLE"})
    void shouldAnswerOnlyCommandsWhoseRecordIsDurableAndForceInGroups(
        final Durability durability, final PipelineStages stages) throws Exception
    {
        final EngineContext ctx = new EngineContext().dataDir(dir).durability(durability).stages(stages)
            .clock(new ManualClock(1_796_000_000_000L)).snapshots(false);
        try (LoyaltyEngine engine = LoyaltyEngine.start(ctx))
        {
            assertEquals(stages, engine.stages());
            final AtomicLong answered = new AtomicLong();
            final AtomicReference<String> early = new AtomicReference<>();
            final CountDownLatch done = new CountDownLatch(COMMANDS);
            final ReplyListener listener = (command, reply) ->
            {
                final long sequence = answered.incrementAndGet();
                final long durable = engine.journalDurableSequence();
                if (durable < sequence)
                {
                    early.compareAndSet(null, "answer " + sequence + " left while only " + durable + " was durable");
                }
                done.countDown();
            };
            for (int i = 0; i < COMMANDS; i++)
            {
                final Commands.CreateMember member = new Commands.CreateMember("m-" + i, null,
                    List.of(new Identifier(IdentifierType.CARD, "card-" + i)), null, null, Map.of());
                while (!engine.tryPublish(member, listener))
                {
                    Thread.onSpinWait();
                }
            }
            assertTrue(done.await(60, TimeUnit.SECONDS));
            assertNull(early.get());
            assertEquals(COMMANDS, engine.journalSequence());
            if (durability == Durability.SYNC)
            {
                final long syncs = engine.journalSyncCount();
                assertTrue(syncs >= 1 && syncs < COMMANDS, "group commit: " + syncs + " forces for " + COMMANDS);
                System.out.println("SYNC, " + stages + ": " + COMMANDS + " records in " + syncs + " forces (" +
                    COMMANDS / syncs + " records per force) when published as fast as the ring takes them");
            }
            else
            {
                assertEquals(0, engine.journalSyncCount(), "ASYNC never forces");
            }
        }
    }
}
