package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.ErrorReply;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyText;
import dev.loyalty.engine.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compact idempotency keys of member creation, across the arrays they are laid out in and across a snapshot:
 * the same requestId and body answer the first answer, another body 409, for the first member, the last, and
 * members on either side of an array boundary.
 */
class MemberCreationsTest
{
    private static final long T = 1_796_000_000_000L;

    @TempDir
    Path dir;

    private static Commands.CreateMember create(final int i)
    {
        // long requestIds (up to the 64 characters allowed), so that the entries fill more than one array
        final String requestId = "create-member-request-" + i + "-" + "x".repeat(i % 30);
        return new Commands.CreateMember(requestId, null,
            List.of(new Identifier(IdentifierType.CARD, "card-" + i)), i % 3 == 0 ? "1990-05-01" : null, null,
            i % 5 == 0 ? Map.of("segment", "s" + i % 7) : Map.of());
    }

    @Test
    void shouldAnswerRepeatedCreationsAsTheFirstTimeAcrossArraysAndASnapshot()
    {
        final int members = 80_000;
        final BusinessLogic logic = new BusinessLogic(new ApiKeys());
        final String[] first = new String[members + 1];
        for (int i = 1; i <= members; i++)
        {
            final Reply reply = logic.apply(create(i), T + i);
            assertInstanceOf(MemberCreatedReply.class, reply);
            first[i] = ReplyText.of(reply);
        }
        assertTrue(logic.memberCreations().size() == members);
        final Path file = dir.resolve("snapshot.bin");
        SnapshotFile.write(file, members, logic.engineTimeMillis(), logic::writeSnapshot);
        final BusinessLogic restored = SnapshotFile.read(file, in -> BusinessLogic.readSnapshot(in, new ApiKeys(),
            BusinessLogic.DEFAULT_MAX_OPEN_HOLDS_PER_MEMBER));
        assertEquals(logic.stateDigest(), restored.stateDigest());

        for (final BusinessLogic l : List.of(logic, restored))
        {
            for (int i = 1; i <= members; i += (i < 100 || i > members - 100 ? 1 : 997))
            {
                assertEquals(first[i], ReplyText.of(l.apply(create(i), T + members + 1)), "member " + i);
                final Commands.CreateMember c = create(i);
                final Reply conflict = l.apply(new Commands.CreateMember(c.requestId(), null,
                    List.of(new Identifier(IdentifierType.CARD, "other-" + i)), null, null, Map.of()), T + members + 1);
                assertEquals(ErrorCode.IDEMPOTENCY_CONFLICT, ((ErrorReply)conflict).errorCode(), "member " + i);
            }
            assertEquals(members, l.memberCreations().size(), "replays and conflicts create nothing");
        }
        // the store goes on growing after a restore
        final Reply next = restored.apply(create(members + 1), T + members + 2);
        assertEquals(ReplyText.of(logic.apply(create(members + 1), T + members + 2)), ReplyText.of(next));
        assertEquals(logic.stateDigest(), restored.stateDigest());
    }
}
