package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Every kind of idempotency key: a replay answers the first answer and changes nothing; another body conflicts. */
class IdempotencyTest
{
    private final Harness h = new Harness();

    private void assertReplayAndConflict(final Command first, final Command sameBody, final Command otherBody)
    {
        final Reply reply = h.send(first);
        assertNull(reply.errorCode(), () -> first + " answered " + TreeWriter.render(reply));
        final String digest = h.logic.stateDigest();
        assertSame(reply, h.send(sameBody));
        assertEquals(digest, h.logic.stateDigest());
        h.rejected(otherBody, ErrorCode.IDEMPOTENCY_CONFLICT);
        assertEquals(digest, h.logic.stateDigest());
    }

    @Test
    void shouldReplayAndConflictForEveryRequestIdEndpoint()
    {
        final String a = h.member("A");
        final String b = h.member("B");
        final String c = h.member("C");
        assertReplayAndConflict(
            new Commands.SetProgram("k", 100, 500, EarnOn.PAID, 0, 365, 3000, 900, 300, 100),
            new Commands.SetProgram("k", 100, 500, EarnOn.PAID, 0, 365, 3000, 900, 300, 100),
            new Commands.SetProgram("k", 100, 600, EarnOn.PAID, 0, 365, 3000, 900, 300, 100));
        assertReplayAndConflict(
            new Commands.PutPartner("k", "coffee", "Coffee"),
            new Commands.PutPartner("k", "coffee", "Coffee"),
            new Commands.PutPartner("k", "coffee", "Tea"));
        assertReplayAndConflict(
            new Commands.PutStore("k", "s1", "main", Channel.POS, Map.of()),
            new Commands.PutStore("k", "s1", "main", Channel.POS, Map.of()),
            new Commands.PutStore("k", "s2", "main", Channel.POS, Map.of()));
        assertReplayAndConflict(
            new Commands.AddIdentifier("k", null, a, new Identifier(IdentifierType.EMAIL, "a@x")),
            new Commands.AddIdentifier("k", null, a, new Identifier(IdentifierType.EMAIL, "a@x")),
            new Commands.AddIdentifier("k", null, b, new Identifier(IdentifierType.EMAIL, "b@x")));
        assertReplayAndConflict(
            new Commands.AdjustPoints("k", a, 10, "x"),
            new Commands.AdjustPoints("k", a, 10, "x"),
            new Commands.AdjustPoints("k", a, 11, "x"));
        assertReplayAndConflict(
            new Commands.MergeMembers("k", a, b),
            new Commands.MergeMembers("k", a, b),
            new Commands.MergeMembers("k", a, c));
        assertReplayAndConflict(
            new Commands.CreateKey("k", "id1", KeyRole.POS, "main", "h1"),
            new Commands.CreateKey("k", "id2", KeyRole.POS, "main", "h2"),
            new Commands.CreateKey("k", "id3", KeyRole.ADMIN, null, "h3"));
        h.assertInvariants();
    }

    @Test
    void shouldReplayAndConflictForEveryPurchaseKey()
    {
        final String m = h.member("A");
        h.give(m, 1000);
        assertReplayAndConflict(h.authorizeCmd("t1", m, 10, 50000), h.authorizeCmd("t1", m, 10, 50000),
            h.authorizeCmd("t1", m, 10, 50001));
        assertReplayAndConflict(
            new Commands.OneShot(null, Harness.cheque("t2", "web", m, 10, 50000)),
            new Commands.OneShot(null, Harness.cheque("t2", "web", m, 10, 50000)),
            new Commands.OneShot(null, Harness.cheque("t2", "app", m, 10, 50000)));
        assertReplayAndConflict(
            new Commands.Refund(null, "t2", "rf", List.of(), 100),
            new Commands.Refund(null, "t2", "rf", List.of(), 100),
            new Commands.Refund(null, "t2", "rf", List.of(), 200));

        final Reply capture = h.send(new Commands.Capture(null, "t1"));
        final String captureText = ReplyText.of(capture);
        h.give(m, 3);
        assertEquals(captureText, ReplyText.of(h.send(new Commands.Capture(null, "t1"))));
        assertEquals(captureText, ReplyText.of(capture));
        h.authorize("t3", m, 0, 100);
        final Reply voided = h.send(new Commands.VoidPurchase(null, "t3"));
        assertEquals(ReplyText.of(voided), ReplyText.of(h.send(new Commands.VoidPurchase(null, "t3"))));
        h.assertInvariants();
    }

    @Test
    void shouldNotClaimAKeyWhenTheCommandIsRejected()
    {
        final String m = h.member("A");
        h.rejected(new Commands.PutStore("k1", "s1", "nobody", Channel.POS, Map.of()), ErrorCode.PARTNER_NOT_FOUND);
        h.ok(new Commands.PutStore("k1", "s1", "main", Channel.POS, Map.of()));
        h.rejected(new Commands.AdjustPoints("k2", m, -5, "x"), ErrorCode.INSUFFICIENT_POINTS);
        h.ok(new Commands.AdjustPoints("k2", m, 5, "x"));
        h.rejected(new Commands.CreateKey("k3", "id1", KeyRole.POS, "nobody", "h"), ErrorCode.PARTNER_NOT_FOUND);
        h.ok(new Commands.CreateKey("k3", "id1", KeyRole.POS, "main", "h"));
        h.rejected(new Commands.MergeMembers("k4", m, m), ErrorCode.INVALID_STATE);
        h.ok(new Commands.MergeMembers("k4", m, h.member("B")));
        h.rejected(new Commands.OneShot(null, Harness.cheque("t1", "web", m, 50, 100000)), ErrorCode.INSUFFICIENT_POINTS);
        h.oneShot("t1", m, 5, 100000);
        h.rejected(new Commands.Refund(null, "t1", "rf", List.of(), 100001), ErrorCode.REFUND_EXCEEDS_PURCHASE);
        h.refundAmount("t1", "rf", 100000);
        h.assertInvariants();
    }

    @Test
    void shouldCheckTheBodyAndThePosKeyBeforeTheKey()
    {
        h.ok(new Commands.PutPartner(h.rid(), "coffee", "Coffee"));
        h.ok(new Commands.PutStore(h.rid(), "s42", "coffee", Channel.POS, Map.of()));
        h.authorize("t1", null, 0, 100);
        h.rejected(new Commands.Authorize("coffee", Harness.cheque("t1", "web", null, 0, 100)), ErrorCode.FORBIDDEN);
        h.rejected(new Commands.Authorize(null, new PurchaseRequest(
            "t1", "web", null, null, null, List.of(new Line("A", null, 1, -1)), 0, false, List.of())),
            ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.Authorize("coffee", Harness.cheque("t1", "s42", null, 0, 100)),
            ErrorCode.IDEMPOTENCY_CONFLICT);
    }
}
