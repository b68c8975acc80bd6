package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyText;
import dev.loyalty.engine.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Members of a loaded snapshot stay in its file until asked for ({@link MemberTable}, {@link IdentifierIndex}):
 * every card finds its member, an unknown card decodes nobody, a taken card is refused, identifiers that a
 * merge moves and ones added after the load are found at their new owner, a member asked for once is decoded
 * once, and the snapshot written next (copying the undecoded as they are) loads to the same state.
 */
class LazyMembersTest
{
    private static final int MEMBERS = 5_000;
    private static final long T = 1_796_450_100_000L;

    @TempDir
    Path dir;

    private static String card(final int i)
    {
        return "4400" + i;
    }

    private BusinessLogic loaded(final BusinessLogic from, final String name)
    {
        final Path file = dir.resolve(name);
        SnapshotFile.write(file, 1, from.engineTimeMillis(), from::writeSnapshot);
        return SnapshotFile.read(file, in -> BusinessLogic.readSnapshot(in, new ApiKeys(), 5));
    }

    private static int decoded(final BusinessLogic logic)
    {
        int n = 0;
        for (int number = 1; number <= logic.members().size(); number++)
        {
            n += logic.members().decoded(number) != null ? 1 : 0;
        }
        return n;
    }

    private static Reply byCard(final BusinessLogic logic, final String card)
    {
        return logic.apply(new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, card)), T);
    }

    @Test
    void shouldFindEveryMemberByCardDecodingOnlyThoseAskedFor()
    {
        final BusinessLogic original = new BusinessLogic(new ApiKeys(), 5);
        for (int i = 0; i < MEMBERS; i++)
        {
            final Reply r = original.apply(new Commands.CreateMember("c" + i, null,
                List.of(new Identifier(IdentifierType.CARD, card(i)), new Identifier(IdentifierType.PHONE, "+7999" + i)),
                null, null, Map.of()), T);
            assertNull(r.errorCode(), ReplyText.of(r));
        }
        final BusinessLogic logic = loaded(original, "a.bin");
        assertEquals(0, decoded(logic), "the load decodes no member that nothing refers to");

        for (int i = 0; i < 100; i++)
        {
            assertEquals(ErrorCode.MEMBER_NOT_FOUND, byCard(logic, "5500" + i).errorCode());
        }
        assertEquals(0, decoded(logic), "unknown cards decode nobody");

        for (int i = 0; i < MEMBERS; i += 7)
        {
            final Reply r = byCard(logic, card(i));
            assertEquals(ReplyText.of(original.apply(new Commands.GetMember(null,
                MemberRef.byIdentifier(IdentifierType.CARD, card(i))), T)), ReplyText.of(r));
            assertTrue(ReplyText.of(r).contains(Ids.memberId(i + 1)), ReplyText.of(r));
        }
        final int asked = (MEMBERS + 6) / 7;
        assertEquals(asked, decoded(logic), "one decoded member per card asked for");

        final Reply taken = logic.apply(new Commands.CreateMember("again", null,
            List.of(new Identifier(IdentifierType.PHONE, "+79991")), null, null, Map.of()), T);
        assertEquals(ErrorCode.IDENTIFIER_TAKEN, taken.errorCode(), "a phone an undecoded member holds is taken");

        // a merge moves the source's cards to the target; an identifier added after the load is found
        final Reply merged = logic.apply(new Commands.MergeMembers("mg", Ids.memberId(3), Ids.memberId(4)), T);
        assertNull(merged.errorCode(), ReplyText.of(merged));
        assertTrue(ReplyText.of(byCard(logic, card(3))).contains(Ids.memberId(3)), "card 3 -> member 4 -> 3");
        final Reply added = logic.apply(new Commands.AddIdentifier("ad", null, Ids.memberId(10),
            new Identifier(IdentifierType.EMAIL, "ten@example.org")), T);
        assertNull(added.errorCode(), ReplyText.of(added));
        assertTrue(ReplyText.of(logic.apply(new Commands.GetMember(null,
            MemberRef.byIdentifier(IdentifierType.EMAIL, "ten@example.org")), T)).contains(Ids.memberId(10)));

        // the next snapshot copies the undecoded members as they are and loads to the same state
        original.apply(new Commands.MergeMembers("mg", Ids.memberId(3), Ids.memberId(4)), T);
        original.apply(new Commands.AddIdentifier("ad", null, Ids.memberId(10),
            new Identifier(IdentifierType.EMAIL, "ten@example.org")), T);
        assertTrue(decoded(logic) < MEMBERS / 2);
        final BusinessLogic next = loaded(logic, "b.bin");
        assertTrue(ReplyText.of(byCard(next, card(3))).contains(Ids.memberId(3)), "the merge survives the copy");
        assertEquals(ErrorCode.MEMBER_NOT_FOUND, byCard(next, "5500").errorCode());
        // the identifier table the writer made, of copied members (read from their records) and decoded ones
        for (int i = 0; i < MEMBERS; i++)
        {
            final String expected = Ids.memberId(i == 3 ? 3 : i + 1); // member 4 was merged into 3
            assertTrue(ReplyText.of(byCard(next, card(i))).contains(expected), "card " + i + " -> " + expected);
        }
        assertTrue(ReplyText.of(next.apply(new Commands.GetMember(null,
            MemberRef.byIdentifier(IdentifierType.EMAIL, "ten@example.org")), T)).contains(Ids.memberId(10)));
        assertEquals(original.stateDigest(), next.stateDigest());
        assertEquals(original.stateDigest(), logic.stateDigest());
        assertEquals(List.of(), next.checkInvariants());
    }
}
