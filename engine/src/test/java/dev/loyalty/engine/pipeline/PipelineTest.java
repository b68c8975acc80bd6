package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyText;
import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest
{
    private static final long START = 1_796_000_000_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(START);

    /** The stages every test here runs on; {@link SingleStagePipelineTest} runs them all on the other. */
    PipelineStages stages()
    {
        return PipelineStages.PARALLEL;
    }

    private EngineContext context()
    {
        return new EngineContext().dataDir(dir).clock(clock).tickIntervalMillis(5).stages(stages());
    }

    static Reply call(final LoyaltyEngine engine, final Command command) throws Exception
    {
        final CompletableFuture<Reply> answer = new CompletableFuture<>();
        assertTrue(engine.tryPublish(command, (c, r) -> answer.complete(r)), "ring refused " + command.type());
        return answer.get(10, TimeUnit.SECONDS);
    }

    static String render(final Reply reply)
    {
        return ReplyText.of(reply);
    }

    private static Command createMember(final String requestId, final String card)
    {
        return new Commands.CreateMember(
            requestId, null, List.of(new Identifier(IdentifierType.CARD, card)), null, null, Map.of());
    }

    private static PurchaseRequest purchase(final String txId, final String card, final long redeem)
    {
        return new PurchaseRequest(txId, "web", MemberRef.byIdentifier(IdentifierType.CARD, card), null, "CARD",
            List.of(new Line("SKU-1", "coffee", 2, 25_000), new Line("SKU-9", "bakery", 1, 9_000)), redeem, false,
            List.of());
    }

    @Test
    void shouldAnswerOnlyAfterTheCommandIsJournaled() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            final AtomicLong journalAtReply = new AtomicLong(-1);
            final CompletableFuture<Reply> answer = new CompletableFuture<>();
            assertTrue(engine.tryPublish(createMember("m-1", "7770001"), (c, r) ->
            {
                journalAtReply.set(engine.journalSequence());
                answer.complete(r);
            }));
            assertEquals(201, answer.get(10, TimeUnit.SECONDS).httpStatus());
            assertEquals(1, journalAtReply.get());
            assertEquals(stages(), engine.stages());
        }
    }

    @Test
    void shouldNotJournalReads() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            call(engine, createMember("m-1", "7770001"));
            final Reply profile = call(engine, new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, "7770001")));
            assertEquals(200, profile.httpStatus());
            assertEquals(1, engine.journalSequence());
        }
    }

    @Test
    void shouldRefuseAtOnceWhenTheRingIsFull() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().ringBufferLength(16)))
        {
            // The replier blocks in the first listener, so slots stop coming back.
            assertTrue(engine.tryPublish(new Commands.GetProgram(), (c, r) -> awaitQuietly(release)));
            int taken = 1;
            while (engine.tryPublish(new Commands.GetProgram(), (c, r) -> { }))
            {
                taken++;
                assertTrue(taken <= 16, "a 16-slot ring took more than 16 commands");
            }
            assertEquals(16, taken);
            assertEquals(16, engine.ringInUse());
            release.countDown();
            // Once the replier moves again the ring drains and takes commands again.
            final CompletableFuture<Reply> answer = new CompletableFuture<>();
            boolean accepted = false;
            for (int i = 0; i < 10_000 && !accepted; i++)
            {
                accepted = engine.tryPublish(new Commands.GetProgram(), (c, r) -> answer.complete(r));
                Thread.yield();
            }
            assertTrue(accepted, "the ring never drained after the replier moved again");
            assertEquals(200, answer.get(10, TimeUnit.SECONDS).httpStatus());
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldRecoverTheSameStateFromTheJournalAfterRestart() throws Exception
    {
        final String digest;
        final String purchaseBefore;
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            call(engine, createMember("m-1", "7770001"));
            final String memberId = idOf(call(engine, new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, "7770001"))));
            call(engine, new Commands.AdjustPoints("adj-1", memberId, 500, "welcome"));
            call(engine, new Commands.Authorize(null, purchase("tx-1", "7770001", 100)));
            call(engine, new Commands.Capture(null, "tx-1"));
            call(engine, new Commands.OneShot(null, purchase("tx-2", "7770001", 0)));
            purchaseBefore = render(call(engine, new Commands.GetPurchase(null, "tx-1")));
            engine.close();
            digest = engine.businessLogic().stateDigest();
            assertEquals(List.of(), engine.businessLogic().checkInvariants());
        }
        try (LoyaltyEngine restarted = LoyaltyEngine.start(context()))
        {
            assertEquals(5, restarted.recoveredRecords());
            assertEquals(purchaseBefore, render(call(restarted, new Commands.GetPurchase(null, "tx-1"))));
            restarted.close();
            assertEquals(digest, restarted.businessLogic().stateDigest());
            assertEquals(List.of(), restarted.businessLogic().checkInvariants());
        }
        try (LoyaltyEngine again = LoyaltyEngine.start(context()))
        {
            // Keys survive the restart: the same requestId with another body is a conflict, not a new member.
            assertEquals(409, call(again, createMember("m-1", "7770002")).httpStatus());
            assertEquals(404, call(again, new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, "7770002"))).httpStatus());
        }
    }

    @Test
    void shouldReachTheSameDigestAfterRestartInSyncMode() throws Exception
    {
        final String digest;
        try (LoyaltyEngine engine = LoyaltyEngine.start(context().durability(Durability.SYNC)))
        {
            for (int i = 0; i < 50; i++)
            {
                call(engine, createMember("m-" + i, "card-" + i));
            }
            engine.close();
            digest = engine.businessLogic().stateDigest();
        }
        try (LoyaltyEngine restarted = LoyaltyEngine.start(context().durability(Durability.SYNC)))
        {
            assertEquals(50, restarted.recoveredRecords());
            restarted.close();
            assertEquals(digest, restarted.businessLogic().stateDigest());
        }
    }

    @Test
    void shouldReleaseAHeldPurchaseByTickWhenItsHoldTimesOut() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            call(engine, createMember("m-1", "7770001"));
            final String memberId = idOf(call(engine, new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, "7770001"))));
            call(engine, new Commands.AdjustPoints("adj-1", memberId, 500, "welcome"));
            assertEquals(200, call(engine, new Commands.Authorize(null, purchase("tx-1", "7770001", 100))).httpStatus());
            final long journaledBefore = engine.journalSequence();

            clock.advanceMillis(901_000);
            // No command is sent: the ticker must notice the due hold and journal a tick that expires it.
            String status = "";
            for (int i = 0; i < 400 && !status.contains("status=EXPIRED"); i++)
            {
                status = render(call(engine, new Commands.GetPurchase(null, "tx-1")));
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertTrue(status.contains("status=EXPIRED"), status);
            assertTrue(engine.journalSequence() > journaledBefore, "the expiry tick was not journaled");
            final String profile = render(call(engine, new Commands.GetMember(null, MemberRef.byId(memberId))));
            assertTrue(profile.contains("available=500,"), profile);
            assertTrue(profile.contains("held=0,"), profile);
        }
    }

    @Test
    void shouldPublishNoTickWhileNothingIsDue() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(context()))
        {
            call(engine, createMember("m-1", "7770001"));
            final long before = engine.journalSequence();
            for (int i = 0; i < 20; i++)
            {
                clock.advanceMillis(60_000);
                call(engine, new Commands.GetProgram());
            }
            assertEquals(before, engine.journalSequence());
        }
    }

    @Test
    void shouldAnswerEngineHaltedFromTheFailedSlotOnAndApplyNothingAfterIt()
    {
        final HaltState halt = new HaltState(t -> { });
        final PipelineCounters counters = new PipelineCounters();
        final ReplyHandler replier = new ReplyHandler(halt, counters);
        final Reply applied = PipelineTestReplies.OK;

        final CommandSlot before = new CommandSlot();
        before.set(new Commands.GetProgram(), START, null, null);
        before.reply = applied;
        final Reply[] seen = new Reply[2];
        before.listener = (c, r) -> seen[0] = r;

        halt.halt(7, new IllegalStateException("boom"));
        final CommandSlot failed = new CommandSlot();
        failed.set(new Commands.GetProgram(), START, (c, r) -> seen[1] = r, null);
        failed.reply = applied;

        replier.onEvent(before, 6, false);
        replier.onEvent(failed, 7, true);
        assertEquals(applied, seen[0]);
        assertEquals(ErrorCode.ENGINE_HALTED, seen[1].errorCode());
        assertEquals(503, seen[1].httpStatus());
        assertTrue(halt.isHalted());
        assertNull(failed.command, "the replier must clear the slot");
        assertFalse(halt.covers(6));
    }

    private static String idOf(final Reply profile)
    {
        final String text = render(profile);
        final int at = text.indexOf("memberId=");
        return text.substring(at + "memberId=".length(), text.indexOf(',', at));
    }
}
