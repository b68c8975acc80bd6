package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyText;
import dev.loyalty.engine.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * State -> snapshot file -> a fresh business logic, at many points of the seeded mix of every command
 * ({@link DeterminismTest#workload}, with the admin commands it lacks spliced in): the restored logic has the
 * same state digest, keeps the invariants, and answers every following command byte for byte as the original
 * does, ending in the same digest again. State a snapshot leaves out changes the digest or an answer, so this
 * fails; a new journaled command type that the mix does not cover fails {@link #shouldCoverEveryJournaledCommand}.
 */
class SnapshotRoundTripTest
{
    private static final int WINDOW = 400;

    @TempDir
    Path dir;

    /** The mix, with partners, stores, keys and identifier additions spliced in along the way. */
    static List<DeterminismTest.Stamped> mix(final long seed)
    {
        final List<DeterminismTest.Stamped> base = DeterminismTest.workload(seed);
        final List<DeterminismTest.Stamped> out = new ArrayList<>(base.size() + 40);
        for (int i = 0; i < base.size(); i++)
        {
            final DeterminismTest.Stamped s = base.get(i);
            out.add(s);
            if (i % 500 == 250)
            {
                final int k = i / 500;
                final long at = s.stampMillis();
                out.add(new DeterminismTest.Stamped(new Commands.PutPartner("pp" + k, "partner" + k, "Partner " + k), at));
                out.add(new DeterminismTest.Stamped(new Commands.PutStore("ps" + k, "store" + k, "partner" + k,
                    Channel.values()[k % Channel.values().length], Map.of("city", "c" + k)), at));
                out.add(new DeterminismTest.Stamped(new Commands.CreateKey("pk" + k, "key" + k, KeyRole.POS,
                    "partner" + k, "ab".repeat(32)), at));
                out.add(new DeterminismTest.Stamped(new Commands.AddIdentifier("ai" + k, null, Ids.memberId(1 + k),
                    new Identifier(IdentifierType.EMAIL, "m" + k + "@example.org")), at));
                if (k % 2 == 1)
                {
                    out.add(new DeterminismTest.Stamped(new Commands.RevokeKey("key" + (k - 1)), at));
                }
            }
        }
        return out;
    }

    @Test
    void shouldRestoreTheSameStateAndAnswerEveryFollowingCommandTheSame()
    {
        final List<DeterminismTest.Stamped> commands = mix(1234);
        final BusinessLogic original = new BusinessLogic(new ApiKeys(), 5);
        int snapshots = 0;
        for (int from = 0; from < commands.size(); from += WINDOW)
        {
            final Path file = dir.resolve("snapshot-" + from + ".bin");
            SnapshotFile.write(file, from, original.engineTimeMillis(), original::writeSnapshot);
            final ApiKeys restoredKeys = new ApiKeys();
            final BusinessLogic restored = SnapshotFile.read(
                file, in -> BusinessLogic.readSnapshot(in, restoredKeys, 5));
            snapshots++;
            final String at = "after " + from + " commands";
            assertEquals(original.stateDigest(), restored.stateDigest(), at);
            assertEquals(List.of(), restored.checkInvariants(), at);
            assertEquals(original.nextDueAtMillis(), restored.nextDueAtMillis(), at);
            assertEquals(original.keys().size(), restoredKeys.size(), at);
            for (final String keyId : original.keys().keySet())
            {
                assertEquals(original.keys().get(keyId), restoredKeys.find(keyId), at);
            }

            final int to = Math.min(commands.size(), from + WINDOW);
            for (int i = from; i < to; i++)
            {
                final DeterminismTest.Stamped s = commands.get(i);
                final Reply expected = original.apply(s.command(), s.stampMillis());
                final Reply actual = restored.apply(s.command(), s.stampMillis());
                assertEquals(render(expected), render(actual), at + ", command " + i + ": " + s.command());
            }
            assertEquals(original.stateDigest(), restored.stateDigest(), "after " + to + " commands, restored at " + from);
        }
        assertTrue(snapshots > 10);
    }

    /**
     * Snapshots of snapshots: each window's snapshot is written by the logic restored from the one before, whose
     * members mostly stay in that file undecoded and are copied from it as they are; the chain answers every
     * command as the original does, and only at the end is everything decoded, for the digest.
     */
    @Test
    void shouldAnswerTheSameFromAChainOfSnapshotsWhoseMembersStayInTheirFiles()
    {
        final List<DeterminismTest.Stamped> mix = mix(4321);
        final List<DeterminismTest.Stamped> commands = new ArrayList<>();
        for (int i = 0; i < 3000; i++)
        {
            commands.add(new DeterminismTest.Stamped(new Commands.CreateMember("bystander-" + i, null,
                List.of(new Identifier(IdentifierType.CARD, "990" + i)), null, null, Map.of()),
                mix.get(0).stampMillis()));
        }
        commands.addAll(mix);
        final BusinessLogic original = new BusinessLogic(new ApiKeys(), 5);
        BusinessLogic chain = original;
        long copiedAtWrites = 0;
        for (int from = 0; from < commands.size(); from += WINDOW)
        {
            final Path file = dir.resolve("chain-" + from + ".bin");
            copiedAtWrites += countUndecoded(chain);
            SnapshotFile.write(file, from, chain.engineTimeMillis(), chain::writeSnapshot);
            chain = SnapshotFile.read(file, in -> BusinessLogic.readSnapshot(in, new ApiKeys(), 5));
            final int to = Math.min(commands.size(), from + WINDOW);
            for (int i = from; i < to; i++)
            {
                final DeterminismTest.Stamped s = commands.get(i);
                assertEquals(render(original.apply(s.command(), s.stampMillis())),
                    render(chain.apply(s.command(), s.stampMillis())),
                    "restored at " + from + ", command " + i + ": " + s.command());
            }
        }
        assertTrue(copiedAtWrites > 100, "members copied undecoded from one snapshot into the next: " + copiedAtWrites);
        assertEquals(original.stateDigest(), chain.stateDigest());
        assertEquals(List.of(), chain.checkInvariants());
        assertEquals(0, countUndecoded(chain), "the digest decoded every member");
        assertEquals(null, chain.members().undecoded(), "and the file was let go");
    }

    private static long countUndecoded(final BusinessLogic logic)
    {
        long n = 0;
        for (int number = 1; number <= logic.members().size(); number++)
        {
            n += logic.members().decoded(number) == null ? 1 : 0;
        }
        return n;
    }

    @Test
    void shouldCoverEveryJournaledCommand()
    {
        final Set<CommandType> applied = EnumSet.noneOf(CommandType.class);
        final BusinessLogic logic = new BusinessLogic(new ApiKeys(), 5);
        long windows = 0;
        int i = 0;
        for (final DeterminismTest.Stamped s : mix(1234))
        {
            if (logic.apply(s.command(), s.stampMillis()).errorCode() == null)
            {
                applied.add(s.command().type());
            }
            if (++i % WINDOW == 0)
            {
                for (final Member m : logic.members().values())
                {
                    windows += m.tierWindow == null ? 0 : m.tierWindow.size();
                }
            }
        }
        final Set<CommandType> journaled = EnumSet.noneOf(CommandType.class);
        for (final CommandType type : CommandType.values())
        {
            if (type.journaled())
            {
                journaled.add(type);
            }
        }
        journaled.removeAll(applied);
        assertEquals(Set.of(), journaled, "journaled commands the snapshot mix never applies successfully");
        for (final CommandType type : EnumSet.of(CommandType.SET_PROGRAM, CommandType.PUT_PARTNER,
            CommandType.PUT_STORE, CommandType.PUT_PROMOTION, CommandType.CREATE_COUPONS, CommandType.CREATE_MEMBER,
            CommandType.ADD_IDENTIFIER, CommandType.MERGE_MEMBERS, CommandType.ADJUST_POINTS,
            CommandType.RECORD_ACTIVITY, CommandType.CREATE_KEY, CommandType.PUT_TIERS, CommandType.PUT_ACHIEVEMENT,
            CommandType.PUT_LEADERBOARD))
        {
            assertTrue(type == CommandType.CREATE_MEMBER ? logic.memberCreations().size() > 0 :
                !logic.requestKeys().get(type).isEmpty(), "no " + type + " key kept in the mix");
        }
        assertTrue(!logic.refunds().isEmpty(), "no refund key kept in the mix");
        long tierChanges = 0;
        long progress = 0;
        for (final Member m : logic.members().values())
        {
            tierChanges += m.tierHistory.size();
            progress += m.achievements == null ? 0 : 1;
        }
        long boardEntries = 0;
        for (final Leaderboard b : logic.gamification().boardList)
        {
            boardEntries += b.ranks.size();
        }
        assertTrue(tierChanges > 0 && windows > 0 && progress > 0 && boardEntries > 0,
            "gamification state in the mix: tier changes " + tierChanges + ", window buckets at snapshot points " + windows +
            ", members with progress " + progress + ", board entries " + boardEntries);
    }

    static String render(final Reply reply)
    {
        return reply.httpStatus() + " " + ReplyText.of(reply);
    }
}
