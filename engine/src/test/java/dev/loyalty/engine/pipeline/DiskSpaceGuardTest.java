package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static dev.loyalty.engine.pipeline.PipelineTest.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The free-space guard with an injected probe playing a disk that fills and empties: below the minimum every
 * journaled command is answered 503 JOURNAL_UNAVAILABLE with nothing journaled or applied, reads still answer,
 * and writes resume when space returns; each change is one warning.
 */
class DiskSpaceGuardTest
{
    private static final long MIN_FREE = 10_000;

    @TempDir
    Path dir;

    private final AtomicLong free = new AtomicLong(1_000_000);
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private EngineContext context()
    {
        return new EngineContext().dataDir(dir).clock(new ManualClock(1_796_000_000_000L)).tickIntervalMillis(5)
            .minFreeDiskBytes(MIN_FREE).diskCheckIntervalMillis(2).freeSpaceProbe(d -> free.get())
            .onWarning(warnings::add);
    }

    private static Commands.CreateMember member(final String requestId, final String card)
    {
        return new Commands.CreateMember(requestId, null, List.of(new Identifier(IdentifierType.CARD, card)), null,
            null, Map.of());
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertTrue(condition.getAsBoolean(), "the guard did not notice in time");
    }

    @Test
    void shouldRefuseJournaledCommandsWhileTheDiskIsNearlyFullAndResumeWhenSpaceReturns() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            assertEquals(201, call(engine, member("m-1", "card-1")).httpStatus());
            final long journaled = engine.journalSequence();
            final String digest = engine.businessLogic().stateDigest();

            free.set(MIN_FREE - 1);
            await(() -> !engine.journalWritable());
            final Reply refused = call(engine, member("m-2", "card-2"));
            assertEquals(ErrorCode.JOURNAL_UNAVAILABLE, refused.errorCode());
            assertEquals(503, refused.httpStatus());
            assertEquals(ErrorCode.JOURNAL_UNAVAILABLE,
                call(engine, new Commands.AdjustPoints("a-1", "m_1", 5, "x")).errorCode());
            assertEquals(200, call(engine, new Commands.GetMember(null, MemberRef.byId("m_1"))).httpStatus(),
                "reads still answer");
            assertEquals(journaled, engine.journalSequence(), "a refused command is not journaled");
            assertEquals(digest, engine.businessLogic().stateDigest(), "a refused command changes nothing");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains((MIN_FREE - 1) + " bytes free") &&
                warnings.get(0).contains("JOURNAL_UNAVAILABLE"), warnings.get(0));

            free.set(MIN_FREE);
            await(engine::journalWritable);
            assertEquals(201, call(engine, member("m-2", "card-2")).httpStatus(), "the refused request, retried");
            assertEquals(journaled + 1, engine.journalSequence());
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(1).contains("accepted"), warnings.get(1));
        }
    }

    @Test
    void shouldStartWithWritesRefusedWhenTheDiskIsAlreadyNearlyFull() throws Exception
    {
        free.set(0);
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            assertEquals(ErrorCode.JOURNAL_UNAVAILABLE, call(engine, member("m-1", "card-1")).errorCode());
            assertEquals(0, engine.journalSequence());
        }
    }

    @Test
    void shouldNeverRefuseWithAMinimumOfZero() throws Exception
    {
        free.set(0);
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().minFreeDiskBytes(0)))
        {
            assertEquals(201, call(engine, member("m-1", "card-1")).httpStatus());
            assertTrue(engine.journalWritable());
        }
    }
}
