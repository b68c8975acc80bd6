package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.sbe.MessageHeaderDecoder;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandCodecTest
{
    private static final int OFFSET = 13;

    private final CommandCodec codec = new CommandCodec();
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(64);

    @Test
    void shouldHaveASampleOfEveryJournaledCommandType()
    {
        final Set<CommandType> journaled = Arrays.stream(CommandType.values())
            .filter(CommandType::journaled)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(CommandType.class)));

        assertEquals(journaled, CommandSamples.full().keySet());
        assertEquals(journaled, CommandSamples.sparse().keySet());
    }

    @Test
    void shouldRoundTripEveryJournaledCommandWithEveryFieldSet()
    {
        for (final Command command : CommandSamples.full().values())
        {
            assertRoundTrip(command);
        }
    }

    @Test
    void shouldRoundTripEveryJournaledCommandWithOptionalFieldsNullOrEmpty()
    {
        for (final Command command : CommandSamples.sparse().values())
        {
            assertRoundTrip(command);
        }
    }

    @Test
    void shouldTellANullStringFromAnEmptyOne()
    {
        final Commands.PutPartner nullName = new Commands.PutPartner("p-1", "main", null);
        final Commands.PutPartner emptyName = new Commands.PutPartner("p-1", "main", "");

        assertEquals(nullName, assertRoundTrip(nullName));
        assertEquals(emptyName, assertRoundTrip(emptyName));
    }

    @Test
    void shouldWriteTheCommandsTemplateIdInTheMessageHeader()
    {
        for (final Command command : CommandSamples.full().values())
        {
            codec.encode(command, buffer, OFFSET);
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, OFFSET);

            assertEquals(command.type().templateId(), header.templateId(), command.type().name());
            assertEquals(MessageHeaderDecoder.SCHEMA_ID, header.schemaId());
        }
    }

    @Test
    void shouldRoundTripEveryEnumConstant()
    {
        for (final Channel channel : Channel.values())
        {
            assertRoundTrip(new Commands.PutStore("s", "s", "p", channel, Map.of()));
        }
        for (final IdentifierType type : IdentifierType.values())
        {
            assertRoundTrip(new Commands.AddIdentifier("r", null, "m", new Identifier(type, "v")));
            assertRoundTrip(new Commands.Authorize(null, purchaseBy(MemberRef.byIdentifier(type, "v"))));
        }
        for (final KeyRole role : KeyRole.values())
        {
            assertRoundTrip(new Commands.CreateKey("r", "k", role, null, "00"));
        }
        for (final EarnOn earnOn : EarnOn.values())
        {
            assertRoundTrip(new Commands.SetProgram("r", 1, 2, earnOn, 3, 4, 5, 6, 7, 8));
        }
        for (final Stacking stacking : Stacking.values())
        {
            assertRoundTrip(new Commands.PutPromotion("r", "p", "n", true, 0, stacking, null, null, null));
        }
        assertRoundTrip(new Commands.PutPromotion("r", "p", "n", true, 0, Stacking.STACK, new PromotionWhen(
            List.of(Channel.values()), null, null, null, null, null, null, null, null, false, 0, null, null,
            List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), null, -1, false, "APP_INSTALL"),
            PromotionThen.NONE, PromotionLimits.NONE));
        for (final IdentifierType type : IdentifierType.values())
        {
            assertRoundTrip(new Commands.RecordActivity("r", null, MemberRef.byIdentifier(type, "v"), "REVIEW", "app",
                null, Map.of()));
        }
    }

    @Test
    void shouldRoundTripAPromotionWithEveryConditionEffectAndLimit()
    {
        final Commands.PutPromotion full = CommandSamples.fullPromotion();

        final Commands.PutPromotion decoded = (Commands.PutPromotion)assertRoundTrip(full);

        assertEquals(full.when(), decoded.when());
        assertEquals(full.then(), decoded.then());
        assertEquals(full.limits(), decoded.limits());
        assertEquals(List.of("SKU-1", "SKU-" + CommandSamples.EMOJI), decoded.when().skus());
    }

    @Test
    void shouldRoundTripTheMostCouponsOneRequestMayCreate()
    {
        final List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++)
        {
            codes.add("GEN-" + Integer.toString(i * 7919 + 13, 36) + "-" + i);
        }

        final Commands.CreateCoupons decoded =
            (Commands.CreateCoupons)assertRoundTrip(new Commands.CreateCoupons("c-9", "pr-1", codes, true, 1));

        assertEquals(codes, decoded.codes());
    }

    @Test
    void shouldCompareGeneratedCouponBatchesByCountNotByCodes()
    {
        final Commands.CreateCoupons first = new Commands.CreateCoupons("c-2", "pr-1", List.of("A1", "B2"), true, 1);

        assertTrue(first.sameBody(new Commands.CreateCoupons("c-2", "pr-1", List.of("X9", "Y8"), true, 1)));
        assertFalse(first.sameBody(new Commands.CreateCoupons("c-2", "pr-1", List.of("X9"), true, 1)));
        assertFalse(first.sameBody(new Commands.CreateCoupons("c-2", "pr-1", List.of("A1", "B2"), false, 1)));
        assertFalse(new Commands.CreateCoupons("c-2", "pr-1", List.of("A1"), false, 1)
            .sameBody(new Commands.CreateCoupons("c-2", "pr-1", List.of("A2"), false, 1)));
    }

    @Test
    void shouldRoundTripTheLargestPurchaseAndLongUnicodeText()
    {
        final Commands.OneShot largest = CommandSamples.largestPurchase();
        final String longReason = ("Причина " + CommandSamples.EMOJI).repeat(3000);

        assertRoundTrip(largest);
        assertRoundTrip(new Commands.AdjustPoints("adj", "m_1", 1, longReason));
        assertTrue(longReason.getBytes(StandardCharsets.UTF_8).length > 64 * 1024);
    }

    @Test
    void shouldEncodeStringsExactlyAsStringGetBytesDoes()
    {
        final String[] values = {"", "ascii", CommandSamples.CYRILLIC, CommandSamples.EMOJI, "\u07ff\u0800\uffff",
            "lone \ud83d surrogate", "reversed \udc00\ud83d pair", "end \ud83d"};
        final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);
        for (final String value : values)
        {
            final int length = Utf8.encode(value, out, 0);
            final byte[] actual = new byte[length];
            out.getBytes(0, actual);

            assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), actual, value);
        }
    }

    @Test
    void shouldRejectCommandsThatAreNotJournaled()
    {
        final List<Command> reads = List.of(
            new Commands.GetMember(null, MemberRef.byId("m_1")),
            new Commands.GetLedger(null, "m_1", 50, -1),
            new Commands.GetPurchase(null, "tx"),
            new Commands.Calculate(null, purchaseBy(null)),
            new Commands.GetProgram(),
            new Commands.GetPartner("main"),
            new Commands.GetStore(null, "web"),
            new Commands.GetPromotion("pr-1"),
            new Commands.ListPromotions(),
            new GamificationCommands.GetTiers(),
            new GamificationCommands.GetAchievement("ac-1"),
            new GamificationCommands.ListAchievements(),
            new GamificationCommands.GetMemberAchievements(null, "m_1"),
            new GamificationCommands.GetLeaderboard(null, "lb", 10),
            new GamificationCommands.GetLeaderboardMember(null, "lb", "m_1"));
        assertEquals(
            Arrays.stream(CommandType.values()).filter(type -> !type.journaled()).collect(Collectors.toSet()),
            reads.stream().map(Command::type).collect(Collectors.toSet()));

        for (final Command read : reads)
        {
            assertThrows(IllegalArgumentException.class, () -> codec.encode(read, buffer, 0), read.type().name());
        }
    }

    @Test
    void shouldRejectAPurchaseWithoutItsRequest()
    {
        assertThrows(IllegalArgumentException.class,
            () -> codec.encode(new Commands.Authorize("p", null), buffer, 0));
    }

    @Test
    void shouldRejectATruncatedOrOverlongMessage()
    {
        final int length = codec.encode(CommandSamples.full().get(CommandType.AUTHORIZE), buffer, OFFSET);

        for (final int wrongLength : new int[] {0, 7, 8, length / 2, length - 1, length + 1})
        {
            assertThrows(IllegalArgumentException.class, () -> codec.decode(buffer, OFFSET, wrongLength),
                "length " + wrongLength);
        }
    }

    @Test
    void shouldRejectAnUnknownTemplateId()
    {
        final int length = codec.encode(new Commands.Tick(), buffer, 0);
        buffer.putShort(2, (short)999);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> codec.decode(buffer, 0, length));
        assertTrue(ex.getMessage().contains("999"), ex.getMessage());
    }

    private static dev.loyalty.engine.command.PurchaseRequest purchaseBy(final MemberRef member)
    {
        return new dev.loyalty.engine.command.PurchaseRequest("tx", "s", member, null, null,
            List.of(new dev.loyalty.engine.command.Line("SKU", null, 1, 1)), 0, false, List.of());
    }

    private Command assertRoundTrip(final Command command)
    {
        final int length = codec.encode(command, buffer, OFFSET);
        final Command decoded = codec.decode(buffer, OFFSET, length);

        assertEquals(command, decoded, command.type().name());
        assertNotSame(command, decoded);
        assertEquals(length, codec.encode(decoded, buffer, OFFSET), "re-encoded length of " + command.type());
        return decoded;
    }
}
