package dev.loyalty.tools.load;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.Journal;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.reply.ErrorReply;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Seeds a stopped engine by writing its journal: each member is a {@code CreateMember} command (card and phone)
 * and, with a starting balance, an {@code AdjustPoints} command, appended exactly as the engine's journaler
 * would append them, so that {@code serve} replays them like any other. The existing journal is replayed first
 * into a {@link BusinessLogic} of its own, and every new command is applied to it before it is appended: the
 * member ids come from the logic (the engine draws them from its counter), a card already taken stops the seeding
 * before anything wrong is written, and a member seeded before with the same keys is an idempotent replay. The
 * caller holds the data directory's lock.
 */
final class OfflineSeeder
{
    private static final long PROGRESS_EVERY = 100_000;

    private final Path journalDir;
    private final MemberNumbers numbers;
    private final PrintStream progress;

    OfflineSeeder(final Path journalDir, final MemberNumbers numbers, final PrintStream progress)
    {
        this.journalDir = journalDir;
        this.numbers = numbers;
        this.progress = progress;
    }

    /** Appends members {@code first} to {@code first + count - 1}; returns how many records the journal had. */
    long seed(final long first, final long count, final long points)
    {
        final BusinessLogic logic = new BusinessLogic(new ApiKeys(), BusinessLogic.DEFAULT_MAX_OPEN_HOLDS_PER_MEMBER);
        try (Journal journal = Journal.open(journalDir, Durability.ASYNC))
        {
            final long[] lastStamp = {0};
            final long startNs = System.nanoTime();
            final long existing = journal.replay(0, (sequence, stampMillis, command) ->
            {
                logic.apply(command, stampMillis);
                lastStamp[0] = Math.max(lastStamp[0], stampMillis);
            });
            if (existing > 0)
            {
                progress.printf("replayed the %,d records already in the journal in %,d ms%n", existing,
                    (System.nanoTime() - startNs) / 1_000_000);
            }
            final MemberIdWriter memberId = new MemberIdWriter();
            for (long i = first; i < first + count; i++)
            {
                final long stampMillis = Math.max(lastStamp[0], System.currentTimeMillis());
                final String card = numbers.card(i);
                final Commands.CreateMember create = new Commands.CreateMember(
                    SeedRequests.createId(card), null,
                    List.of(new Identifier(IdentifierType.CARD, card),
                        new Identifier(IdentifierType.PHONE, numbers.phone(i))),
                    null, null, Map.of());
                final Reply created = logic.apply(create, stampMillis);
                check(created, "member " + i + " (card " + card + ")");
                journal.append(create, stampMillis);
                if (points > 0)
                {
                    final Commands.AdjustPoints adjust = new Commands.AdjustPoints(
                        SeedRequests.adjustId(card), memberId.of(created), points, "seed");
                    check(logic.apply(adjust, stampMillis), "the balance of member " + i + " (card " + card + ")");
                    journal.append(adjust, stampMillis);
                }
                lastStamp[0] = stampMillis;
                final long done = i - first + 1;
                if (done % PROGRESS_EVERY == 0)
                {
                    progress.printf("  %,d members, %,.0f members/s%n", done,
                        done * 1e9 / (System.nanoTime() - startNs));
                    progress.flush();
                }
            }
            return existing;
        }
    }

    private static void check(final Reply reply, final String what)
    {
        if (reply instanceof ErrorReply error)
        {
            throw new IllegalStateException("the engine would refuse " + what + ": " + error.code() + " " +
                error.message() + "; nothing more was written");
        }
    }

    /** Reads {@code memberId} from a reply by rendering it. */
    static final class MemberIdWriter implements ReplyWriter
    {
        private int depth;
        private String memberId;

        String of(final Reply reply)
        {
            depth = 0;
            memberId = null;
            reply.writeTo(this);
            if (memberId == null)
            {
                throw new IllegalStateException("the reply has no memberId");
            }
            return memberId;
        }

        public void startObject()
        {
            depth++;
        }

        public void startObject(final String name)
        {
            depth++;
        }

        public void endObject()
        {
            depth--;
        }

        public void startArray(final String name)
        {
            depth++;
        }

        public void endArray()
        {
            depth--;
        }

        public void field(final String name, final long value)
        {
        }

        public void field(final String name, final String value)
        {
            if (depth == 1 && "memberId".equals(name))
            {
                memberId = value;
            }
        }

        public void field(final String name, final boolean value)
        {
        }

        public void nullField(final String name)
        {
        }

        public void value(final long value)
        {
        }

        public void value(final String value)
        {
        }
    }
}
